"""Send one email to a list of addresses and report, per address, what the relay did with it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage

from services.notifier.smtp import PermanentDeliveryError, send_email, split_addresses
from vigie.settings import Settings


@dataclass(frozen=True)
class EmailOutcome:
    """`status` is `sent`, `invalid_recipient` (no address could be tried) or `rejected` (the relay refused all)."""

    status: str
    detail: str | None = None
    rejected_recipients: dict[str, str] = field(default_factory=dict)

    def ledger_fields(self) -> dict[str, object]:
        # MongoDB field names may not contain dots, so the refusals are stored as a list.
        return {"rejected_recipients": [{"address": address, "reason": reason}
                                        for address, reason in self.rejected_recipients.items()]}


async def send_to(settings: Settings, build: Callable[[tuple[str, ...]], EmailMessage],
                  addresses: tuple[str, ...]) -> EmailOutcome:
    """Send the message built for the valid addresses; TransientDeliveryError propagates for a retry."""
    valid, invalid = split_addresses(addresses)
    rejected = {address: "invalid address" for address in invalid}
    if not valid:
        return EmailOutcome("invalid_recipient", f"no valid address among {list(addresses)}", rejected)

    try:
        refused = await send_email(settings, build(valid))
    except PermanentDeliveryError as exc:
        rejected.update({address: str(exc) for address in valid})
        return EmailOutcome("rejected", str(exc), rejected)

    rejected.update(refused)
    if len(refused) == len(valid):
        return EmailOutcome("rejected", "the relay refused every recipient", rejected)
    detail = f"{len(rejected)} recipient(s) not reached" if rejected else None
    return EmailOutcome("sent", detail, rejected)

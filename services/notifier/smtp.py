"""Send messages through SMTP with aiosmtplib, classing failures as permanent or transient."""

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

import aiosmtplib

from vigie.settings import Settings

# Deliberately loose: the relay is the judge of deliverability, this only catches typos such as a
# missing domain or a space, which no retry can fix.
ADDRESS_PATTERN = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class PermanentDeliveryError(Exception):
    """Raised when the server rejected the recipients or the message: retrying will not help."""


class TransientDeliveryError(Exception):
    """Raised when the server was unreachable or returned a 4xx code: retry later."""


def split_addresses(addresses: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (valid, invalid) addresses."""
    valid = tuple(address for address in addresses if ADDRESS_PATTERN.match(address))
    invalid = tuple(address for address in addresses if address not in valid)
    return valid, invalid


async def send_email(settings: Settings, message: EmailMessage) -> dict[str, str]:
    """Send the message and return the recipients the server refused while accepting the others."""
    if "Date" not in message:
        # RFC 5322 requires it, and mail clients sort and display by it.
        message["Date"] = format_datetime(datetime.now(UTC))
    password = settings.SMTP_PASSWORD.get_secret_value() if settings.SMTP_PASSWORD else None
    try:
        refused, _ = await aiosmtplib.send(
            message,
            hostname=settings.SMTP_HOST,
            port=settings.SMTP_PORT,
            username=settings.SMTP_USERNAME,
            password=password,
            start_tls=settings.SMTP_STARTTLS,
            timeout=settings.SMTP_TIMEOUT_SECONDS,
        )
    except aiosmtplib.SMTPRecipientsRefused as exc:
        codes = [refusal.code for refusal in exc.recipients]
        if codes and all(400 <= code < 500 for code in codes):
            raise TransientDeliveryError(str(exc)) from exc
        raise PermanentDeliveryError(str(exc)) from exc
    except (aiosmtplib.SMTPSenderRefused, aiosmtplib.SMTPDataError) as exc:
        if 400 <= exc.code < 500:
            raise TransientDeliveryError(str(exc)) from exc
        raise PermanentDeliveryError(str(exc)) from exc
    except (aiosmtplib.SMTPException, OSError) as exc:
        raise TransientDeliveryError(str(exc)) from exc
    return {recipient: f"{response.code} {response.message}" for recipient, response in refused.items()}

"""Send each practice's digests once per period, at the practice's local hour.

The `digests` collection is the ledger, unique on (tenant_id, practice_ref, period, period_start). A run
claims an entry before building the digest and marks it after sending. A notifier that restarts in the
middle of a run finds the entry claimed and leaves it until the claim times out, then retries it, so a
digest is sent once except when the crash falls between the send and the mark.
"""

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.api.repository import TenantRepository
from services.notifier.digests.data import PERIOD_KINDS, Period, collect_digest, due_period
from services.notifier.digests.message import build_digest_email
from services.notifier.mailer import send_to
from services.notifier.preferences import Preferences, build_preferences
from services.notifier.smtp import TransientDeliveryError
from vigie.logs import get_logger
from vigie.metrics import DIGESTS_SENT
from vigie.mongo import Document
from vigie.settings import Settings

log = get_logger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DigestRunner:
    def __init__(self, settings: Settings, database: AsyncDatabase[Document],
                 clock: Callable[[], datetime] = _utc_now):
        self._settings = settings
        self._database = database
        self._clock = clock
        self._claim_timeout = timedelta(seconds=settings.DIGEST_CLAIM_TIMEOUT_SECONDS)

    async def send_due(self) -> int:
        """Send every digest whose time has come and that was not sent yet; return how many were sent."""
        # NOTE: this walks every practice on every tick; past a few thousand practices, keep a
        # next-send time per practice and query on it instead.
        sent = 0
        tenants: dict[str, Document] = {}
        async for practice in self._database.practices.find({}):
            tenant_id = str(practice["tenant_id"])
            if tenant_id not in tenants:
                tenants[tenant_id] = await self._database.tenants.find_one({"_id": tenant_id}) or {}
            preferences = build_preferences(tenants[tenant_id], practice, tenant_id, str(practice["practice_ref"]),
                                            self._settings.DIGEST_DEFAULT_HOUR)
            for kind in PERIOD_KINDS:
                period = due_period(kind, preferences.digests, self._clock(), preferences.timezone)
                if period is not None and await self.send(preferences, period):
                    sent += 1
        return sent

    async def send(self, preferences: Preferences, period: Period) -> bool:
        """Send one digest unless the ledger shows it sent or being sent; return True when it was sent now."""
        key = {"tenant_id": preferences.tenant_id, "practice_ref": preferences.practice_ref,
               "period": period.kind, "period_start": period.start.isoformat()}
        if not await self._claim(key):
            return False
        if not preferences.emails:
            await self._mark(key, "no_recipient", "the practice has no alert email")
            DIGESTS_SENT.labels(period.kind, "no_recipient").inc()
            return False

        reader = TenantRepository(self._database, preferences.tenant_id)
        data = await collect_digest(reader, preferences.practice_ref, preferences.practice_name, period)

        def build(recipients: tuple[str, ...]) -> EmailMessage:
            return build_digest_email(data, preferences, self._settings.MAIL_FROM, recipients)

        try:
            outcome = await send_to(self._settings, build, preferences.emails)
        except TransientDeliveryError as exc:
            # Error: give the claim back at once, so the next tick retries instead of waiting for the timeout.
            await self._database.digests.update_one(key, {"$set": {"claimed_at": self._clock() - self._claim_timeout,
                                                                   "detail": str(exc)}})
            DIGESTS_SENT.labels(period.kind, "retried").inc()
            log.warning("digest not sent; retrying on the next tick", practice_ref=preferences.practice_ref,
                        period=period.kind, error=str(exc))
            return False
        await self._mark(key, outcome.status, outcome.detail, **outcome.ledger_fields())
        DIGESTS_SENT.labels(period.kind, outcome.status).inc()
        log.info("digest handled", practice_ref=preferences.practice_ref, period=period.kind,
                 period_start=period.start.isoformat(), outcome=outcome.status)
        return outcome.status == "sent"

    async def _claim(self, key: Mapping[str, object]) -> bool:
        now = self._clock()
        try:
            await self._database.digests.insert_one({**key, "status": "sending", "claimed_at": now, "attempts": 1})
            return True
        except DuplicateKeyError:
            retried = await self._database.digests.find_one_and_update(
                {**key, "status": "sending", "claimed_at": {"$lte": now - self._claim_timeout}},
                {"$set": {"claimed_at": now}, "$inc": {"attempts": 1}},
                return_document=ReturnDocument.AFTER,
            )
            return retried is not None

    async def _mark(self, key: Mapping[str, object], status: str, detail: str | None, **fields: object) -> None:
        await self._database.digests.update_one(
            key, {"$set": {"status": status, "detail": detail, "finished_at": self._clock(), **fields}}
        )

"""The delivery ledger: one entry per alert and channel, so a redelivered alert is sent once.

An entry is claimed (`sending`) before sending and then marked with its outcome: `sent`, `grouped` (folded
into an incident already notified), `deferred` (quiet hours), `below_threshold`, `no_recipient`,
`invalid_recipient` or `rejected`. A crash between claim and mark leaves a `sending` entry that the next
delivery of the same alert retries, so an alert may be sent twice in that narrow case but never lost.
Each entry keeps the alert itself, so deferred alerts and incident updates can be rebuilt from it.
"""

from datetime import UTC, datetime, timedelta

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts.events import AlertRaised
from vigie.mongo import Document

# A released deferred entry still `sending` after this long belongs to a crashed run and is released again.
RELEASE_CLAIM_TIMEOUT = timedelta(minutes=10)


class DeliveryLedger:
    def __init__(self, database: AsyncDatabase[Document]):
        self._notifications = database.notifications

    async def claim(self, alert: AlertRaised, channel: str) -> bool:
        """Return True when this alert still has to be handled on this channel."""
        try:
            await self._notifications.insert_one(
                {"alert_id": alert.alert_id, "channel": channel, "tenant_id": alert.tenant_id,
                 "practice_ref": alert.practice_ref, "incident_key": alert.incident_key, "status": "sending",
                 "attempts": 1, "alert": alert.model_dump(mode="json"), "created_at": datetime.now(UTC)}
            )
            return True
        except DuplicateKeyError:
            existing = await self._notifications.find_one_and_update(
                {"alert_id": alert.alert_id, "channel": channel, "status": "sending"},
                {"$inc": {"attempts": 1}},
            )
            return existing is not None

    async def mark(self, alert_id: str, channel: str, status: str, detail: str | None = None,
                   **fields: object) -> None:
        await self._notifications.update_one(
            {"alert_id": alert_id, "channel": channel},
            {"$set": {"status": status, "detail": detail, "updated_at": datetime.now(UTC), **fields}},
        )

    async def defer(self, alert_id: str, channel: str, deliver_after: datetime) -> None:
        await self.mark(alert_id, channel, "deferred", "quiet hours", deliver_after=deliver_after)

    async def release_due(self, channel: str, now: datetime) -> AlertRaised | None:
        """Claim one deferred alert whose quiet hours are over, or None when there is none."""
        entry = await self._notifications.find_one_and_update(
            {"channel": channel, "$or": [
                {"status": "deferred", "deliver_after": {"$lte": now}},
                {"status": "sending", "released_at": {"$lte": now - RELEASE_CLAIM_TIMEOUT}},
            ]},
            {"$set": {"status": "sending", "released_at": now}},
            sort=[("deliver_after", 1)],
            return_document=ReturnDocument.AFTER,
        )
        if entry is None:
            return None
        return AlertRaised.model_validate(entry["alert"])

    async def alerts(self, alert_ids: list[str], channel: str) -> list[AlertRaised]:
        """Return the stored alerts among `alert_ids`, oldest first."""
        cursor = self._notifications.find({"alert_id": {"$in": alert_ids}, "channel": channel}).sort("created_at", 1)
        return [AlertRaised.model_validate(entry["alert"]) async for entry in cursor]

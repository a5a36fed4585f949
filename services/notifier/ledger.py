"""The delivery ledger: one entry per alert and channel, so a redelivered alert is sent once.

An entry is claimed before sending and marked sent after. A crash between the two leaves a `sending`
entry that the next delivery of the same alert retries, so an alert may be sent twice in that narrow
case but never lost.
"""

from datetime import UTC, datetime

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from vigie.mongo import Document


class DeliveryLedger:
    def __init__(self, database: AsyncDatabase[Document]):
        self._notifications = database.notifications

    async def claim(self, alert_id: str, channel: str, tenant_id: str) -> bool:
        """Return True when this alert still has to be sent on this channel."""
        try:
            await self._notifications.insert_one(
                {"alert_id": alert_id, "channel": channel, "tenant_id": tenant_id, "status": "sending",
                 "attempts": 1, "created_at": datetime.now(UTC)}
            )
            return True
        except DuplicateKeyError:
            existing = await self._notifications.find_one_and_update(
                {"alert_id": alert_id, "channel": channel, "status": "sending"},
                {"$inc": {"attempts": 1}},
            )
            return existing is not None

    async def mark(self, alert_id: str, channel: str, status: str, detail: str | None = None) -> None:
        await self._notifications.update_one(
            {"alert_id": alert_id, "channel": channel},
            {"$set": {"status": status, "detail": detail, "updated_at": datetime.now(UTC)}},
        )

"""One email per incident: the first alert of an incident is sent, later ones update it at most hourly.

`incident_notifications` contains one record per tenant, incident key and channel: the alerts it gathered,
when the first email and the last update went out, and whether an update is pending. Claims are
conditional updates, so the consumer and the periodic task never send the same update twice.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts.events import AlertRaised
from vigie.mongo import Document

# A first email that failed for good (no valid recipient) lets the next alert of the incident try again.
RETRYABLE_STATUSES = ("rejected", "invalid_recipient", "no_recipient")


class Decision(StrEnum):
    FIRST = "first"
    UPDATE = "update"
    GROUPED = "grouped"


@dataclass(frozen=True)
class IncidentRecord:
    decision: Decision
    record: Document


class IncidentLedger:
    def __init__(self, database: AsyncDatabase[Document], update_interval: timedelta):
        self._records = database.incident_notifications
        self._interval = update_interval

    async def record(self, alert: AlertRaised, channel: str, now: datetime) -> IncidentRecord:
        """Add the alert to its incident and decide whether it sends the first email, an update, or nothing."""
        key = {"tenant_id": alert.tenant_id, "incident_key": alert.incident_key, "channel": channel}
        try:
            document: Document = {**key, "practice_ref": alert.practice_ref, "first_alert_id": alert.alert_id,
                                  "alert_ids": [alert.alert_id], "status": "sending", "update_pending": False,
                                  "sent_count": 0, "created_at": now, "first_sent_at": None, "last_sent_at": None}
            await self._records.insert_one(document)
            return IncidentRecord(Decision.FIRST, document)
        except DuplicateKeyError:
            pass

        record = await self._records.find_one_and_update(
            key, {"$addToSet": {"alert_ids": alert.alert_id}}, return_document=ReturnDocument.AFTER
        )
        assert record is not None  # the insert above failed on this very key
        if record["first_alert_id"] == alert.alert_id and record["status"] == "sending":
            return IncidentRecord(Decision.FIRST, record)  # a retry of the first email
        if record["status"] in RETRYABLE_STATUSES:
            retried = await self._records.find_one_and_update(
                {**key, "status": record["status"]},
                {"$set": {"status": "sending", "first_alert_id": alert.alert_id}},
                return_document=ReturnDocument.AFTER,
            )
            if retried is not None:
                return IncidentRecord(Decision.FIRST, retried)
        if record["status"] == "sent" and alert.alert_id in list(record.get("notified_alert_ids") or []):  # type: ignore[call-overload]
            # An email already listed this alert, e.g. the first email of a review with several categories.
            return IncidentRecord(Decision.GROUPED, record)
        if record["status"] == "sent" and record["last_sent_at"] <= now - self._interval:  # type: ignore[operator]
            claimed = await self.claim_update(record, now)
            if claimed is not None:
                return IncidentRecord(Decision.UPDATE, claimed)

        await self._records.update_one(key, {"$set": {"update_pending": True}})
        return IncidentRecord(Decision.GROUPED, record)

    async def claim_update(self, record: Document, now: datetime) -> Document | None:
        """Take the right to send the next update; None when another task took it or it is too early."""
        return await self._records.find_one_and_update(
            {"_id": record["_id"], "status": "sent", "last_sent_at": record["last_sent_at"]},
            {"$set": {"last_sent_at": now, "update_pending": False, "previous_sent_at": record["last_sent_at"]}},
            return_document=ReturnDocument.AFTER,
        )

    async def release_update(self, record: Document) -> None:
        """Give back a claimed update that could not be sent, so a later tick retries it."""
        await self._records.update_one(
            {"_id": record["_id"]},
            {"$set": {"last_sent_at": record.get("previous_sent_at"), "update_pending": True}},
        )

    async def mark(self, record: Document, status: str, now: datetime | None = None,
                   notified_alert_ids: Sequence[str] = ()) -> None:
        """Record the outcome of an email; when sent, remember which alerts it listed."""
        changes: dict[str, object] = {"status": status}
        if status == "sent":
            sent_at = now or datetime.now(UTC)
            changes["last_sent_at"] = sent_at
            changes["first_sent_at"] = record.get("first_sent_at") or sent_at
        update: dict[str, object] = {"$set": changes}
        if status == "sent":
            update["$inc"] = {"sent_count": 1}
            update["$addToSet"] = {"notified_alert_ids": {"$each": list(notified_alert_ids)}}
        await self._records.update_one({"_id": record["_id"]}, update)

    async def due_updates(self, now: datetime, limit: int = 100) -> list[Document]:
        cursor = self._records.find(
            {"update_pending": True, "status": "sent", "last_sent_at": {"$lte": now - self._interval}}
        ).limit(limit)
        return [record async for record in cursor]

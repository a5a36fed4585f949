"""What every connector does with the items it mapped: publish them, keep their raw bytes, count them."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from pymongo.asynchronous.database import AsyncDatabase

from contracts.events import ReviewReceived
from contracts.ids import review_id_for
from services.ingest.publisher import IncomingItem, PublishResult, ReviewPublisher, content_sha256
from services.ingest.raw_store import RawPayload, save_raw_payloads
from services.ingest.state import IngestState
from vigie.http import ApiError, ErrorDetail
from vigie.logs import get_logger
from vigie.metrics import INGEST_EVENTS
from vigie.mongo import Document

log = get_logger(__name__)


@dataclass
class SourceItem(IncomingItem):
    """An item with its action and the exact bytes to keep; without `raw_bytes` the JSON of `raw` is kept."""

    action: Literal["upsert", "delete"] = "upsert"
    raw_bytes: bytes | None = None
    raw_content_type: str = "application/json"

    def raw_content(self) -> bytes:
        if self.raw_bytes is not None:
            return self.raw_bytes
        return json.dumps(self.raw, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


class SourcePublisher(ReviewPublisher):
    """The ingest publisher, extended with deletions: a deletion is new unless the review is already deleted."""

    async def _drop_duplicates(  # type: ignore[override]
        self, tenant_id: str, items: list[IncomingItem], result: PublishResult
    ) -> list[tuple[IncomingItem, str]]:
        upserts = [item for item in items if _action(item) == "upsert"]
        deletions = [item for item in items if _action(item) == "delete"]
        fresh = await super()._drop_duplicates(tenant_id, upserts, result)
        fresh.extend(await self._drop_repeated_deletions(tenant_id, deletions, result))
        fresh.sort(key=lambda pair: pair[0].index)
        return fresh

    async def _drop_repeated_deletions(
        self, tenant_id: str, items: list[IncomingItem], result: PublishResult
    ) -> list[tuple[IncomingItem, str]]:
        if not items:
            return []
        ids = [review_id_for(tenant_id, item.review.platform, item.review.external_id) for item in items]
        database: AsyncDatabase[Document] = self._database
        deleted = {doc["_id"] async for doc in database.reviews.find({"_id": {"$in": ids}, "status": "deleted"},
                                                                     {"_id": 1})}
        fresh = []
        for item, review_id in zip(items, ids, strict=True):
            if review_id in deleted:
                result.duplicates.append(item.index)
                continue
            deleted.add(review_id)
            fresh.append((item, content_sha256(item.review)))
        return fresh

    def _event(  # type: ignore[override]
        self, tenant_id: str, partner_id: str, source: str, correlation_id: str, item: IncomingItem, digest: str
    ) -> ReviewReceived:
        event = super()._event(tenant_id, partner_id, source, correlation_id, item, digest)
        return event.model_copy(update={"action": _action(item)})


def _action(item: IncomingItem) -> str:
    return item.action if isinstance(item, SourceItem) else "upsert"


class RejectedItem(BaseModel):
    index: int
    external_id: str | None = None
    errors: list[ErrorDetail]


class AcceptedItem(BaseModel):
    index: int
    event_id: str


class IntakeResponse(BaseModel):
    accepted: int
    duplicates: int
    ignored: int = 0
    rejected: list[RejectedItem] = []
    events: list[AcceptedItem] = []


async def publish_items(
    state: IngestState,
    *,
    tenant_id: str,
    partner_id: str,
    source: str,
    correlation_id: str,
    items: list[SourceItem],
    received_at: datetime,
) -> PublishResult:
    """Publish the items, keep the raw bytes of each accepted one and count the outcomes.

    Raises ApiError 503 when the broker does not acknowledge; nothing is then reported as accepted.
    """
    if not items:
        return PublishResult()
    publisher = SourcePublisher(state.producer, state.database, state.settings)
    try:
        result = await publisher.publish(tenant_id, partner_id, source, correlation_id, list(items))
    except Exception as exc:
        log.error("publishing to Kafka failed", source=source, error=repr(exc), items=len(items))
        raise ApiError(503, "broker_unavailable", "The event broker did not acknowledge; retry later.") from exc

    by_index = {item.index: item for item in items}
    await save_raw_payloads(state.database, [
        RawPayload(event_id, tenant_id, source, by_index[index].raw_content(), by_index[index].raw_content_type,
                   received_at)
        for index, event_id in result.accepted
    ])
    INGEST_EVENTS.labels(source, "accepted").inc(len(result.accepted))
    INGEST_EVENTS.labels(source, "duplicate").inc(len(result.duplicates))
    log.info("items accepted", source=source, tenant_id=tenant_id, partner_id=partner_id,
             accepted=len(result.accepted), duplicates=len(result.duplicates))
    return result


def intake_response(result: PublishResult, rejected: list[RejectedItem] | None = None, ignored: int = 0,
                    source: str | None = None) -> IntakeResponse:
    if source is not None and rejected:
        INGEST_EVENTS.labels(source, "rejected").inc(len(rejected))
    return IntakeResponse(
        accepted=len(result.accepted),
        duplicates=len(result.duplicates),
        ignored=ignored,
        rejected=rejected or [],
        events=[AcceptedItem(index=index, event_id=event_id) for index, event_id in result.accepted],
    )


def reject_all(rejected: list[RejectedItem], what: str) -> ApiError:
    """Return the 422 raised when no item of a delivery is valid."""
    details = [ErrorDetail(field=f"[{item.index}].{error.field}" if error.field else f"[{item.index}]",
                           message=error.message)
               for item in rejected for error in item.errors]
    return ApiError(422, "validation_failed", f"No {what} in the request is valid; see details.", details)

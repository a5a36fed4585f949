"""Turn accepted items into `review.received` events and hand them to Kafka.

An item counts as accepted only once the broker acknowledged it (acks=all). An item is a duplicate when
the stored review already has the same content. An item accepted but not stored yet is produced again,
and scoring stores it once. Checking the stored reviews rather than a list of past requests means that
nothing a broker lost before scoring is ever reported as a duplicate.
"""

import asyncio
import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer
from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from contracts.events import ReviewReceived
from contracts.ids import review_id_for
from contracts.reviews import ReviewCreate
from contracts.topics import Header, Topic, topic_name
from vigie.kafka import encode_headers, practice_key
from vigie.metrics import KAFKA_PRODUCE_SECONDS
from vigie.mongo import Document
from vigie.settings import Settings

DUPLICATE_KEY_ERROR = 11000
# Tenant fields a practice created by ingest starts with.
TENANT_DEFAULTS = {"country": 1, "locale": 1, "time_zone": 1}


@dataclass
class IncomingItem:
    index: int
    review: ReviewCreate
    raw: dict[str, object] | None = None


@dataclass
class PublishResult:
    accepted: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)


def content_sha256(review: ReviewCreate) -> str:
    canonical = json.dumps(review.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ReviewPublisher:
    def __init__(self, producer: AIOKafkaProducer, database: AsyncDatabase[Document], settings: Settings):
        self._producer = producer
        self._database = database
        self._topic = topic_name(Topic.REVIEWS_RECEIVED, settings.KAFKA_TOPIC_PREFIX)

    async def publish(
        self, tenant_id: str, partner_id: str, source: str, correlation_id: str, items: list[IncomingItem]
    ) -> PublishResult:
        result = PublishResult()
        fresh = await self._drop_duplicates(tenant_id, items, result)
        if not fresh:
            return result

        await self._ensure_practices(tenant_id, [item.review.practice_ref for item, _ in fresh])
        events = [self._event(tenant_id, partner_id, source, correlation_id, item, digest) for item, digest in fresh]
        await self._produce(events, correlation_id)
        result.accepted.extend((item.index, event.event_id) for (item, _), event in zip(fresh, events, strict=True))
        return result

    async def _drop_duplicates(
        self, tenant_id: str, items: list[IncomingItem], result: PublishResult
    ) -> list[tuple[IncomingItem, str]]:
        keyed = [(item, content_sha256(item.review)) for item in items]
        ids = [review_id_for(tenant_id, item.review.platform, item.review.external_id) for item in items]
        stored = {
            (doc["_id"], doc["content_sha256"])
            async for doc in self._database.reviews.find({"_id": {"$in": ids}}, {"content_sha256": 1})
        }

        fresh = []
        for (item, digest), review_id in zip(keyed, ids, strict=True):
            if (review_id, digest) in stored:
                result.duplicates.append(item.index)
                continue
            stored.add((review_id, digest))
            fresh.append((item, digest))
        return fresh

    async def _ensure_practices(self, tenant_id: str, practice_refs: list[str]) -> None:
        """Create unknown practices, unverified, so that no review for them is dropped.

        A new practice takes the tenant's country, locale and time zone when the tenant has them, so that
        alerts, reports and the API apply the same law to it before anyone completes its profile.
        """
        now = datetime.now(UTC)
        tenant = await self._database.tenants.find_one({"_id": tenant_id}, TENANT_DEFAULTS) or {}
        defaults = {field: tenant[field] for field in TENANT_DEFAULTS if tenant.get(field)}
        operations = [
            UpdateOne(
                {"tenant_id": tenant_id, "practice_ref": ref},
                {"$setOnInsert": {"tenant_id": tenant_id, "practice_ref": ref, "verified": False, "created_at": now,
                                  **defaults}},
                upsert=True,
            )
            for ref in sorted(set(practice_refs))
        ]
        try:
            await self._database.practices.bulk_write(operations, ordered=False)
        except BulkWriteError as exc:
            # Two requests created the same practice at once; the other insert won, which is what we want.
            if any(error["code"] != DUPLICATE_KEY_ERROR for error in exc.details["writeErrors"]):
                raise

    def _event(
        self, tenant_id: str, partner_id: str, source: str, correlation_id: str, item: IncomingItem, digest: str
    ) -> ReviewReceived:
        return ReviewReceived(
            event_id=uuid.uuid4().hex,
            correlation_id=correlation_id,
            tenant_id=tenant_id,
            partner_id=partner_id,
            source=source,
            received_at=datetime.now(UTC),
            content_sha256=digest,
            review=item.review,
            raw=item.raw,
        )

    async def _produce(self, events: list[ReviewReceived], correlation_id: str) -> None:
        headers = encode_headers(
            {
                Header.CORRELATION_ID: correlation_id,
                Header.EVENT_TYPE: "review.received",
                Header.SCHEMA_VERSION: "1",
            }
        )
        started = time.perf_counter()
        deliveries = [
            await self._producer.send(
                self._topic,
                value=event.model_dump_json().encode("utf-8"),
                key=practice_key(event.tenant_id, event.review.practice_ref),
                headers=headers,
            )
            for event in events
        ]
        await asyncio.gather(*deliveries)
        KAFKA_PRODUCE_SECONDS.labels(self._topic).observe(time.perf_counter() - started)

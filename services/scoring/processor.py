"""Score a batch of `review.received` records, store them, and emit scored and alert events.

Offsets are committed by the caller only after `process` returns, so a record is never marked done
before its review is in MongoDB and its events are acknowledged by the broker.
"""

import time
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer
from pydantic import ValidationError
from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from contracts.events import AlertRaised, ReviewReceived, ReviewScored
from contracts.risk import Risk
from contracts.topics import Header, Topic, topic_name
from services.scoring.alerts import alerts_for
from services.scoring.dead_letter import DeadLetterSink
from services.scoring.records import InboundRecord, InvalidEventError
from services.scoring.store import ReviewStore
from vigie.kafka import encode_headers, practice_key
from vigie.logs import get_logger
from vigie.metrics import FLAGS, MONGO_ERRORS, MONGO_OPERATION_SECONDS, SCORED_EVENTS, SCORING_SECONDS
from vigie.mongo import Document
from vigie.settings import Settings

log = get_logger(__name__)


def decode(record: InboundRecord) -> ReviewReceived:
    if record.value is None:
        raise InvalidEventError("the record has no value")
    try:
        return ReviewReceived.model_validate_json(record.value)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise InvalidEventError(f"{location or 'value'}: {first['msg']}") from None


class ScoringProcessor:
    def __init__(
        self,
        settings: Settings,
        database: AsyncDatabase[Document],
        producer: AIOKafkaProducer,
        scorer: object,
    ):
        prefix = settings.KAFKA_TOPIC_PREFIX
        self._database = database
        self._producer = producer
        self._scorer = scorer
        self._store = ReviewStore(database)
        self._scored_topic = topic_name(Topic.REVIEWS_SCORED, prefix)
        self._alerts_topic = topic_name(Topic.ALERTS_RAISED, prefix)
        self.dead_letters = DeadLetterSink(
            producer, topic_name(Topic.REVIEWS_RECEIVED_DEAD_LETTER, prefix), settings.SCORING_MAX_DEAD_LETTER_RATIO
        )

    async def process(self, records: list[InboundRecord]) -> list[AlertRaised]:
        events = await self._decode_all(records)
        if not events:
            return []

        scored = [(event, self._score(event)) for event in events]
        stored = await self._timed_mongo("reviews.save", self._store.save(scored))
        alerts = []
        scored_events = []
        for (event, _), version in zip(scored, stored, strict=True):
            scored_events.append(self._scored_event(event, version.review_id, version.version, version.risk))
            alerts.extend(alerts_for(event, version.review_id, version.version, version.risk))
            SCORED_EVENTS.labels(event.review.channel.value).inc()
            for category in version.risk.flagged():
                if version.changed:
                    FLAGS.labels(category.value).inc()

        if alerts:
            await self._timed_mongo("alerts.save", self._save_alerts(alerts))
        await self._emit(scored_events, alerts)
        return alerts

    async def _decode_all(self, records: list[InboundRecord]) -> list[ReviewReceived]:
        events = []
        for record in records:
            try:
                events.append(decode(record))
            except InvalidEventError as exc:
                await self.dead_letters.send(record, "invalid_event", str(exc))
        self.dead_letters.record_valid(len(events))
        return events

    def _score(self, event: ReviewReceived) -> Risk:
        review = event.review
        started = time.perf_counter()
        risk: Risk = self._scorer.score(  # type: ignore[attr-defined]
            review.text, channel=review.channel.value, rating=review.rating, language=review.language
        )
        SCORING_SECONDS.observe(time.perf_counter() - started)
        return risk

    def _scored_event(self, event: ReviewReceived, review_id: str, version: int, risk: Risk) -> ReviewScored:
        return ReviewScored(
            event_id=event.event_id,
            correlation_id=event.correlation_id,
            tenant_id=event.tenant_id,
            review_id=review_id,
            practice_ref=event.review.practice_ref,
            platform=event.review.platform,
            external_id=event.review.external_id,
            version=version,
            scored_at=datetime.now(UTC),
            risk=risk,
        )

    async def _save_alerts(self, alerts: list[AlertRaised]) -> None:
        operations = [
            UpdateOne(
                {"_id": alert.alert_id},
                {"$setOnInsert": {**alert.model_dump(mode="python", exclude={"alert_id"}), "status": "open"}},
                upsert=True,
            )
            for alert in alerts
        ]
        await self._database.alerts.bulk_write(operations, ordered=False)

    async def _emit(self, scored_events: list[ReviewScored], alerts: list[AlertRaised]) -> None:
        futures = []
        for scored in scored_events:
            futures.append(await self._send(self._scored_topic, scored.tenant_id, scored.practice_ref,
                                            scored.model_dump_json(), scored.correlation_id, scored.event_type))
        for alert in alerts:
            futures.append(await self._send(self._alerts_topic, alert.tenant_id, alert.practice_ref,
                                            alert.model_dump_json(), alert.correlation_id, alert.event_type))
        for future in futures:
            await future

    async def _send(self, topic: str, tenant_id: str, practice_ref: str, value: str, correlation_id: str,
                    event_type: str):  # type: ignore[no-untyped-def]
        headers = encode_headers(
            {Header.CORRELATION_ID: correlation_id, Header.EVENT_TYPE: event_type, Header.SCHEMA_VERSION: "1"}
        )
        return await self._producer.send(
            topic, value=value.encode("utf-8"), key=practice_key(tenant_id, practice_ref), headers=headers
        )

    async def _timed_mongo(self, operation: str, awaitable):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return await awaitable
        except Exception:
            MONGO_ERRORS.labels("scoring", operation).inc()
            raise
        finally:
            MONGO_OPERATION_SECONDS.labels("scoring", operation).observe(time.perf_counter() - started)

"""Score a batch of `review.received` records, store them, and emit scored and alert events.

Steps per batch: decode (undecodable records go to the dead-letter topic), score each text, add the
stream signals (bursts, duplicates, author activity, languages), store every review version, group
alerts into incidents with their evidence log, then emit. Offsets are committed by the caller only after
`process` returns, so a record is never marked done before its review is in MongoDB and its events are
acknowledged by the broker.
"""

import time
from datetime import UTC, datetime, timedelta

from aiokafka import AIOKafkaProducer
from pydantic import ValidationError
from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from contracts.events import AlertRaised, ReviewReceived, ReviewScored
from contracts.ids import review_id_for
from contracts.risk import Risk
from contracts.topics import Header, Topic, topic_name
from services.scoring.alerts import alerts_for, campaign_alert, flagged_alert_categories
from services.scoring.dead_letter import DeadLetterSink
from services.scoring.engine.signals import BURST_WINDOW_SECONDS
from services.scoring.incidents import IncidentItem, IncidentRecorder, author_key, choose_incident_key
from services.scoring.records import InboundRecord, InvalidEventError
from services.scoring.signals_stage import SignalOutcome, StreamSignals, event_time
from services.scoring.store import ReviewStore, StoredVersion
from vigie.kafka import encode_headers, practice_key
from vigie.logs import get_logger
from vigie.metrics import FLAGS, MONGO_ERRORS, MONGO_OPERATION_SECONDS, SCORED_EVENTS, SCORING_SECONDS
from vigie.mongo import Document
from vigie.settings import Settings

log = get_logger(__name__)

CAMPAIGN_REVIEWS_LISTED = 200


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
        signals: StreamSignals | None = None,
    ):
        prefix = settings.KAFKA_TOPIC_PREFIX
        self._database = database
        self._producer = producer
        self._scorer = scorer
        self._signals = signals
        self._store = ReviewStore(database)
        self._incidents = IncidentRecorder(database)
        self._scored_topic = topic_name(Topic.REVIEWS_SCORED, prefix)
        self._alerts_topic = topic_name(Topic.ALERTS_RAISED, prefix)
        self.dead_letters = DeadLetterSink(
            producer, topic_name(Topic.REVIEWS_RECEIVED_DEAD_LETTER, prefix), settings.SCORING_MAX_DEAD_LETTER_RATIO
        )

    async def process(self, records: list[InboundRecord]) -> list[AlertRaised]:
        events = await self._decode_all(records)
        if not events:
            return []

        review_ids = [review_id_for(e.tenant_id, e.review.platform, e.review.external_id) for e in events]
        known = await self._store.known(events)
        risks = [self._score(event) for event in events]
        outcomes = await self._apply_signals(events, review_ids, risks, known)
        stored = await self._timed_mongo(
            "reviews.save", self._store.save([(e, o.risk) for e, o in zip(events, outcomes, strict=True)])
        )

        alerts, items, joining = await self._alerts_and_incidents(events, outcomes, stored)
        if items:
            await self._timed_mongo("incidents.record", self._incidents.record(items, joining))
        if alerts:
            await self._timed_mongo("alerts.save", self._save_alerts(alerts))
        self._count(events, stored)
        await self._emit([self._scored_event(e, v) for e, v in zip(events, stored, strict=True)], alerts)
        return alerts

    async def _decode_all(self, records: list[InboundRecord]) -> list[ReviewReceived]:
        events = []
        for record in records:
            try:
                event = decode(record)
            except InvalidEventError as exc:
                await self.dead_letters.send(record, "invalid_event", str(exc))
                continue
            log.debug("event received", topic=record.topic, partition=record.partition, offset=record.offset,
                      event_id=event.event_id, correlation_id=event.correlation_id)
            events.append(event)
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

    async def _apply_signals(
        self, events: list[ReviewReceived], review_ids: list[str], risks: list[Risk], known: set[int]
    ) -> list[SignalOutcome]:
        if self._signals is None:
            return [SignalOutcome(risk) for risk in risks]
        items = [(e, rid, risk, index not in known)
                 for index, (e, rid, risk) in enumerate(zip(events, review_ids, risks, strict=True))]
        return await self._timed_mongo("signals.apply", self._signals.apply(items))

    async def _alerts_and_incidents(
        self, events: list[ReviewReceived], outcomes: list[SignalOutcome], stored: list[StoredVersion]
    ) -> tuple[list[AlertRaised], list[IncidentItem], dict[str, str]]:
        open_authors = await self._incidents.open_author_incidents(events)
        alerts: list[AlertRaised] = []
        items: list[IncidentItem] = []
        joining: dict[str, str] = {}
        for event, outcome, version in zip(events, outcomes, stored, strict=True):
            categories = flagged_alert_categories(version.risk)
            nearby = self._signals.nearby_campaign(event) if self._signals else None
            key = choose_incident_key(event, version.review_id, outcome.campaign_id, nearby, open_authors, categories)
            item_alerts = alerts_for(event, version.review_id, version.version, version.risk, key)
            if item_alerts and key.startswith("author:") and key not in open_authors:
                earlier = await self._author_reviews(event)
                for alert in item_alerts:
                    alert.related_review_ids = [rid for rid in earlier if rid != version.review_id]
            if outcome.campaign_id is not None:
                related = await self._campaign_reviews(event)
                item_alerts.append(campaign_alert(event, version.review_id, outcome.campaign_id, version.risk, related))
            if item_alerts:
                items.append(IncidentItem(event, version.review_id, version.version, item_alerts))
                alerts.extend(item_alerts)
                if key.startswith("author:"):
                    open_authors.add(key)
            elif (author := author_key(event)) in open_authors and author is not None:
                joining[version.review_id] = author
                items.append(IncidentItem(event, version.review_id, version.version, []))
        return alerts, items, joining

    async def _author_reviews(self, event: ReviewReceived) -> list[str]:
        """Return the ids of the author's stored reviews and messages for this practice."""
        cursor = self._database.reviews.find(
            {"tenant_id": event.tenant_id, "practice_ref": event.review.practice_ref,
             "author_name": event.review.author_name},
            {"_id": 1},
        ).limit(CAMPAIGN_REVIEWS_LISTED)
        return [str(document["_id"]) async for document in cursor]

    async def _campaign_reviews(self, event: ReviewReceived) -> list[str]:
        since = datetime.fromtimestamp(event_time(event), UTC) - timedelta(seconds=BURST_WINDOW_SECONDS)
        cursor = self._database.reviews.find(
            {"tenant_id": event.tenant_id, "practice_ref": event.review.practice_ref, "rating": {"$lte": 2},
             "channel": "review", "published_at": {"$gte": since}},
            {"_id": 1},
        ).limit(CAMPAIGN_REVIEWS_LISTED)
        return [str(document["_id"]) async for document in cursor]

    def _count(self, events: list[ReviewReceived], stored: list[StoredVersion]) -> None:
        for event, version in zip(events, stored, strict=True):
            SCORED_EVENTS.labels(event.review.channel.value).inc()
            if version.changed:
                for category in version.risk.flagged():
                    FLAGS.labels(category.value).inc()

    def _scored_event(self, event: ReviewReceived, version: StoredVersion) -> ReviewScored:
        return ReviewScored(
            event_id=event.event_id,
            correlation_id=event.correlation_id,
            tenant_id=event.tenant_id,
            review_id=version.review_id,
            practice_ref=event.review.practice_ref,
            platform=event.review.platform,
            external_id=event.review.external_id,
            version=version.version,
            scored_at=datetime.now(UTC),
            risk=version.risk,
        )

    async def _save_alerts(self, alerts: list[AlertRaised]) -> None:
        operations = [
            UpdateOne(
                {"_id": alert.alert_id},
                {"$setOnInsert": {**alert.model_dump(mode="python", exclude={"alert_id", "related_review_ids"}),
                                  "status": "open"},
                 "$addToSet": {"related_review_ids": {"$each": alert.related_review_ids}}},
                upsert=True,
            )
            for alert in alerts
        ]
        await self._database.alerts.bulk_write(operations, ordered=True)

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

"""The scoring processor against the real broker and database, with the real scorer."""

import time

import pytest
from aiokafka import AIOKafkaConsumer

from contracts.events import AlertRaised
from contracts.topics import Header, Topic, topic_name
from services.scoring.processor import ScoringProcessor
from services.scoring.records import InboundRecord
from services.scoring.runtime import build_scorer
from tests.factories import received_event
from vigie.kafka import build_producer, decode_headers
from vigie.settings import Settings

pytestmark = pytest.mark.integration

EXTORTION_TEXT = "Faites-moi une remise de 30 %, sinon je mets une étoile sur Google."


@pytest.fixture
async def processor(settings: Settings, topics, database):  # type: ignore[no-untyped-def]
    producer = build_producer(settings)
    await producer.start()
    try:
        yield ScoringProcessor(settings, database, producer, build_scorer(settings))
    finally:
        await producer.stop()


def record(event, offset: int = 0) -> InboundRecord:  # type: ignore[no-untyped-def]
    return InboundRecord(topic="reviews.received", partition=0, offset=offset, key=b"k",
                         value=event.model_dump_json().encode(), headers={})


async def read_topic(settings: Settings, topic: Topic, expected: int, timeout: float = 5.0) -> list:  # type: ignore[type-arg]
    consumer = AIOKafkaConsumer(topic_name(topic, settings.KAFKA_TOPIC_PREFIX),
                                bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS,
                                auto_offset_reset="earliest", enable_auto_commit=False)
    await consumer.start()
    found = []
    try:
        deadline = time.monotonic() + timeout
        while len(found) < expected and time.monotonic() < deadline:
            for records in (await consumer.getmany(timeout_ms=300)).values():
                found.extend(records)
    finally:
        await consumer.stop()
    return found


async def test_new_review_stored_with_risk(processor, database) -> None:  # type: ignore[no-untyped-def]
    await processor.process([record(received_event("ten_a", "r-1", EXTORTION_TEXT))])

    stored = await database.reviews.find_one({"tenant_id": "ten_a", "external_id": "r-1"})
    assert stored["version"] == 1
    assert stored["text"] == EXTORTION_TEXT
    assert "extortion" in stored["flagged"]
    assert stored["risk"]["scorer_version"]


async def test_redelivery_does_not_duplicate(processor, database, settings) -> None:  # type: ignore[no-untyped-def]
    event = received_event("ten_a", "r-2", EXTORTION_TEXT)
    first = await processor.process([record(event)])
    again = await processor.process([record(event, offset=1)])

    assert await database.reviews.count_documents({"external_id": "r-2"}) == 1
    assert (await database.reviews.find_one({"external_id": "r-2"}))["version"] == 1
    assert [a.alert_id for a in first] == [a.alert_id for a in again]
    assert await database.alerts.count_documents({"review_id": first[0].review_id}) == 1


async def test_edit_keeps_earlier_version(processor, database) -> None:  # type: ignore[no-untyped-def]
    await processor.process([record(received_event("ten_a", "r-3", "Très déçu.", rating=1))])
    await processor.process([record(received_event("ten_a", "r-3", "Finalement très bien !", rating=5))])

    stored = await database.reviews.find_one({"external_id": "r-3"})
    assert stored["version"] == 2
    assert [v["rating"] for v in stored["versions"]] == [1, 5]
    assert [v["text"] for v in stored["versions"]] == ["Très déçu.", "Finalement très bien !"]
    assert stored["rating"] == 5


async def test_edit_in_same_batch_kept_in_order(processor, database) -> None:  # type: ignore[no-untyped-def]
    await processor.process([
        record(received_event("ten_a", "r-4", "Premier texte.", rating=1)),
        record(received_event("ten_a", "r-4", "Second texte.", rating=5), offset=1),
    ])

    stored = await database.reviews.find_one({"external_id": "r-4"})
    assert [v["text"] for v in stored["versions"]] == ["Premier texte.", "Second texte."]


async def test_extortion_emits_alert_and_scored(processor, settings) -> None:  # type: ignore[no-untyped-def]
    await processor.process([record(received_event("ten_a", "r-5", EXTORTION_TEXT))])

    alerts = [AlertRaised.model_validate_json(r.value) for r in await read_topic(settings, Topic.ALERTS_RAISED, 1)]
    scored = await read_topic(settings, Topic.REVIEWS_SCORED, 1)
    assert [alert.category.value for alert in alerts] == ["extortion"]
    assert alerts[0].evidence[0].text in EXTORTION_TEXT
    assert len(scored) == 1
    assert decode_headers(scored[0].headers)[Header.CORRELATION_ID] == "corr-test"


async def test_invalid_record_dead_lettered(processor, settings, database) -> None:  # type: ignore[no-untyped-def]
    bad = InboundRecord(topic="reviews.received", partition=1, offset=42, key=b"k",
                        value=b'{"event_type": "review.received"}', headers={"correlation-id": "c-9"})
    good = record(received_event("ten_a", "r-6", "Parfait."))
    await processor.process([bad, good])

    dead = await read_topic(settings, Topic.REVIEWS_RECEIVED_DEAD_LETTER, 1)
    headers = decode_headers(dead[0].headers)
    assert dead[0].value == bad.value
    assert headers[Header.ORIGINAL_PARTITION] == "1"
    assert headers[Header.ORIGINAL_OFFSET] == "42"
    assert "event_id" in headers[Header.ERROR]
    assert await database.reviews.count_documents({"external_id": "r-6"}) == 1


async def test_author_reviews_join_blackmail_incident(processor, database) -> None:  # type: ignore[no-untyped-def]
    await processor.process([record(received_event("ten_a", "r-7", "Service lent, très déçu.", author_name="Paul R."))])
    await processor.process([record(received_event(
        "ten_a", "m-7", "Remboursez-moi la facture, sinon je mets une étoile partout sur Google.",
        author_name="Paul R.", channel="private_message", rating=None))])
    await processor.process([record(received_event(
        "ten_a", "r-8", "Faites-moi une remise, sinon je laisse un avis 1 étoile.", author_name="Paul R."))])

    incidents = await database.incidents.find({"tenant_id": "ten_a", "kind": "extortion"}).to_list()
    reviews = {doc["external_id"]: doc["_id"] async for doc in database.reviews.find({"tenant_id": "ten_a"})}
    assert len(incidents) == 1
    assert set(incidents[0]["review_ids"]) >= {reviews["r-7"], reviews["m-7"], reviews["r-8"]}

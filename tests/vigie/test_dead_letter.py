"""`vigie dead-letter` against the real broker."""

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer

from contracts.topics import Header, Topic, topic_name
from services.scoring.dead_letter import DeadLetterSink
from services.scoring.records import InboundRecord
from vigie.cli.dead_letter import _consume
from vigie.kafka import build_producer, decode_headers

pytestmark = pytest.mark.integration


async def test_replay_sends_record_back_once(settings, topics) -> None:  # type: ignore[no-untyped-def]
    producer = build_producer(settings)
    await producer.start()
    received = topic_name(Topic.REVIEWS_RECEIVED, settings.KAFKA_TOPIC_PREFIX)
    sink = DeadLetterSink(producer, topic_name(Topic.REVIEWS_RECEIVED_DEAD_LETTER, settings.KAFKA_TOPIC_PREFIX), 0.5)
    record = InboundRecord(received, 0, 7, b"key", b'{"broken": true}', {"correlation-id": "c-1"})
    await sink.send(record, "invalid_event", "event_id: Field required")
    await producer.stop()

    listed = await _consume(settings, replay=False, max_records=10)
    replayed = await _consume(settings, replay=True, max_records=10)
    replayed_again = await _consume(settings, replay=True, max_records=10)

    assert listed[0]["original_offset"] == "7"
    assert "event_id" in str(listed[0]["error"])
    assert len(replayed) == 1
    assert replayed_again == []
    consumer = AIOKafkaConsumer(received, bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        batches = await asyncio.wait_for(consumer.getmany(timeout_ms=3000), 10)
    finally:
        await consumer.stop()
    values = [r for records in batches.values() for r in records]
    assert [r.value for r in values] == [b'{"broken": true}']
    assert decode_headers(values[0].headers)[Header.CORRELATION_ID] == "c-1"

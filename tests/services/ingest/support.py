"""Reading what ingest produced, for the connector tests."""

import json
import time
from pathlib import Path

from aiokafka import AIOKafkaConsumer

from contracts.events import ReviewReceived
from contracts.topics import Topic, topic_name
from services.scoring.processor import ScoringProcessor
from services.scoring.records import InboundRecord
from services.scoring.runtime import build_scorer
from vigie.kafka import build_producer
from vigie.settings import Settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "platforms"


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "platforms"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_json(name: str) -> dict[str, object]:
    return json.loads(fixture_bytes(name))


async def read_received(settings: Settings, expected: int, timeout: float = 10.0) -> list[ReviewReceived]:
    consumer = AIOKafkaConsumer(
        topic_name(Topic.REVIEWS_RECEIVED, settings.KAFKA_TOPIC_PREFIX),
        bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS, auto_offset_reset="earliest", enable_auto_commit=False,
    )
    await consumer.start()
    events: list[ReviewReceived] = []
    try:
        deadline = time.monotonic() + timeout
        while len(events) < expected and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=300)
            for records in batches.values():
                events.extend(ReviewReceived.model_validate_json(record.value) for record in records)
    finally:
        await consumer.stop()
    return sorted(events, key=lambda event: event.received_at)


async def score_and_store(settings: Settings, database, events: list[ReviewReceived]) -> None:  # type: ignore[no-untyped-def]
    """Run the real scoring processor over the events, as the scoring service would."""
    producer = build_producer(settings)
    await producer.start()
    try:
        processor = ScoringProcessor(settings, database, producer, build_scorer(settings))
        records = [InboundRecord("t", 0, i, None, e.model_dump_json().encode(), {}) for i, e in enumerate(events)]
        await processor.process(records)
    finally:
        await producer.stop()

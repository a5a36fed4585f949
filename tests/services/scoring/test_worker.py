"""The faust scoring worker as a process, with its tables, against the real broker and database."""

import asyncio
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from contracts.topics import Topic, topic_name
from tests.factories import received_event
from vigie.kafka import build_producer, ensure_topics, practice_key
from vigie.settings import Settings
from vigie.stack.components import child_environment, service_command
from vigie.stack.processes import free_port, spawn, stop, wait_for_port

pytestmark = pytest.mark.integration


@pytest.fixture
def worker(settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    asyncio.run(ensure_topics(settings))
    port = free_port()
    environment = {
        **child_environment(settings.model_copy(update={"SCORING_WEB_PORT": port})),
        "VIGIE_KAFKA_BOOTSTRAP_SERVERS": settings.KAFKA_BOOTSTRAP_SERVERS,
        "VIGIE_MONGO_URL": settings.MONGO_URL.get_secret_value(),
        "VIGIE_SCORING_WEB_PORT": str(port),
    }
    log_path = tmp_path / "scoring.log"
    process = spawn(service_command("services.scoring.main"), log_path, {**os.environ, **environment})
    try:
        wait_for_port("scoring", process, port, log_path, timeout=60)
        yield settings
    finally:
        stop(process.pid)


async def produce(settings: Settings, events) -> None:  # type: ignore[no-untyped-def]
    producer = build_producer(settings)
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(
                topic_name(Topic.REVIEWS_RECEIVED, settings.KAFKA_TOPIC_PREFIX),
                event.model_dump_json().encode(), key=practice_key(event.tenant_id, event.review.practice_ref),
            )
    finally:
        await producer.stop()


async def wait_for(database, collection: str, query: dict, expected: int, timeout: float = 60) -> list:  # type: ignore[no-untyped-def,type-arg]
    deadline = time.monotonic() + timeout
    found: list = []  # type: ignore[type-arg]
    while time.monotonic() < deadline:
        found = [document async for document in database[collection].find(query)]
        if len(found) >= expected:
            return found
        await asyncio.sleep(0.5)
    return found


async def test_burst_raises_one_campaign_with_message(worker: Settings) -> None:
    client: AsyncMongoClient = AsyncMongoClient(worker.MONGO_URL.get_secret_value(), tz_aware=True)
    database = client[worker.MONGO_DATABASE]
    start = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    bombing = [
        received_event("ten_w", f"bomb-{i}", f"Nul, à éviter absolument, expérience numéro {i}.", rating=1,
                       author_name=f"Compte {i}", published_at=(start + timedelta(hours=i)).isoformat())
        for i in range(8)
    ]
    demand = received_event(
        "ten_w", "msg-1", "We were ordered to post 20 negative reviews on your profile. Pay 300 USD in gift cards "
        "and we will remove them.", rating=None, channel="private_message", author_name=None,
        platform="whatsapp", published_at=(start + timedelta(hours=10)).isoformat(),
    )
    try:
        await produce(worker, [*bombing, demand])
        reviews = await wait_for(database, "reviews", {"tenant_id": "ten_w"}, 9)
        incidents = await wait_for(database, "incidents", {"kind": "campaign"}, 1)

        assert len(reviews) == 9
        campaign_alerts = await database.alerts.find({"category": "fake_suspect"}).to_list()
        assert len(campaign_alerts) == 1
        assert len(incidents) == 1
        message = next(r for r in reviews if r["external_id"] == "msg-1")
        assert message["_id"] in incidents[0]["review_ids"]
        assert "extortion" in incidents[0]["categories"]
        assert len([r for r in reviews if r["_id"] in incidents[0]["review_ids"]]) >= 5
    finally:
        await client.drop_database(worker.MONGO_DATABASE)
        await client.close()

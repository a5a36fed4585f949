"""Consumer lag read from the real broker (Tansu) and exported as a gauge."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import OffsetAndMetadata
from prometheus_client import REGISTRY

from contracts.topics import Topic, topic_name
from vigie.lag import ConsumerLagGauge, read_consumer_lag, report_consumer_lag
from vigie.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def received_topic(settings: Settings, topics: list[str]) -> str:
    return topic_name(Topic.REVIEWS_RECEIVED, settings.KAFKA_TOPIC_PREFIX)


@pytest.fixture
async def clients(settings: Settings) -> AsyncIterator[tuple[AIOKafkaAdminClient, AIOKafkaConsumer]]:
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS)
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS, enable_auto_commit=False)
    await admin.start()
    await consumer.start()
    try:
        yield admin, consumer
    finally:
        await consumer.stop()
        await admin.close()


async def produce(settings: Settings, topic: str, counts: dict[int, int]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS)
    await producer.start()
    try:
        for partition, count in counts.items():
            for index in range(count):
                await producer.send_and_wait(topic, f"m{index}".encode(), partition=partition)
    finally:
        await producer.stop()


async def commit(settings: Settings, group: str, offsets: dict[TopicPartition, int]) -> None:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS, group_id=group, enable_auto_commit=False
    )
    await consumer.start()
    try:
        consumer.assign(list(offsets))
        await consumer.commit({partition: OffsetAndMetadata(offset, "") for partition, offset in offsets.items()})
    finally:
        await consumer.stop()


def lag_sample(group: str, topic: str, partition: int) -> float | None:
    return REGISTRY.get_sample_value(
        "vigie_kafka_consumer_lag", {"group": group, "topic": topic, "partition": str(partition)}
    )


async def test_read_lag_counts_from_committed_offset(settings, received_topic, clients) -> None:  # type: ignore[no-untyped-def]
    group = f"{settings.KAFKA_TOPIC_PREFIX}group"
    await produce(settings, received_topic, {0: 5, 1: 3})
    first, second = TopicPartition(received_topic, 0), TopicPartition(received_topic, 1)
    await commit(settings, group, {first: 2, second: 3})

    admin, consumer = clients
    lag = await read_consumer_lag(admin, consumer, group, [received_topic])

    assert lag == {first: 3, second: 0}


async def test_read_lag_counts_uncommitted_from_beginning(settings, received_topic, clients) -> None:  # type: ignore[no-untyped-def]
    group = f"{settings.KAFKA_TOPIC_PREFIX}group"
    await produce(settings, received_topic, {0: 4, 1: 2})
    await commit(settings, group, {TopicPartition(received_topic, 0): 1})

    admin, consumer = clients
    lag = await read_consumer_lag(admin, consumer, group, [received_topic])

    assert lag == {TopicPartition(received_topic, 0): 3, TopicPartition(received_topic, 1): 2}


async def test_read_lag_of_new_group_is_whole_topic(settings, received_topic, clients) -> None:  # type: ignore[no-untyped-def]
    await produce(settings, received_topic, {1: 2})

    admin, consumer = clients
    lag = await read_consumer_lag(admin, consumer, f"{settings.KAFKA_TOPIC_PREFIX}nobody", [received_topic])

    assert lag == {TopicPartition(received_topic, 0): 0, TopicPartition(received_topic, 1): 2}


async def test_read_lag_skips_missing_topic(settings, received_topic, clients) -> None:  # type: ignore[no-untyped-def]
    admin, consumer = clients
    missing = f"{settings.KAFKA_TOPIC_PREFIX}does-not-exist"

    lag = await read_consumer_lag(admin, consumer, f"{settings.KAFKA_TOPIC_PREFIX}group", [missing])

    assert lag == {}
    assert missing not in await admin.list_topics(), "reading lag must not create the topic"


def test_gauge_removes_partitions_no_longer_read() -> None:
    gauge = ConsumerLagGauge()
    first, second = TopicPartition("gauge-test", 0), TopicPartition("gauge-test", 1)

    gauge.update("gauge-group", {first: 7, second: 1})
    gauge.update("gauge-group", {first: 4})

    assert lag_sample("gauge-group", "gauge-test", 0) == 4
    assert lag_sample("gauge-group", "gauge-test", 1) is None
    gauge.clear("gauge-group")
    assert lag_sample("gauge-group", "gauge-test", 0) is None


async def test_reporter_sets_then_clears_gauge(settings, received_topic) -> None:  # type: ignore[no-untyped-def]
    group = f"{settings.KAFKA_TOPIC_PREFIX}group"
    await produce(settings, received_topic, {0: 6})
    await commit(settings, group, {TopicPartition(received_topic, 0): 1})

    task = asyncio.create_task(report_consumer_lag(settings, {group: [received_topic]}, interval_seconds=0.1))
    try:
        for _ in range(300):
            if lag_sample(group, received_topic, 0) is not None:
                break
            await asyncio.sleep(0.05)
        assert lag_sample(group, received_topic, 0) == 5
        assert lag_sample(group, received_topic, 1) == 0
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    assert lag_sample(group, received_topic, 0) is None


async def test_reporter_survives_unreachable_broker(settings: Settings) -> None:
    unreachable = settings.model_copy(
        update={"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1", "KAFKA_REQUEST_TIMEOUT_MS": 500}
    )

    task = asyncio.create_task(report_consumer_lag(unreachable, {"g": ["t"]}, interval_seconds=0.05))
    await asyncio.sleep(0.5)

    assert not task.done()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

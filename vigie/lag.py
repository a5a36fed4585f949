"""Consumer lag per partition, read from the broker and exported as `vigie_kafka_consumer_lag`.

Lag is the end offset (high watermark) of a partition minus the offset a consumer group has committed
there. It is read from the broker, not from the consumer itself, so a stuck or crashed consumer still
shows growing lag.
"""

import asyncio
import contextlib
from collections.abc import Iterable, Sequence

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from vigie.logs import get_logger
from vigie.metrics import KAFKA_CONSUMER_LAG
from vigie.settings import Settings

log = get_logger(__name__)

LAG_INTERVAL_SECONDS = 15.0
WARN_EVERY_FAILURES = 20


async def read_consumer_lag(
    admin: AIOKafkaAdminClient,
    consumer: AIOKafkaConsumer,
    group: str,
    topics: Iterable[str],
) -> dict[TopicPartition, int]:
    """Return how many messages `group` has still to consume on each partition of `topics`.

    A partition with a committed offset counts from that offset. A partition where the group has
    committed nothing yet counts from its beginning offset, which is where a consumer with
    `auto_offset_reset="earliest"` starts. Topics that do not exist are left out.
    """
    partitions = await topic_partitions(admin, topics)
    if not partitions:
        return {}

    # The partitions are listed because Tansu 0.6.0 sends an undecodable response to an OffsetFetch
    # request for all partitions of a group. Apache Kafka accepts both forms.
    committed = await admin.list_consumer_group_offsets(group, partitions=partitions)
    start_offsets = {
        partition: committed[partition].offset
        for partition in partitions
        if partition in committed and committed[partition].offset >= 0
    }
    never_committed = [partition for partition in partitions if partition not in start_offsets]
    if never_committed:
        start_offsets.update(await consumer.beginning_offsets(never_committed))

    end_offsets = await consumer.end_offsets(partitions)
    # After a topic is truncated or recreated, a committed offset can lie past the end offset.
    # That counts as no lag.
    return {partition: max(end_offsets[partition] - start_offsets[partition], 0) for partition in partitions}


async def topic_partitions(admin: AIOKafkaAdminClient, topics: Iterable[str]) -> list[TopicPartition]:
    # Topics are listed first because aiokafka's describe_topics allows auto-creation: describing a
    # missing topic would create it on a broker with auto.create.topics.enable.
    names = sorted(set(topics) & set(await admin.list_topics()))
    if not names:
        return []
    partitions: list[TopicPartition] = []
    for topic in await admin.describe_topics(names):
        if topic["error_code"]:
            continue
        partitions.extend(TopicPartition(topic["topic"], item["partition"]) for item in topic["partitions"])
    return partitions


class ConsumerLagGauge:
    """Keeps `vigie_kafka_consumer_lag` in step with the latest reading of each group.

    Series of partitions missing from a new reading are removed, and so are all series of a group whose
    lag could not be read, so that dashboards and alerts never act on a stale value.
    """

    def __init__(self) -> None:
        self._labels: dict[str, set[tuple[str, str, str]]] = {}

    def update(self, group: str, lag: dict[TopicPartition, int]) -> None:
        labels: set[tuple[str, str, str]] = set()
        for partition, messages in lag.items():
            label_values = (group, partition.topic, str(partition.partition))
            KAFKA_CONSUMER_LAG.labels(*label_values).set(messages)
            labels.add(label_values)
        self._remove(self._labels.get(group, set()) - labels)
        self._labels[group] = labels

    def clear(self, group: str) -> None:
        self._remove(self._labels.pop(group, set()))

    @staticmethod
    def _remove(labels: set[tuple[str, str, str]]) -> None:
        for label_values in labels:
            # Another ConsumerLagGauge in this process may have removed it first.
            with contextlib.suppress(KeyError):
                KAFKA_CONSUMER_LAG.remove(*label_values)


async def report_consumer_lag(
    settings: Settings,
    groups: dict[str, Sequence[str]],
    interval_seconds: float = LAG_INTERVAL_SECONDS,
) -> None:
    """Set `vigie_kafka_consumer_lag` for each group every `interval_seconds`, until cancelled.

    `groups` maps a consumer group id to the topics it consumes (see `read_consumer_lag`). A broker that
    cannot be reached is retried at the same interval, so start this as a background task next to the
    service's own clients.
    """
    await ConsumerLagReporter(settings, groups, interval_seconds).run()


class ConsumerLagReporter:
    def __init__(self, settings: Settings, groups: dict[str, Sequence[str]], interval_seconds: float):
        self._settings = settings
        self._groups = groups
        self._interval_seconds = interval_seconds
        self._gauge = ConsumerLagGauge()
        self._failures = 0

    async def run(self) -> None:
        try:
            while True:
                try:
                    await self._report_until_failure()
                except (KafkaError, TimeoutError, OSError) as exc:
                    self._on_failure(exc)
                await asyncio.sleep(self._interval_seconds)
        finally:
            self._clear()

    async def _report_until_failure(self) -> None:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self._settings.KAFKA_BOOTSTRAP_SERVERS,
            request_timeout_ms=self._settings.KAFKA_REQUEST_TIMEOUT_MS,
        )
        # No group id: this consumer only requests offsets and never joins a group or commits.
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._settings.KAFKA_BOOTSTRAP_SERVERS,
            group_id=None,
            enable_auto_commit=False,
            request_timeout_ms=self._settings.KAFKA_REQUEST_TIMEOUT_MS,
        )
        # Either client is closed even when its start fails, or its background tasks outlive this call.
        try:
            await admin.start()
            await consumer.start()
            while True:
                await self._report_once(admin, consumer)
                await asyncio.sleep(self._interval_seconds)
        finally:
            await consumer.stop()
            await admin.close()

    async def _report_once(self, admin: AIOKafkaAdminClient, consumer: AIOKafkaConsumer) -> None:
        for group, topics in self._groups.items():
            # aiokafka's offset look-ups can wait forever on a partition that does not exist.
            async with asyncio.timeout(self._settings.KAFKA_REQUEST_TIMEOUT_MS / 1000):
                lag = await read_consumer_lag(admin, consumer, group, topics)
            self._gauge.update(group, lag)
            log.debug("consumer lag read", group=group, partitions=len(lag), messages=sum(lag.values()))

        if self._failures:
            log.info("consumer lag read recovered", failures=self._failures)
            self._failures = 0

    def _on_failure(self, exc: BaseException) -> None:
        self._failures += 1
        self._clear()
        # Log one warning when the broker stops responding, then one every WARN_EVERY_FAILURES tries.
        if self._failures % WARN_EVERY_FAILURES == 1:
            log.warning(
                "consumer lag read failed; retrying",
                error=repr(exc),
                failures=self._failures,
                retry_in_s=self._interval_seconds,
            )

    def _clear(self) -> None:
        for group in self._groups:
            self._gauge.clear(group)

"""aiokafka helpers: one producer configuration, explicit topic creation, header encoding."""

import contextlib
from collections.abc import Iterable

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from contracts.topics import Header, Topic, topic_name
from vigie.settings import Settings

KafkaHeaders = list[tuple[str, bytes]]


def build_producer(settings: Settings) -> AIOKafkaProducer:
    """Build a producer whose `send_and_wait` returns only once every in-sync replica has the record."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS,
        acks="all",
        enable_idempotence=settings.KAFKA_ENABLE_IDEMPOTENCE,
        linger_ms=settings.KAFKA_LINGER_MS,
        request_timeout_ms=settings.KAFKA_REQUEST_TIMEOUT_MS,
        compression_type=None,
    )


async def ensure_topics(
    settings: Settings,
    topics: Iterable[Topic] = tuple(Topic),
    single_partition: Iterable[str] = (),
    per_partition: Iterable[str] = (),
) -> list[str]:
    """Create the topics that do not exist yet and return the names created.

    `per_partition` names faust table changelogs: they get the source's partition count and compaction.
    Topics are created here, never auto-created by a producer, because a faust table's changelog needs
    the same partition count as its source topic.
    """
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS,
        request_timeout_ms=settings.KAFKA_REQUEST_TIMEOUT_MS,
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        partitions_by_name = {
            topic_name(topic, settings.KAFKA_TOPIC_PREFIX): settings.KAFKA_TOPIC_PARTITIONS for topic in topics
        }
        partitions_by_name.update({name: settings.KAFKA_TOPIC_PARTITIONS for name in per_partition})
        partitions_by_name.update({name: 1 for name in single_partition})
        missing = [name for name in partitions_by_name if name not in existing]
        if not missing:
            return []
        compacted = set(per_partition)
        new_topics = [
            NewTopic(name, partitions_by_name[name], settings.KAFKA_REPLICATION_FACTOR,
                     topic_configs={"cleanup.policy": "compact"} if name in compacted else None)
            for name in missing
        ]
        # TopicAlreadyExistsError: another process created them between our listing and our request.
        with contextlib.suppress(TopicAlreadyExistsError):
            await admin.create_topics(new_topics)
        return missing
    finally:
        await admin.close()


def encode_headers(values: dict[Header, str]) -> KafkaHeaders:
    return [(str(key), value.encode("utf-8")) for key, value in values.items()]


def decode_headers(headers: Iterable[tuple[str, bytes]] | None) -> dict[str, str]:
    if not headers:
        return {}
    return {key: value.decode("utf-8", errors="replace") for key, value in headers}


def practice_key(tenant_id: str, practice_ref: str) -> bytes:
    return f"{tenant_id}:{practice_ref}".encode()

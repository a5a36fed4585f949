"""`vigie dead-letter list|replay`: inspect the dead-letter topic and send records back once fixed.

Replay re-produces each record to the topic it came from (its `original-topic` header) and commits the
dead-letter consumer group's offset, so a record is replayed once. Records still invalid come back to the
dead-letter topic, where they can be listed again.
"""

import asyncio
import json

from aiokafka import AIOKafkaConsumer

from contracts.topics import Header, Topic, topic_name
from vigie.kafka import build_producer, decode_headers, encode_headers
from vigie.settings import Settings

GROUP = "vigie-dead-letter-replay"


async def _consume(settings: Settings, replay: bool, max_records: int) -> list[dict[str, object]]:
    consumer = AIOKafkaConsumer(
        topic_name(Topic.REVIEWS_RECEIVED_DEAD_LETTER, settings.KAFKA_TOPIC_PREFIX),
        bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS,
        group_id=f"{settings.KAFKA_TOPIC_PREFIX}{GROUP}" if replay else None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=int(settings.KAFKA_SESSION_TIMEOUT_SECONDS * 1000),
        heartbeat_interval_ms=int(settings.KAFKA_HEARTBEAT_INTERVAL_SECONDS * 1000),
    )
    producer = build_producer(settings)
    await consumer.start()
    await producer.start()
    seen: list[dict[str, object]] = []
    try:
        while len(seen) < max_records:
            batches = await consumer.getmany(timeout_ms=2000, max_records=max_records - len(seen))
            if not batches:
                break
            for records in batches.values():
                for record in records:
                    headers = decode_headers(record.headers)
                    seen.append({"offset": record.offset, "partition": record.partition,
                                 "original_topic": headers.get(Header.ORIGINAL_TOPIC),
                                 "original_offset": headers.get(Header.ORIGINAL_OFFSET),
                                 "error": headers.get(Header.ERROR)})
                    if replay:
                        forwarded = {Header(k): v for k, v in headers.items()
                                if k in (Header.CORRELATION_ID, Header.EVENT_TYPE, Header.SCHEMA_VERSION)}
                        await producer.send_and_wait(str(headers[Header.ORIGINAL_TOPIC]), record.value,
                                                     key=record.key, headers=encode_headers(forwarded))
            if replay:
                await consumer.commit()
    finally:
        await consumer.stop()
        await producer.stop()
    return seen


def run_dead_letter(settings: Settings, action: str, max_records: int) -> int:
    records = asyncio.run(_consume(settings, action == "replay", max_records))
    print(json.dumps({"action": action, "records": records}, ensure_ascii=False))
    return 0

"""Send records that cannot be processed to the dead-letter topic, with where they came from."""

import time
from collections import deque

from aiokafka import AIOKafkaProducer

from contracts.topics import Header
from services.scoring.records import InboundRecord
from vigie.kafka import encode_headers
from vigie.logs import get_logger
from vigie.metrics import DEAD_LETTERS

log = get_logger(__name__)


class DeadLetterRatioExceededError(Exception):
    """Raised when too many recent records were dead-lettered: the stream is likely broken upstream,
    and stopping is safer than draining the whole topic into the dead-letter topic."""


class DeadLetterSink:
    def __init__(self, producer: AIOKafkaProducer, topic: str, max_ratio: float, window: int = 1000):
        self._producer = producer
        self._topic = topic
        self._max_ratio = max_ratio
        self._recent: deque[bool] = deque(maxlen=window)
        self._last_warning = 0.0

    def record_valid(self, count: int) -> None:
        self._recent.extend([False] * count)

    async def send(self, record: InboundRecord, reason: str, error: str) -> None:
        headers = dict(record.headers)
        headers.update(
            {
                Header.ORIGINAL_TOPIC: record.topic,
                Header.ORIGINAL_PARTITION: str(record.partition),
                Header.ORIGINAL_OFFSET: str(record.offset),
                Header.ERROR: f"{reason}: {error}"[:1000],
            }
        )
        await self._producer.send_and_wait(
            self._topic, value=record.value, key=record.key, headers=encode_headers(headers)  # type: ignore[arg-type]
        )
        DEAD_LETTERS.labels(record.topic, reason).inc()
        self._warn(record, reason)
        self._recent.append(True)
        self._check_ratio()

    def _warn(self, record: InboundRecord, reason: str) -> None:
        # One warning per second at most: a poisoned topic would otherwise flood the logs.
        now = time.monotonic()
        if now - self._last_warning >= 1.0:
            self._last_warning = now
            log.warning("record dead-lettered", topic=record.topic, partition=record.partition,
                        offset=record.offset, reason=reason)

    def _check_ratio(self) -> None:
        if len(self._recent) < 100:
            return
        ratio = sum(self._recent) / len(self._recent)
        if ratio > self._max_ratio:
            raise DeadLetterRatioExceededError(
                f"{ratio:.0%} of the last {len(self._recent)} records were dead-lettered; the limit is "
                f"{self._max_ratio:.0%}. Inspect the dead-letter topic {self._topic}."
            )

"""Consume `alert.raised` events and deliver each one once per channel.

Offsets are committed after every alert of a batch was delivered or recorded as failed. A transient
SMTP failure stops the batch without committing, and the consumer seeks back, so the alert is retried
and never lost.
"""

import asyncio

import structlog
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from pydantic import ValidationError

from contracts.events import AlertRaised
from contracts.topics import Topic, topic_name
from services.notifier.dispatcher import EMAIL, AlertDispatcher
from services.notifier.smtp import TransientDeliveryError
from vigie.logs import get_logger
from vigie.metrics import ALERTS_SENT
from vigie.settings import Settings

log = get_logger(__name__)

__all__ = ["AlertDispatcher", "build_consumer", "run_consumer"]


def alerts_topic(settings: Settings) -> str:
    return topic_name(Topic.ALERTS_RAISED, settings.KAFKA_TOPIC_PREFIX)


def notifier_group(settings: Settings) -> str:
    return f"{settings.KAFKA_TOPIC_PREFIX}vigie-notifier"


def build_consumer(settings: Settings) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        alerts_topic(settings),
        bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS,
        group_id=notifier_group(settings),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=int(settings.KAFKA_SESSION_TIMEOUT_SECONDS * 1000),
        heartbeat_interval_ms=int(settings.KAFKA_HEARTBEAT_INTERVAL_SECONDS * 1000),
    )


async def run_consumer(settings: Settings, consumer: AIOKafkaConsumer, dispatcher: AlertDispatcher,
                       stopping: asyncio.Event, retry_delay_seconds: float = 2.0) -> None:
    while not stopping.is_set():
        batches = await consumer.getmany(timeout_ms=500, max_records=100)
        for partition, records in batches.items():
            try:
                await _deliver_all(records, dispatcher)
            except TransientDeliveryError as exc:
                ALERTS_SENT.labels(EMAIL, "retried").inc()
                log.warning("alert delivery failed; retrying", error=str(exc), partition=partition.partition)
                consumer.seek(partition, records[0].offset)
                await asyncio.sleep(retry_delay_seconds)
                continue
            await consumer.commit({partition: records[-1].offset + 1})


async def _deliver_all(records: list[ConsumerRecord[bytes, bytes]], dispatcher: AlertDispatcher) -> None:
    alerts = []
    for record in records:
        try:
            alerts.append(AlertRaised.model_validate_json(record.value or b""))
        except ValidationError as exc:
            log.error("invalid alert skipped", offset=record.offset, partition=record.partition,
                      error=str(exc.errors()[0]["msg"]))

    # The whole batch goes along so that one email can list every category flagged on the same review.
    for alert in alerts:
        # Every log line of this delivery carries the ids that tie it to the webhook that started it.
        with structlog.contextvars.bound_contextvars(correlation_id=alert.correlation_id, alert_id=alert.alert_id):
            await dispatcher.dispatch(alert, alerts)

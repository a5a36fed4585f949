"""Consume `alert.raised` events and deliver each one once per channel.

Offsets are committed after every alert of a batch was delivered or recorded as failed. A transient
SMTP failure stops the batch without committing, and the consumer seeks back, so the alert is retried
and never lost.
"""

import asyncio

from aiokafka import AIOKafkaConsumer, ConsumerRecord
from pydantic import ValidationError
from pymongo.asynchronous.database import AsyncDatabase

from contracts.events import AlertRaised
from contracts.topics import Topic, topic_name
from services.notifier.alert_email import build_alert_email
from services.notifier.ledger import DeliveryLedger
from services.notifier.recipients import recipients_for
from services.notifier.smtp import PermanentDeliveryError, TransientDeliveryError, send_email
from vigie.logs import get_logger
from vigie.metrics import ALERTS_SENT
from vigie.mongo import Document
from vigie.settings import Settings

log = get_logger(__name__)

EMAIL = "email"


def build_consumer(settings: Settings) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        topic_name(Topic.ALERTS_RAISED, settings.KAFKA_TOPIC_PREFIX),
        bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS,
        group_id=f"{settings.KAFKA_TOPIC_PREFIX}vigie-notifier",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=int(settings.KAFKA_SESSION_TIMEOUT_SECONDS * 1000),
        heartbeat_interval_ms=int(settings.KAFKA_HEARTBEAT_INTERVAL_SECONDS * 1000),
    )


class AlertDispatcher:
    def __init__(self, settings: Settings, database: AsyncDatabase[Document]):
        self._settings = settings
        self._database = database
        self._ledger = DeliveryLedger(database)

    async def dispatch(self, alert: AlertRaised) -> None:
        if not await self._ledger.claim(alert.alert_id, EMAIL, alert.tenant_id):
            ALERTS_SENT.labels(EMAIL, "duplicate").inc()
            log.debug("alert already delivered", alert_id=alert.alert_id)
            return

        recipients = await recipients_for(self._database, alert.tenant_id, alert.practice_ref)
        if not recipients.emails:
            await self._ledger.mark(alert.alert_id, EMAIL, "no_recipient", "the practice has no alert email")
            log.warning("alert has no recipient", alert_id=alert.alert_id, practice_ref=alert.practice_ref)
            return

        message = build_alert_email(alert, recipients.locale, recipients.practice_name,
                                    self._settings.MAIL_FROM, recipients.emails)
        try:
            await send_email(self._settings, message)
        except PermanentDeliveryError as exc:
            # Error: the address or message was rejected; record it for the tenant instead of retrying.
            await self._ledger.mark(alert.alert_id, EMAIL, "rejected", str(exc))
            ALERTS_SENT.labels(EMAIL, "failed").inc()
            log.warning("alert email rejected", alert_id=alert.alert_id, error=str(exc))
            return
        await self._ledger.mark(alert.alert_id, EMAIL, "sent")
        ALERTS_SENT.labels(EMAIL, "sent").inc()
        log.info("alert email sent", alert_id=alert.alert_id, category=alert.category.value)


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
    for record in records:
        try:
            alert = AlertRaised.model_validate_json(record.value or b"")
        except ValidationError as exc:
            log.error("invalid alert skipped", offset=record.offset, partition=record.partition,
                      error=str(exc.errors()[0]["msg"]))
            continue
        await dispatcher.dispatch(alert)

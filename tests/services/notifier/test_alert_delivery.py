"""The alert consumer against the real broker, database and an aiosmtpd server on loopback."""

import asyncio
import email
from collections.abc import AsyncIterator
from email.message import Message
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from contracts.topics import Topic, topic_name
from services.notifier.consumer import AlertDispatcher, build_consumer, run_consumer
from tests.factories import alert_event
from vigie.settings import Settings
from vigie.stack.mailsink import start_mailsink
from vigie.stack.processes import free_port
from vigie.tenancy import create_tenant

pytestmark = pytest.mark.integration


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    return tmp_path / "mail"


@pytest.fixture
def smtp_settings(settings: Settings, mail_dir: Path) -> AsyncIterator[Settings]:
    port = free_port()
    controller = start_mailsink(mail_dir, port)
    try:
        yield settings.model_copy(update={"SMTP_PORT": port})
    finally:
        controller.stop()


async def produce(settings: Settings, *payloads: bytes) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.KAFKA_BOOTSTRAP_SERVERS, acks="all")
    await producer.start()
    try:
        for payload in payloads:
            await producer.send_and_wait(topic_name(Topic.ALERTS_RAISED, settings.KAFKA_TOPIC_PREFIX), payload)
    finally:
        await producer.stop()


async def run_until(settings: Settings, database, mail_dir: Path, expected_mails: int,
                    timeout: float = 15.0) -> list[Message]:
    consumer = build_consumer(settings)
    await consumer.start()
    stopping = asyncio.Event()
    task = asyncio.create_task(run_consumer(settings, consumer, AlertDispatcher(settings, database), stopping, 0.2))
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            if len(list(mail_dir.glob("*.eml"))) >= expected_mails:
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)  # leave time for an unexpected extra message to arrive
    finally:
        stopping.set()
        await asyncio.wait({task}, timeout=5)
        await consumer.stop()
    return [email.message_from_bytes(path.read_bytes()) for path in sorted(mail_dir.glob("*.eml"))]


async def test_alert_delivered_twice_sends_one_email(smtp_settings, topics, database, mail_dir) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Cabinet")
    await database.tenants.update_one({"_id": tenant_id}, {"$set": {"alert_emails": ["dr@cabinet.test"]}})
    alert = alert_event(tenant_id)
    await produce(smtp_settings, alert.model_dump_json().encode(), alert.model_dump_json().encode())

    messages = await run_until(smtp_settings, database, mail_dir, expected_mails=1)

    assert len(messages) == 1
    assert messages[0]["To"] == "dr@cabinet.test"
    assert "chantage" in messages[0]["Subject"].lower()
    assert messages[0]["Date"] is not None
    ledger = await database.notifications.find_one({"alert_id": alert.alert_id})
    assert ledger["status"] == "sent"


async def test_alert_email_in_practice_language(smtp_settings, topics, database, mail_dir) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Praxis")
    await database.practices.insert_one(
        {"tenant_id": tenant_id, "practice_ref": "praxis-1", "locale": "de", "name": "Praxis Dr. Weber",
         "notify": {"emails": ["weber@praxis.test"]}}
    )
    alert = alert_event(tenant_id, practice_ref="praxis-1")
    await produce(smtp_settings, alert.model_dump_json().encode())

    messages = await run_until(smtp_settings, database, mail_dir, expected_mails=1)

    assert len(messages) == 1
    assert "Erpressungsversuch" in messages[0]["Subject"]
    bodies = [part.get_payload(decode=True).decode() for part in messages[0].walk() if not part.is_multipart()]
    assert any("Praxis Dr. Weber" in body for body in bodies)
    assert any("<html" in body for body in bodies)


async def test_smtp_outage_retried_without_loss(settings, topics, database, mail_dir) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Cabinet")
    await database.tenants.update_one({"_id": tenant_id}, {"$set": {"alert_emails": ["dr@cabinet.test"]}})
    port = free_port()
    outage_settings = settings.model_copy(update={"SMTP_PORT": port, "SMTP_TIMEOUT_SECONDS": 1.0})
    await produce(outage_settings, alert_event(tenant_id).model_dump_json().encode())

    # Nothing listens on the port yet: the consumer retries, then the server appears.
    delivery = asyncio.create_task(run_until(outage_settings, database, mail_dir, expected_mails=1, timeout=20))
    await asyncio.sleep(3)
    controller = start_mailsink(mail_dir, port)
    try:
        messages = await delivery
    finally:
        controller.stop()

    assert len(messages) == 1


async def test_invalid_alert_skipped_next_delivered(smtp_settings, topics, database, mail_dir) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Cabinet")
    await database.tenants.update_one({"_id": tenant_id}, {"$set": {"alert_emails": ["dr@cabinet.test"]}})
    await produce(smtp_settings, b"{not json", alert_event(tenant_id).model_dump_json().encode())

    messages = await run_until(smtp_settings, database, mail_dir, expected_mails=1)

    assert len(messages) == 1

"""Signed alert webhooks against a real HTTP receiver on loopback and the real database."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from services.ingest.signing import generate_secret, verify
from services.notifier.dispatcher import notify_endpoint_disabled
from services.notifier.webhooks import WebhookQueue, WebhookSender
from tests.factories import alert_event
from vigie.tenancy import create_tenant

pytestmark = pytest.mark.integration

LATER = timedelta(days=2)


async def endpoint(database, url: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Cabinet")
    await database.tenants.update_one({"_id": tenant_id}, {"$set": {"alert_emails": ["admin@cabinet.test"]}})
    secret = generate_secret()
    await database.webhook_endpoints.insert_one(
        {"_id": "whe_1", "tenant_id": tenant_id, "url": url, "secret": secret, "enabled": True,
         "consecutive_failures": 0}
    )
    return tenant_id, secret


def sender_for(mailbox, database, **settings: object) -> WebhookSender:  # type: ignore[no-untyped-def]
    configured = mailbox.settings.model_copy(update={"WEBHOOK_RETRY_BASE_SECONDS": 60.0,
                                                     "WEBHOOK_TIMEOUT_SECONDS": 2.0, **settings})

    async def disabled(record, error: str) -> None:  # type: ignore[no-untyped-def]
        await notify_endpoint_disabled(configured, database, record, error)

    return WebhookSender(configured, database, disabled)


async def test_delivery_signed_and_logged(mailbox, database, receiver) -> None:  # type: ignore[no-untyped-def]
    tenant_id, secret = await endpoint(database, receiver.url)
    alert = alert_event(tenant_id)
    queue = WebhookQueue(database)
    sender = sender_for(mailbox, database)

    assert await queue.enqueue(alert) == 1
    assert await queue.enqueue(alert) == 0
    await sender.send_due()
    await sender.close()

    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    verify([secret], headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body, 60)
    payload = json.loads(body)
    assert payload["type"] == "alert.raised"
    assert payload["data"]["alert_id"] == alert.alert_id
    delivery = await database.webhook_deliveries.find_one({"alert_id": alert.alert_id})
    assert delivery["status"] == "delivered"
    assert delivery["attempts"][0]["status_code"] == 200


async def test_server_error_retried_with_backoff(mailbox, database, receiver) -> None:  # type: ignore[no-untyped-def]
    tenant_id, _ = await endpoint(database, receiver.url)
    receiver.statuses = [503, 200]
    await WebhookQueue(database).enqueue(alert_event(tenant_id))
    sender = sender_for(mailbox, database)

    await sender.send_due()
    delivery = await database.webhook_deliveries.find_one({})
    assert delivery["status"] == "pending"
    delay = (delivery["next_attempt_at"] - datetime.now(UTC)).total_seconds()
    assert 25 <= delay <= 60  # base 60 s with equal jitter: between 30 and 60 s
    assert await sender.send_due() == 0  # not due yet

    await sender.send_due(now=datetime.now(UTC) + timedelta(minutes=2))
    await sender.close()
    delivery = await database.webhook_deliveries.find_one({})
    assert delivery["status"] == "delivered"
    assert [attempt["status_code"] for attempt in delivery["attempts"]] == [503, 200]


async def test_client_error_not_retried(mailbox, database, receiver) -> None:  # type: ignore[no-untyped-def]
    tenant_id, _ = await endpoint(database, receiver.url)
    receiver.statuses = [400]
    await WebhookQueue(database).enqueue(alert_event(tenant_id))
    sender = sender_for(mailbox, database)

    await sender.send_due()
    await sender.send_due(now=datetime.now(UTC) + LATER)
    await sender.close()

    assert len(receiver.requests) == 1
    delivery = await database.webhook_deliveries.find_one({})
    assert delivery["status"] == "failed"


async def test_retries_stop_after_window(mailbox, database, receiver) -> None:  # type: ignore[no-untyped-def]
    tenant_id, _ = await endpoint(database, receiver.url)
    receiver.statuses = [500]
    await WebhookQueue(database).enqueue(alert_event(tenant_id))
    sender = sender_for(mailbox, database, WEBHOOK_RETRY_WINDOW_SECONDS=300.0)

    for minutes in range(0, 20, 2):
        await sender.send_due(now=datetime.now(UTC) + timedelta(minutes=minutes))
    await sender.close()

    delivery = await database.webhook_deliveries.find_one({})
    assert delivery["status"] == "failed"
    assert 2 <= len(receiver.requests) <= 5


async def test_endpoint_disabled_after_failures(mailbox, database, receiver) -> None:  # type: ignore[no-untyped-def]
    tenant_id, _ = await endpoint(database, receiver.url)
    receiver.statuses = [410]
    queue = WebhookQueue(database)
    sender = sender_for(mailbox, database, WEBHOOK_DISABLE_AFTER_FAILURES=3)

    for number in range(4):
        await queue.enqueue(alert_event(tenant_id, alert_id=f"alr_{number}"))
        await sender.send_due()
    await sender.close()

    assert len(receiver.requests) == 3
    record = await database.webhook_endpoints.find_one({"_id": "whe_1"})
    assert record["enabled"] is False
    assert record["disabled_notice"] == "sent"
    messages = mailbox.messages()
    assert len(messages) == 1
    assert messages[0]["To"] == "admin@cabinet.test"
    assert receiver.url in messages[0]["Subject"]

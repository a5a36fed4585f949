"""The alert dispatcher against the real database and an SMTP server on loopback."""

from datetime import UTC, datetime, timedelta

import pytest

from contracts.events import Severity
from contracts.risk import Category, Evidence
from services.notifier.dispatcher import AlertDispatcher
from tests.factories import alert_event
from vigie.tenancy import create_tenant

pytestmark = pytest.mark.integration

# 22:00 in Paris: inside the practice's quiet hours (20:00 to 07:00).
EVENING = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def practice(database, emails: list[str], **notify: object) -> str:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Cabinet")
    await database.practices.insert_one(
        {"tenant_id": tenant_id, "practice_ref": "cabinet-1", "name": "Cabinet du Parc", "locale": "fr-FR",
         "notify": {"emails": emails, "channels": ["email"], **notify}}
    )
    return tenant_id


def alert(tenant_id: str, number: int, category: Category = Category.EXTORTION, incident: str = "campaign:1"):  # type: ignore[no-untyped-def]
    event = alert_event(tenant_id, alert_id=f"alr_{number:04d}")
    return event.model_copy(update={"category": category, "incident_key": incident,
                                    "review_id": f"rev_{number}", "external_id": f"g-{number}"})


async def test_redelivered_alert_sends_once(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["dr@cabinet.test"])
    dispatcher = AlertDispatcher(mailbox.settings, database)

    await dispatcher.dispatch(alert(tenant_id, 1))
    await dispatcher.dispatch(alert(tenant_id, 1))

    assert len(mailbox.messages()) == 1
    entry = await database.notifications.find_one({"alert_id": "alr_0001"})
    assert entry["status"] == "sent"


async def test_burst_is_one_email_then_hourly_update(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["dr@cabinet.test"])
    clock = Clock(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    dispatcher = AlertDispatcher(mailbox.settings, database, clock=clock)

    for number in range(1, 21):
        await dispatcher.dispatch(alert(tenant_id, number, Category.FAKE_SUSPECT))
    assert len(mailbox.messages()) == 1
    assert await dispatcher.send_due_updates() == 0

    clock.now += timedelta(minutes=61)
    assert await dispatcher.send_due_updates() == 1
    assert await dispatcher.send_due_updates() == 0

    messages = mailbox.messages()
    assert len(messages) == 2
    assert messages[1]["Subject"].startswith("Mise à jour : 20 alertes dans cet incident")
    record = await database.incident_notifications.find_one({"incident_key": "campaign:1"})
    assert len(record["alert_ids"]) == 20
    assert record["sent_count"] == 2
    grouped = await database.notifications.count_documents({"status": "grouped"})
    assert grouped == 19


async def test_quiet_hours_defer_until_morning(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    quiet = {"start": "20:00", "end": "07:00", "timezone": "Europe/Paris"}
    tenant_id = await practice(database, ["dr@cabinet.test"], quiet_hours=quiet)
    clock = Clock(EVENING)
    dispatcher = AlertDispatcher(mailbox.settings, database, clock=clock)

    await dispatcher.dispatch(alert(tenant_id, 1, Category.INSULT, incident="review:1"))
    await dispatcher.dispatch(alert(tenant_id, 2, Category.EXTORTION, incident="review:2"))

    assert len(mailbox.messages()) == 1
    assert "chantage" in mailbox.messages()[0]["Subject"]
    deferred = await database.notifications.find_one({"alert_id": "alr_0001"})
    assert deferred["status"] == "deferred"
    assert deferred["deliver_after"] == datetime(2026, 12, 4, 6, 0, tzinfo=UTC)

    clock.now = datetime(2026, 12, 4, 5, 59, tzinfo=UTC)
    assert await dispatcher.release_deferred() == 0
    clock.now = datetime(2026, 12, 4, 6, 1, tzinfo=UTC)
    assert await dispatcher.release_deferred() == 1

    assert len(mailbox.messages()) == 2
    assert "Injure" in mailbox.messages()[1]["Subject"]


async def test_below_minimum_severity_not_sent(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["dr@cabinet.test"], min_severity={"insult": "high"})
    dispatcher = AlertDispatcher(mailbox.settings, database)
    low = alert(tenant_id, 1, Category.INSULT).model_copy(update={"severity": Severity.MEDIUM})

    await dispatcher.dispatch(low)

    assert mailbox.messages() == []
    entry = await database.notifications.find_one({"alert_id": "alr_0001"})
    assert entry["status"] == "below_threshold"


async def test_invalid_address_recorded(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["not an address"])
    dispatcher = AlertDispatcher(mailbox.settings, database)

    await dispatcher.dispatch(alert(tenant_id, 1))

    entry = await database.notifications.find_one({"alert_id": "alr_0001"})
    assert entry["status"] == "invalid_recipient"
    assert entry["rejected_recipients"] == [{"address": "not an address", "reason": "invalid address"}]
    assert mailbox.messages() == []


async def test_rejected_recipient_recorded_not_retried(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["rejected@cabinet.test", "dr@cabinet.test"])
    dispatcher = AlertDispatcher(mailbox.settings, database)

    await dispatcher.dispatch(alert(tenant_id, 1))
    await dispatcher.dispatch(alert(tenant_id, 1))

    assert len(mailbox.messages()) == 1
    entry = await database.notifications.find_one({"alert_id": "alr_0001"})
    assert entry["status"] == "sent"
    assert [r["address"] for r in entry["rejected_recipients"]] == ["rejected@cabinet.test"]
    assert entry["rejected_recipients"][0]["reason"].startswith("550")


async def test_every_recipient_rejected(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["rejected@cabinet.test"])
    dispatcher = AlertDispatcher(mailbox.settings, database)

    await dispatcher.dispatch(alert(tenant_id, 1))
    await dispatcher.dispatch(alert(tenant_id, 1))

    entry = await database.notifications.find_one({"alert_id": "alr_0001"})
    assert entry["status"] == "rejected"
    assert entry["attempts"] == 1


def review_alert(tenant_id: str, number: int, category: Category, quote: str):  # type: ignore[no-untyped-def]
    event = alert(tenant_id, number, category, incident="review:rev_7")
    return event.model_copy(update={"review_id": "rev_7", "channel": "review", "severity": Severity.HIGH,
                                    "evidence": [Evidence(rule="test", text=quote)]})


async def test_review_categories_share_one_email(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["dr@cabinet.test"])
    clock = Clock(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    dispatcher = AlertDispatcher(mailbox.settings, database, clock=clock)
    batch = [review_alert(tenant_id, 1, Category.DEFAMATION, "ce dentiste vole ses patients"),
             review_alert(tenant_id, 2, Category.PERSONAL_DATA, "06 12 34 56 78")]

    for item in batch:
        await dispatcher.dispatch(item, batch)
    clock.now += timedelta(hours=2)

    assert await dispatcher.send_due_updates() == 0
    messages = mailbox.messages()
    assert len(messages) == 1
    text = messages[0].get_body(("plain",)).get_content()
    assert "Propos diffamatoires" in text
    assert "ce dentiste vole ses patients" in text
    assert "Données personnelles" in text
    assert "06 12 34 56 78" in text
    second = await database.notifications.find_one({"alert_id": "alr_0002"})
    assert second["status"] == "grouped"


async def test_late_category_sent_as_update(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await practice(database, ["dr@cabinet.test"])
    clock = Clock(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    dispatcher = AlertDispatcher(mailbox.settings, database, clock=clock)

    await dispatcher.dispatch(review_alert(tenant_id, 1, Category.DEFAMATION, "ce dentiste vole ses patients"))
    await dispatcher.dispatch(review_alert(tenant_id, 2, Category.PERSONAL_DATA, "06 12 34 56 78"))
    clock.now += timedelta(minutes=61)

    assert await dispatcher.send_due_updates() == 1
    update = mailbox.messages()[1].get_body(("plain",)).get_content()
    assert "Données personnelles" in update
    assert "06 12 34 56 78" in update
    assert "Propos diffamatoires" in update
    assert "ce dentiste vole ses patients" in update

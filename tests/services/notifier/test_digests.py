"""Digests against the real database and SMTP server: content, inline charts and once per period."""

from datetime import UTC, datetime, timedelta

import pytest

from services.notifier.digests.schedule import DigestRunner
from vigie.tenancy import create_tenant

pytestmark = pytest.mark.integration

# Tuesday 8 December 2026, 08:00 in Paris: the daily digest of the 7th and the weekly one of the
# week of 30 November are both due at 07:00.
TUESDAY_MORNING = datetime(2026, 12, 8, 7, 0, tzinfo=UTC)


async def seed(database) -> str:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Cabinet")
    await database.practices.insert_one(
        {"tenant_id": tenant_id, "practice_ref": "cabinet-1", "name": "Praxis am See", "locale": "de-CH",
         "timezone": "Europe/Zurich", "notify": {"emails": ["dr@praxis.test"], "digests": {"hour": 7}}}
    )
    received = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    reviews = [
        {"_id": f"rev_{number}", "tenant_id": tenant_id, "practice_ref": "cabinet-1", "channel": "review",
         "external_id": f"ext-{number}",
         "platform": "google" if number % 2 else "trustpilot", "rating": rating, "text": f"Text {number}",
         "flagged": ["extortion"] if rating == 1 else [], "max_score": 0.9 if rating == 1 else 0.1,
         "risk": {"topics": ["wait_time"]}, "first_received_at": received - timedelta(days=days),
         "published_at": received - timedelta(days=days), "url": f"https://maps.example/{number}"}
        for number, (rating, days) in enumerate([(5, 0), (1, 0), (4, 1), (5, 8), (2, 8)])
    ]
    await database.reviews.insert_many(reviews)
    await database.incidents.insert_one(
        {"_id": "inc_1", "tenant_id": tenant_id, "practice_ref": "cabinet-1", "incident_key": "review:rev_1",
         "kind": "extortion", "status": "open", "opened_at": received, "review_ids": ["rev_1"]}
    )
    return tenant_id


async def test_digests_sent_once_per_period(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    await seed(database)
    runner = DigestRunner(mailbox.settings, database, clock=lambda: TUESDAY_MORNING)

    assert await runner.send_due() == 2
    assert await runner.send_due() == 0
    restarted = DigestRunner(mailbox.settings, database, clock=lambda: TUESDAY_MORNING + timedelta(hours=3))
    assert await restarted.send_due() == 0

    messages = {message["X-Vigie-Digest"]: message for message in mailbox.messages()}
    assert set(messages) == {"daily 2026-12-07", "weekly 2026-11-30"}
    daily = messages["daily 2026-12-07"]
    assert daily["Subject"] == "Tagesübersicht — Praxis am See — 7. Dezember 2026"
    text = daily.get_body(("plain",)).get_content()
    assert "2 neue Bewertungen" in text
    assert "Erpressungsversuch" in text
    assert "Wartezeit: 2" in text
    images = [part for part in daily.walk() if part.get_content_type() == "image/png"]
    assert len(images) == 2
    html = daily.get_body(("html",)).get_content()
    for image in images:
        assert f"cid:{image['Content-ID'][1:-1]}" in html

    weekly_text = messages["weekly 2026-11-30"].get_body(("plain",)).get_content()
    assert "1 neue Bewertung\r\n" in weekly_text


async def test_digest_claimed_by_crashed_run_resent_after_timeout(mailbox, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await seed(database)
    claim = {"tenant_id": tenant_id, "practice_ref": "cabinet-1", "period": "daily", "period_start": "2026-12-07",
             "status": "sending", "claimed_at": TUESDAY_MORNING, "attempts": 1}
    await database.digests.insert_one(claim)

    runner = DigestRunner(mailbox.settings, database, clock=lambda: TUESDAY_MORNING + timedelta(minutes=1))
    assert await runner.send_due() == 1  # only the weekly one: the daily claim is still fresh
    later = DigestRunner(mailbox.settings, database, clock=lambda: TUESDAY_MORNING + timedelta(minutes=20))
    assert await later.send_due() == 1

    ledger = await database.digests.find_one({"period": "daily"})
    assert ledger["status"] == "sent"
    assert ledger["attempts"] == 2
    assert len(mailbox.messages()) == 2

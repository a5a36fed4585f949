"""What the complaint summary and the platform reports say: every item of the incident, dates, legal wording."""

from datetime import UTC, datetime

import httpx
import pytest

from tests.services.api.seed import review_document

pytestmark = pytest.mark.integration

NOTE_TEXT = "Le patient a rappelé au cabinet et répété sa demande de remise."
SENT_AT = datetime(2025, 6, 2, 9, 15, tzinfo=UTC)


async def add_note(database, tenant) -> None:  # type: ignore[no-untyped-def]
    note = review_document(tenant.tenant_id, "rev_note", NOTE_TEXT, channel="note", rating=None,
                           author_name="Secrétariat")
    note["url"] = None
    await database.reviews.insert_one(note)
    await database.incidents.update_one({"_id": tenant.ids["incident_id"]}, {"$push": {"review_ids": "rev_note"}})


async def get_report(client: httpx.AsyncClient, tenant, kind: str, language: str) -> str:  # type: ignore[no-untyped-def]
    response = await client.get(f"/v1/incidents/{tenant.ids['incident_id']}/reports/{kind}",
                                headers=tenant.reader, params={"language": language})
    assert response.status_code == 200, response.text
    return str(response.json()["text"])


@pytest.mark.parametrize(("language", "message_label", "note_label"), [
    ("fr", "message privé", "note interne"),
    ("en", "private message", "internal note"),
    ("de", "private Nachricht", "interne Notiz"),
])
async def test_complaint_lists_messages_and_notes(  # type: ignore[no-untyped-def]
    client: httpx.AsyncClient, tenant_a, database, language: str, message_label: str, note_label: str,
) -> None:
    await add_note(database, tenant_a)

    text = await get_report(client, tenant_a, "complaint", language)

    assert "Faites-moi une remise de 200 euros" in text
    assert "dentiste incompétent" in text
    assert NOTE_TEXT in text
    assert message_label in text
    assert note_label in text
    assert "Secrétariat" in text


async def test_complaint_uses_each_item_own_date(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await database.reviews.update_one({"_id": tenant_a.ids["message_id"]}, {"$set": {"published_at": SENT_AT}})

    text = await get_report(client, tenant_a, "complaint", "fr")

    assert "2 juin 2025 à 11:15 (Europe/Paris)" in text
    assert "+00:00" not in text


async def test_google_extortion_describes_contact(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await database.reviews.update_one({"_id": tenant_a.ids["message_id"]}, {"$set": {"published_at": SENT_AT}})

    text = await get_report(client, tenant_a, "google_extortion", "fr")

    assert "Envoyé le 2 juin 2025 à 11:15 (Europe/Paris) via google" in text
    assert "Faites-moi une remise de 200 euros" in text
    assert "1 étoile," in text
    assert "étoile(s)" not in text


async def test_reports_use_practice_time_zone(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await database.practices.update_one({"tenant_id": tenant_a.tenant_id},
                                        {"$set": {"time_zone": "Europe/Zurich", "locale": "de"}})
    await database.reviews.update_one({"_id": tenant_a.ids["message_id"]}, {"$set": {"published_at": SENT_AT}})

    text = await get_report(client, tenant_a, "complaint", "de")

    assert "2. Juni 2025 um 11:15 (Europe/Zurich)" in text


@pytest.mark.parametrize(("language", "disclaimer"), [
    ("fr", "Qualification indicative, à confirmer par un avocat."),
    ("en", "Indicative qualification, to be confirmed by a lawyer."),
    ("de", "Unverbindliche Einordnung, von einer Anwältin oder einem Anwalt zu bestätigen."),
])
async def test_complaint_has_disclaimer(client: httpx.AsyncClient, tenant_a, language: str, disclaimer: str) -> None:  # type: ignore[no-untyped-def]
    text = await get_report(client, tenant_a, "complaint", language)

    assert disclaimer in text


async def test_complaint_past_deadline_says_expired(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await database.incidents.update_one({"_id": tenant_a.ids["incident_id"]},
                                        {"$set": {"first_published_at": datetime(2025, 1, 10, tzinfo=UTC)}})

    text = await get_report(client, tenant_a, "complaint", "fr")

    assert "a expiré le 10 avril 2025" in text
    assert "action à engager avant" not in text


async def test_complaint_omits_extorsion(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    text = await get_report(client, tenant_a, "complaint", "fr")

    assert "Chantage" in text
    assert "312-1)" not in text
    assert "Extorsion" not in text


async def test_private_defamation_not_public(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await database.reviews.update_one({"_id": tenant_a.ids["review_id"]}, {"$set": {"channel": "private_message"}})

    text = await get_report(client, tenant_a, "complaint", "fr")

    assert "Diffamation non publique (contravention)" in text
    assert "R.621-1" in text
    assert "Diffamation publique" not in text

"""Chat exports, bulk imports and staff notes through the upload endpoints."""

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from services.ingest.uploads.chat import ChatParseError, parse_chat
from tests.helpers import dumps, review, signed_headers
from tests.services.ingest.support import FIXTURES, fixture_bytes, read_received, score_and_store
from vigie.cli.import_export import MappingError, map_row, parse_mapping, read_rows
from vigie.tenancy import create_api_key, create_partner

pytestmark = pytest.mark.integration

PARIS = ZoneInfo("Europe/Paris")


class TestChatParser:
    def test_android_french_day_first(self) -> None:
        messages = parse_chat(fixture_bytes("chat/whatsapp_android_fr.txt").decode(), PARIS)
        assert [m.author for m in messages] == ["Cabinet Dupont", "Jean D."]
        assert messages[1].sent_at == datetime(2026, 12, 3, 21, 16, tzinfo=PARIS)
        assert messages[1].text.endswith("\nJe ne plaisante pas.")

    def test_ios_german_with_seconds(self) -> None:
        messages = parse_chat(fixture_bytes("chat/whatsapp_ios_de.txt").decode(), ZoneInfo("Europe/Zurich"))
        assert messages[1].sent_at == datetime(2026, 12, 3, 21, 16, 40, tzinfo=ZoneInfo("Europe/Zurich"))
        assert messages[1].author == "Hans M."

    def test_us_english_month_first_pm(self) -> None:
        messages = parse_chat(fixture_bytes("chat/android_us_en.txt").decode(), ZoneInfo("UTC"))
        assert messages[0].sent_at == datetime(2026, 12, 3, 21, 15, tzinfo=UTC)
        assert messages[1].sent_at == datetime(2026, 12, 3, 21, 17, tzinfo=UTC)

    def test_explicit_order_overrides(self) -> None:
        [message] = parse_chat("04/05/2026, 10:00 - A: x", PARIS, date_order="mdy")
        assert (message.sent_at.month, message.sent_at.day) == (4, 5)

    def test_no_message_line_rejected(self) -> None:
        with pytest.raises(ChatParseError):
            parse_chat("hello\nworld", PARIS)


async def test_chat_upload_keeps_timestamps(ingest, database, tenant_id, connector_settings) -> None:  # type: ignore[no-untyped-def]
    token = await create_api_key(database, tenant_id)
    headers = {"Authorization": f"Bearer {token}", "content-type": "text/plain"}
    params = {"practice_ref": "cabinet-paris", "platform": "whatsapp", "timezone": "Europe/Paris"}
    body = fixture_bytes("chat/whatsapp_android_fr.txt")

    first = await ingest.post("/v1/uploads/chat", params=params, content=body, headers=headers)
    events = await read_received(connector_settings, expected=2)
    await score_and_store(connector_settings, database, events)
    again = await ingest.post("/v1/uploads/chat", params=params, content=body, headers=headers)

    assert first.status_code == 202, first.text
    assert first.json()["accepted"] == 2
    assert again.json()["duplicates"] == 2
    threat = next(event for event in events if event.review.author_name == "Jean D.")
    assert threat.review.published_at == datetime(2026, 12, 3, 20, 16, tzinfo=UTC)
    assert threat.review.channel == "private_message"
    assert threat.raw["line"] == 2


async def test_chat_upload_skips_practice_and_media(ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
    token = await create_api_key(database, tenant_id)
    headers = {"Authorization": f"Bearer {token}", "content-type": "text/plain"}
    body = ("03/12/2026, 21:15 - Cabinet Dupont: Bonsoir, nous vous rappelons demain.\n"
            "03/12/2026, 21:16 - Jean D.: <Médias omis>\n"
            "03/12/2026, 21:17 - Jean D.: Remboursez-moi ou je mets une étoile.\n").encode()
    params = {"practice_ref": "cabinet-paris", "platform": "whatsapp", "practice_sender": "cabinet dupont"}

    response = await ingest.post("/v1/uploads/chat", params=params, content=body, headers=headers)

    assert response.status_code == 202, response.text
    assert response.json()["accepted"] == 1
    assert response.json()["ignored"] == 2


async def test_chat_upload_signed_partner(ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
    partner_id, secret = await create_partner(database, tenant_id, "Partner")
    body = fixture_bytes("chat/whatsapp_ios_de.txt")
    headers = signed_headers(partner_id, secret, body)
    response = await ingest.post("/v1/uploads/chat", params={"practice_ref": "praxis", "platform": "sms",
                                                             "timezone": "Europe/Zurich"},
                                 content=body, headers=headers)
    assert response.status_code == 202, response.text


class TestChatRejected:
    async def test_unknown_timezone_is_422(self, ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
        token = await create_api_key(database, tenant_id)
        response = await ingest.post("/v1/uploads/chat", params={"practice_ref": "p", "timezone": "Mars/Olympus"},
                                     content=b"03/12/2026, 21:15 - A: x", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 422
        assert "Mars/Olympus" in response.json()["error"]["message"]

    async def test_not_a_chat_is_422(self, ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
        token = await create_api_key(database, tenant_id)
        response = await ingest.post("/v1/uploads/chat", params={"practice_ref": "p"}, content=b"hello",
                                     headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_chat"

    async def test_invalid_utf8_is_400(self, ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
        token = await create_api_key(database, tenant_id)
        response = await ingest.post("/v1/uploads/chat", params={"practice_ref": "p"}, content=b"\xff\xfe",
                                     headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 400

    async def test_oversized_upload_is_413(self, ingest, database, tenant_id, connector_settings) -> None:  # type: ignore[no-untyped-def]
        token = await create_api_key(database, tenant_id)
        size = connector_settings.INGEST_MAX_UPLOAD_BYTES + 1
        response = await ingest.post("/v1/uploads/chat", params={"practice_ref": "p"}, content=b"x" * size,
                                     headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 413
        assert str(connector_settings.INGEST_MAX_UPLOAD_BYTES) in response.json()["error"]["message"]


class TestImportMapping:
    MAPPING = "external_id=Avis ID,author_name=Auteur,rating=Note,text=Commentaire,published_at=Date"

    def test_csv_rows_mapped(self) -> None:
        mapping = parse_mapping(self.MAPPING, ["platform=google", "practice_ref=cabinet-nice"])
        rows = list(read_rows(FIXTURES / "import" / "export_fr.csv"))
        first = map_row(rows[0][1], mapping)
        assert first["rating"] == 5
        assert first["published_at"] == "2026-12-03T10:00:00+00:00"
        assert first["platform"] == "google"

    def test_bad_rating_names_column(self) -> None:
        mapping = parse_mapping(self.MAPPING, ["platform=google", "practice_ref=cabinet-nice"])
        rows = list(read_rows(FIXTURES / "import" / "export_fr.csv"))
        with pytest.raises(MappingError, match="'Note'"):
            map_row(rows[2][1], mapping)

    def test_missing_required_field_rejected(self) -> None:
        with pytest.raises(MappingError, match="practice_ref"):
            parse_mapping("external_id=ID,text=T", ["platform=google"])


async def test_import_posts_through_ingest(ingest, database, tenant_id, connector_settings) -> None:  # type: ignore[no-untyped-def]
    token = await create_api_key(database, tenant_id)
    mapping = parse_mapping(TestImportMapping.MAPPING, ["platform=google", "practice_ref=cabinet-nice"])
    # run_import's synchronous client is tested end to end; here the batch it builds goes through ASGI.
    rows = list(read_rows(FIXTURES / "import" / "export_fr.csv"))
    items = [{"review": map_row(row, mapping), "raw": row} for _, row in rows[:2]]
    response = await ingest.post("/v1/uploads/import", json={"source_file": "export_fr.csv", "items": items},
                                 headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 202, response.text
    assert response.json()["accepted"] == 2
    events = await read_received(connector_settings, expected=2)
    assert {event.source for event in events} == {"import"}
    assert events[0].raw["row"]["Auteur"] in ("Claire B.", "Paul V.")


async def test_staff_note_scored_and_stored(ingest, database, tenant_id, connector_settings) -> None:  # type: ignore[no-untyped-def]
    partner_id, secret = await create_partner(database, tenant_id, "Desk")
    note = review("note-1", "Le patient a dit à l'accueil qu'il mettrait une étoile sans remise.",
                  channel="note", platform="desk", rating=None, published_at=None)
    body = dumps(note)

    response = await ingest.post("/v1/webhooks/generic", content=body,
                                 headers=signed_headers(partner_id, secret, body, timestamp=int(time.time())))
    events = await read_received(connector_settings, expected=1)
    await score_and_store(connector_settings, database, events)

    assert response.status_code == 202, response.text
    stored = await database.reviews.find_one({"external_id": "note-1"})
    assert stored["channel"] == "note"
    assert stored["risk"] is not None

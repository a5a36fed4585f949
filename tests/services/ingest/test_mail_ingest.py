"""Forwarded emails: MIME parsing, the inbound SMTP server and the .eml upload."""

from datetime import UTC, datetime
from email.message import EmailMessage

import aiosmtplib
import httpx
import pytest

from services.ingest.app import create_app
from services.ingest.mail.intake import create_inbound_address
from services.ingest.mail.parser import AttachmentTooLargeError, MailParseError, parse_forwarded_mail
from services.ingest.raw_store import load_raw_payload
from tests.services.ingest.support import fixture_bytes, read_received
from vigie.stack.processes import free_port
from vigie.tenancy import create_api_key

pytestmark = pytest.mark.integration


class TestParser:
    def test_inline_french_forward(self) -> None:
        parsed = parse_forwarded_mail(fixture_bytes("mail/forwarded_inline_fr.eml"), 1024)
        assert parsed.forwarded is True
        assert parsed.sender_address == "jean.dupont@patient.example"
        assert parsed.sender_name == "Jean Dupont"
        assert parsed.sent_at is not None
        assert (parsed.sent_at.year, parsed.sent_at.month, parsed.sent_at.day, parsed.sent_at.hour) == (2026, 12, 3, 21)
        assert parsed.body.startswith("Bonjour,\nFaites-moi une remise")
        assert parsed.forwarded_by == "accueil@cabinet-test.example"
        assert parsed.external_id().startswith("sha256:")

    def test_attached_original_with_file(self) -> None:
        parsed = parse_forwarded_mail(fixture_bytes("mail/forwarded_attached_de.eml"), 1024)
        assert parsed.sender_address == "hans@patient.example"
        assert parsed.sent_at == datetime(2026, 12, 3, 20, 15, tzinfo=UTC)
        assert parsed.external_id() == "original-42@patient.example"
        assert [a.filename for a in parsed.attachments] == ["rechnung.pdf"]
        assert len(parsed.attachments[0].sha256) == 64

    def test_oversized_attachment_rejected(self) -> None:
        with pytest.raises(AttachmentTooLargeError) as caught:
            parse_forwarded_mail(fixture_bytes("mail/forwarded_attached_de.eml"), 10)
        assert "rechnung.pdf" in str(caught.value)
        assert "the limit is 10 bytes" in str(caught.value)

    def test_html_only_body_read(self) -> None:
        message = EmailMessage()
        message["From"] = "x@example.org"
        message["Subject"] = "s"
        message.set_content("<p>Payez <b>maintenant</b></p><p>ou un avis</p>", subtype="html")
        parsed = parse_forwarded_mail(bytes(message), 1024)
        assert "Payez maintenant" in parsed.body
        assert "ou un avis" in parsed.body

    def test_headerless_bytes_rejected(self) -> None:
        with pytest.raises(MailParseError):
            parse_forwarded_mail(b"just some text without headers", 1024)


@pytest.fixture
async def smtp_ingest(connector_settings, topics, database):  # type: ignore[no-untyped-def]
    settings = connector_settings.model_copy(update={"INBOUND_SMTP_PORT": free_port(),
                                                     "INGEST_MAX_ATTACHMENT_BYTES": 1000})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield settings


async def test_smtp_forward_published(smtp_ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
    settings = smtp_ingest
    address = await create_inbound_address(database, tenant_id, "cabinet-bern", settings.INBOUND_SMTP_DOMAIN)
    raw = fixture_bytes("mail/forwarded_attached_de.eml")

    await aiosmtplib.send(raw, sender="empfang@weber.example", recipients=[address],
                          hostname=settings.INBOUND_SMTP_HOST, port=settings.INBOUND_SMTP_PORT)

    [event] = await read_received(settings, expected=1)
    assert event.source == "smtp"
    assert event.review.channel == "private_message"
    assert event.review.practice_ref == "cabinet-bern"
    assert event.review.text.startswith("Ohne 200 Franken Rabatt")
    [attachment] = event.raw["attachments"]
    assert attachment["filename"] == "rechnung.pdf"
    stored = await database.attachments.find_one({"_id": f"{tenant_id}:{attachment['sha256']}"})
    assert stored["size"] == attachment["size"]
    # SMTP carries lines ending in CRLF; the raw copy is the message as it arrived.
    assert await load_raw_payload(database, event.event_id) == raw.replace(b"\n", b"\r\n")


async def test_smtp_unknown_recipient_refused(smtp_ingest) -> None:  # type: ignore[no-untyped-def]
    settings = smtp_ingest
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as caught:
        await aiosmtplib.send(fixture_bytes("mail/forwarded_inline_fr.eml"), sender="a@example.org",
                              recipients=["nobody+guess@inbound.localhost"],
                              hostname=settings.INBOUND_SMTP_HOST, port=settings.INBOUND_SMTP_PORT)
    assert "No practice receives mail" in str(caught.value)


async def test_smtp_oversized_attachment_refused(smtp_ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
    settings = smtp_ingest
    address = await create_inbound_address(database, tenant_id, "cabinet-bern", settings.INBOUND_SMTP_DOMAIN)
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "scan"
    message.set_content("voir pièce jointe")
    message.add_attachment(b"x" * 5000, maintype="application", subtype="octet-stream", filename="big.bin")

    with pytest.raises(aiosmtplib.SMTPDataError) as caught:
        await aiosmtplib.send(message, sender="a@example.org", recipients=[address],
                              hostname=settings.INBOUND_SMTP_HOST, port=settings.INBOUND_SMTP_PORT)
    assert caught.value.code == 552
    assert "5000 bytes" in caught.value.message
    assert await database.attachments.count_documents({}) == 0


async def test_eml_upload_with_api_key(ingest, database, tenant_id, connector_settings) -> None:  # type: ignore[no-untyped-def]
    token = await create_api_key(database, tenant_id)
    response = await ingest.post("/v1/uploads/eml", params={"practice_ref": "cabinet-lyon"},
                                 content=fixture_bytes("mail/forwarded_inline_fr.eml"),
                                 headers={"Authorization": f"Bearer {token}", "content-type": "message/rfc822"})

    assert response.status_code == 202, response.text
    [event] = await read_received(connector_settings, expected=1)
    assert event.source == "eml"
    assert event.review.author_name == "Jean Dupont"
    assert event.raw["original"]["from_address"] == "jean.dupont@patient.example"


async def test_eml_upload_unauthenticated_is_401(ingest: httpx.AsyncClient) -> None:
    response = await ingest.post("/v1/uploads/eml", params={"practice_ref": "cabinet-lyon"},
                                 content=fixture_bytes("mail/forwarded_inline_fr.eml"))
    assert response.status_code == 401


async def test_eml_upload_read_only_key_is_403(ingest, database, tenant_id) -> None:  # type: ignore[no-untyped-def]
    token = await create_api_key(database, tenant_id, scopes=("read",))
    response = await ingest.post("/v1/uploads/eml", params={"practice_ref": "cabinet-lyon"},
                                 content=fixture_bytes("mail/forwarded_inline_fr.eml"),
                                 headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403

"""Turn one email (forwarded by staff, or uploaded as .eml) into a private_message event."""

import secrets
from datetime import UTC, datetime

from bson import Binary
from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from contracts.reviews import MAX_TEXT_CHARS
from services.ingest.connectors.fields import build_review
from services.ingest.connectors.intake import SourceItem, publish_items
from services.ingest.mail.parser import Attachment, ParsedMail, parse_forwarded_mail
from services.ingest.publisher import PublishResult
from services.ingest.state import IngestState
from vigie.mongo import Document


async def store_attachments(database: AsyncDatabase[Document], tenant_id: str, attachments: list[Attachment]) -> None:
    """Store each attachment once per tenant, keyed by its SHA-256, so the evidence file can show it again."""
    if not attachments:
        return
    now = datetime.now(UTC)
    operations = [
        UpdateOne(
            {"_id": f"{tenant_id}:{attachment.sha256}"},
            {"$setOnInsert": {"tenant_id": tenant_id, "sha256": attachment.sha256, "size": len(attachment.data),
                              "content_type": attachment.content_type, "filename": attachment.filename,
                              "data": Binary(attachment.data), "stored_at": now}},
            upsert=True,
        )
        for attachment in attachments
    ]
    await database.attachments.bulk_write(operations, ordered=False)


def mail_item(parsed: ParsedMail, practice_ref: str, raw: bytes, received_by: dict[str, object]) -> SourceItem:
    text = parsed.body
    truncated = len(text) > MAX_TEXT_CHARS
    review = build_review({
        "platform": "email",
        "external_id": parsed.external_id(),
        "practice_ref": practice_ref,
        "author_name": (parsed.sender_name or parsed.sender_address or "")[:256] or None,
        "text": text[:MAX_TEXT_CHARS],
        "published_at": parsed.sent_at,
        "channel": "private_message",
    })
    summary: dict[str, object] = {
        "original": {"from_name": parsed.sender_name, "from_address": parsed.sender_address,
                     "date": parsed.sent_at.isoformat() if parsed.sent_at else None,
                     "subject": parsed.subject, "message_id": parsed.message_id},
        "forwarded": parsed.forwarded,
        "forwarded_by": parsed.forwarded_by,
        "attachments": [attachment.summary() for attachment in parsed.attachments],
        "text_truncated": truncated,
        "received_by": received_by,
    }
    return SourceItem(index=0, review=review, raw=summary, raw_bytes=raw, raw_content_type="message/rfc822")


async def accept_email(
    state: IngestState, *, tenant_id: str, partner_id: str, practice_ref: str, raw: bytes, source: str,
    correlation_id: str, received_by: dict[str, object],
) -> PublishResult:
    """Parse, store the attachments, then publish; raises MailParseError or AttachmentTooLargeError first."""
    received_at = datetime.now(UTC)
    parsed = parse_forwarded_mail(raw, state.settings.INGEST_MAX_ATTACHMENT_BYTES)
    item = mail_item(parsed, practice_ref, raw, received_by)
    await store_attachments(state.database, tenant_id, parsed.attachments)
    return await publish_items(state, tenant_id=tenant_id, partner_id=partner_id, source=source,
                               correlation_id=correlation_id, items=[item], received_at=received_at)


async def create_inbound_address(
    database: AsyncDatabase[Document], tenant_id: str, practice_ref: str, domain: str
) -> str:
    """Create the address staff forward to, `<practice_ref>+<random token>@<domain>`, and return it.

    The token makes the address unguessable; several addresses may point at one practice during a rotation.
    """
    local = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in practice_ref.lower())[:40]
    address = f"{local}+{secrets.token_hex(8)}@{domain}".lower()
    await database.inbound_addresses.insert_one(
        {"_id": address, "tenant_id": tenant_id, "practice_ref": practice_ref, "created_at": datetime.now(UTC)}
    )
    return address

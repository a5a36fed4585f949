"""Raw payloads and attachments of an incident's reviews, as ingest stored them, for the evidence ZIP.

Ingest keeps each accepted item's bytes in `raw_payloads` (zlib, keyed by event id) and each email
attachment once per tenant in `attachments` (keyed by "<tenant>:<sha256>", bytes in `data`). Neither
names the review, so the link goes through the event ids in the review's versions and, for emails, the
SHA-256 of the attachments found by parsing the stored message again.
"""

import sys
import zlib
from dataclasses import dataclass
from typing import Any

from services.api.repository import TenantRepository
from services.ingest.mail.parser import AttachmentTooLargeError, MailParseError, parse_forwarded_mail
from vigie.logs import get_logger
from vigie.mongo import Document

log = get_logger(__name__)

EMAIL_CONTENT_TYPE = "message/rfc822"
EXTENSIONS = {EMAIL_CONTENT_TYPE: "eml", "application/json": "json", "text/plain": "txt", "text/csv": "csv"}


@dataclass(frozen=True)
class RawFile:
    event_id: str
    content_type: str
    data: bytes
    sha256: str | None

    @property
    def path(self) -> str:
        extension = EXTENSIONS.get(self.content_type.split(";")[0].strip(), "bin")
        return f"raw/{self.event_id}.{extension}"


def event_ids(reviews: list[Document]) -> list[str]:
    """Return the ids of every event that created or changed one of the reviews, in version order."""
    ids: list[str] = []
    for review in reviews:
        versions: list[dict[str, Any]] = list(review.get("versions") or [])  # type: ignore[call-overload]
        for event_id in [*(version.get("event_id") for version in versions), review.get("last_event_id")]:
            if isinstance(event_id, str) and event_id not in ids:
                ids.append(event_id)
    return ids


async def load_raw_files(repository: TenantRepository, ids: list[str]) -> list[RawFile]:
    """Load and decompress the tenant's raw payloads of `ids`; events without a stored payload are skipped."""
    documents = await repository.find_many("raw_payloads", {"_id": {"$in": ids}}, sort=(("_id", 1),))
    files = []
    for document in documents:
        payload = document.get("payload")
        if not isinstance(payload, bytes):
            log.error("raw payload is not stored as bytes; left out of the evidence file", event_id=document["_id"])
            continue
        try:
            data = zlib.decompress(payload)
        except zlib.error as exc:
            log.error("raw payload failed to decompress", event_id=document["_id"], error=str(exc))
            continue
        files.append(RawFile(event_id=str(document["_id"]), content_type=str(document.get("content_type") or ""),
                             data=data, sha256=document.get("sha256")))  # type: ignore[arg-type]
    return files


def attachment_hashes(reviews: list[Document], raw_files: list[RawFile]) -> list[str]:
    """Return the SHA-256 of every attachment listed in a review's raw summary or found in a stored email."""
    hashes: list[str] = []
    for review in reviews:
        raw = review.get("raw") or {}
        listed = raw.get("attachments", []) if isinstance(raw, dict) else []
        hashes += [str(item["sha256"]) for item in listed if isinstance(item, dict) and item.get("sha256")]
    for raw_file in raw_files:
        if raw_file.content_type != EMAIL_CONTENT_TYPE:
            continue
        try:
            parsed = parse_forwarded_mail(raw_file.data, sys.maxsize)
        except (MailParseError, AttachmentTooLargeError) as exc:
            log.warning("stored email could not be parsed for attachments", event_id=raw_file.event_id,
                        error=str(exc))
            continue
        hashes += [attachment.sha256 for attachment in parsed.attachments]
    return list(dict.fromkeys(hashes))

"""Helpers shared by tests: signed webhook requests."""

import json
import time
import uuid

from services.ingest.signing import sign


def signed_headers(partner_id: str, secret: str, body: bytes, timestamp: int | None = None,
                   webhook_id: str | None = None) -> dict[str, str]:
    webhook_id = webhook_id or "msg_" + uuid.uuid4().hex
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "content-type": "application/json",
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, webhook_id, timestamp, body),
        "X-Vigie-Partner": partner_id,
    }


def review(external_id: str, text: str = "Très bon accueil, merci.", **fields: object) -> dict[str, object]:
    item: dict[str, object] = {
        "platform": "google",
        "external_id": external_id,
        "practice_ref": "cabinet-test",
        "author_name": "Test Author",
        "rating": 5,
        "text": text,
        "language": "fr",
        "published_at": "2026-12-01T10:00:00Z",
        "channel": "review",
        "url": None,
    }
    item.update(fields)
    return item


def dumps(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")

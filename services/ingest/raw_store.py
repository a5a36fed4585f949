"""Raw payloads of accepted items, compressed, keyed by event id, for the evidence file.

Each document contains the bytes as the platform sent them, which is the JSON of one item or a whole
email. They are zlib compressed in a BSON Binary, next to their SHA-256 and the time ingest received
them. Payloads are stored after the broker acknowledged the events, so a crash between the two loses
the raw copy, never the event.
"""

import hashlib
import zlib
from dataclasses import dataclass
from datetime import datetime

from bson import Binary
from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from vigie.mongo import Document

ENCODING = "zlib"


@dataclass(frozen=True)
class RawPayload:
    event_id: str
    tenant_id: str
    source: str
    content: bytes
    content_type: str
    received_at: datetime


async def save_raw_payloads(database: AsyncDatabase[Document], payloads: list[RawPayload]) -> None:
    if not payloads:
        return
    operations = [
        UpdateOne(
            {"_id": payload.event_id},
            {"$setOnInsert": {
                "tenant_id": payload.tenant_id,
                "source": payload.source,
                "content_type": payload.content_type,
                "received_at": payload.received_at,
                "size": len(payload.content),
                "sha256": hashlib.sha256(payload.content).hexdigest(),
                "encoding": ENCODING,
                "payload": Binary(zlib.compress(payload.content, level=6)),
            }},
            upsert=True,
        )
        for payload in payloads
    ]
    await database.raw_payloads.bulk_write(operations, ordered=False)


async def load_raw_payload(database: AsyncDatabase[Document], event_id: str) -> bytes | None:
    """Return the bytes as received for `event_id`, or None when none were kept."""
    document = await database.raw_payloads.find_one({"_id": event_id})
    if document is None:
        return None
    payload = document["payload"]
    if not isinstance(payload, bytes):
        raise TypeError(f"raw payload of event {event_id!r} is stored as {type(payload).__name__}, not bytes")
    return zlib.decompress(payload)

"""Opaque cursors for keyset pagination over (sort value, _id)."""

import base64
import json
from datetime import datetime

from vigie.http import ApiError


def encode_cursor(sort_value: datetime, document_id: str) -> str:
    raw = json.dumps([sort_value.isoformat(), document_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        sort_value, document_id = json.loads(base64.urlsafe_b64decode(padded))
        return datetime.fromisoformat(sort_value), str(document_id)
    except (ValueError, TypeError) as exc:
        raise ApiError(400, "invalid_cursor", f"The cursor {cursor!r} is invalid; pass `next_cursor` "
                       "from the previous page unchanged.") from exc


def after_cursor(field: str, cursor: str | None) -> dict[str, object]:
    """Return the filter selecting documents after the cursor in (field desc, _id desc) order."""
    if cursor is None:
        return {}
    sort_value, document_id = decode_cursor(cursor)
    return {"$or": [{field: {"$lt": sort_value}}, {field: sort_value, "_id": {"$lt": document_id}}]}

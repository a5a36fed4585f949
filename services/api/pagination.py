"""Opaque cursors for keyset pagination over (sort value, _id)."""

import base64
import json
from datetime import datetime

from pymongo import DESCENDING

from vigie.http import ApiError

SortValue = datetime | float | int | str | None


def encode_cursor(sort_value: SortValue, document_id: str) -> str:
    if isinstance(sort_value, datetime):
        tagged: list[object] = ["d", sort_value.isoformat()]
    else:
        tagged = ["v", sort_value]
    raw = json.dumps([*tagged, document_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[SortValue, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded))
        if len(decoded) == 2:  # cursors issued before sort values were tagged held a datetime
            decoded = ["d", *decoded]
        tag, sort_value, document_id = decoded
        value: SortValue = datetime.fromisoformat(sort_value) if tag == "d" else sort_value
        return value, str(document_id)
    except (ValueError, TypeError) as exc:
        raise ApiError(400, "invalid_cursor", f"The cursor {cursor!r} is invalid; pass `next_cursor` "
                       "from the previous page unchanged.") from exc


def after_cursor(field: str, cursor: str | None, direction: int = DESCENDING) -> dict[str, object]:
    """Return the filter selecting documents after the cursor in (field, _id) order, both in `direction`."""
    if cursor is None:
        return {}
    sort_value, document_id = decode_cursor(cursor)
    beyond = "$lt" if direction == DESCENDING else "$gt"
    return {"$or": [{field: {beyond: sort_value}}, {field: sort_value, "_id": {beyond: document_id}}]}

"""Facebook page recommendations from Graph API webhooks on the page's `ratings` field.

A delivery is `{"object": "page", "entry": [{"id": <page id>, "time", "changes": [{"field": "ratings",
"value": {...}}]}]}`. A rating value has item "rating", verb add, edited or remove, reviewer_id,
reviewer_name, review_text, recommendation_type (positive or negative), rating (1-5, older pages only),
open_graph_story_id and created_time (Unix seconds). Comments on a recommendation (item "comment") are
not ingested.
"""

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from contracts.reviews import ReviewCreate
from services.ingest.connectors.fields import PayloadError, as_object, build_review, optional_str

PLATFORM = "facebook"
SIGNATURE_PREFIX = "sha256="
VERBS = {"add": "upsert", "edit": "upsert", "edited": "upsert", "update": "upsert", "remove": "delete"}


def signature_matches(app_secrets: Iterable[str], header: str | None, body: bytes) -> bool:
    """Check X-Hub-Signature-256, the hex HMAC-SHA256 of the body under the app secret, against every secret."""
    if not header or not header.startswith(SIGNATURE_PREFIX):
        return False
    offered = header[len(SIGNATURE_PREFIX):].strip().lower()
    matched = False
    for secret in app_secrets:
        expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
        matched |= hmac.compare_digest(expected, offered)
    return matched


@dataclass(frozen=True)
class RatingChange:
    page_id: str
    value: dict[str, object]
    path: str


def rating_changes(body: dict[str, object]) -> tuple[list[RatingChange], int]:
    """Return the rating changes of a delivery and how many other changes it held."""
    if body.get("object") != "page":
        raise PayloadError("object", f"{body.get('object')!r} is not 'page'; subscribe the page, not another object")
    entries = body.get("entry")
    if not isinstance(entries, list):
        raise PayloadError("entry", "missing; a Graph API webhook lists its changes under entry")
    changes: list[RatingChange] = []
    other = 0
    for e_index, entry in enumerate(entries):
        entry = as_object(entry, f"entry[{e_index}]")
        page_id = str(entry.get("id") or "")
        raw_changes = entry.get("changes") or []
        if not isinstance(raw_changes, list):
            raise PayloadError(f"entry[{e_index}].changes", "expected a list of changes")
        for c_index, item in enumerate(raw_changes):
            change = as_object(item, f"entry[{e_index}].changes[{c_index}]")
            value = change.get("value")
            if change.get("field") != "ratings" or not isinstance(value, dict) or value.get("item") != "rating":
                other += 1
                continue
            changes.append(RatingChange(page_id, value, f"entry[{e_index}].changes[{c_index}].value"))
    return changes, other


def map_rating(change: RatingChange, practice_ref: str) -> tuple[str, ReviewCreate]:
    value = change.value
    prefix = change.path + "."
    verb = value.get("verb")
    action = VERBS.get(str(verb))
    if action is None:
        raise PayloadError(prefix + "verb", f"{verb!r} is not one of {sorted(VERBS)}")
    story_id = value.get("open_graph_story_id") or value.get("review_id")
    if not isinstance(story_id, str | int) or not str(story_id):
        raise PayloadError(prefix + "open_graph_story_id", "missing; each recommendation has a story id")
    rating = value.get("rating")
    if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5):
        raise PayloadError(prefix + "rating", f"{rating!r} is not an integer from 1 to 5")
    if action == "upsert" and not isinstance(value.get("review_text"), str) and rating is None:
        raise PayloadError(prefix + "review_text", "missing; an added recommendation has a text or a rating")
    created = value.get("created_time")
    if created is not None and (isinstance(created, bool) or not isinstance(created, int)):
        raise PayloadError(prefix + "created_time", f"{created!r} is not Unix seconds")
    return action, build_review({
        "platform": PLATFORM,
        "external_id": str(story_id),
        "practice_ref": practice_ref,
        "author_name": optional_str(value, "reviewer_name", prefix),
        "rating": rating,
        "text": optional_str(value, "review_text", prefix) or "",
        "published_at": datetime.fromtimestamp(created, UTC) if created is not None else None,
        "channel": "review",
    })

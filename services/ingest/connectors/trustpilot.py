"""Trustpilot service-review webhooks: `{"events": [{"eventName", "version", "eventData": {...}}]}`.

eventData holds id, language, title, text, referenceId, stars, createdAt, isVerified, locationId, link,
consumer {id, name, link} and tags. A deletion may carry the id alone.
"""

from contracts.reviews import ReviewCreate
from services.ingest.connectors.accounts import ConnectorAccount
from services.ingest.connectors.fields import (
    PayloadError,
    as_object,
    build_review,
    optional_str,
    parse_time,
    required_str,
)

PLATFORM = "trustpilot"
ACTIONS = {
    "service-review-created": "upsert",
    "service-review-updated": "upsert",
    "service-review-deleted": "delete",
}


def map_event(event: dict[str, object], account: ConnectorAccount) -> tuple[str, ReviewCreate] | None:
    """Return the action and review of one event, or None for an event name other than service reviews."""
    name = required_str(event, "eventName")
    action = ACTIONS.get(name)
    if action is None:
        return None
    data = as_object(event.get("eventData"), "eventData")
    review_id = required_str(data, "id", "eventData.")
    location_id = optional_str(data, "locationId", "eventData.")
    practice_ref = account.practice_for(location_id)
    if practice_ref is None:
        raise PayloadError("eventData.locationId", f"{location_id!r} is not linked to a practice of this account; "
                           "add it to the account's practices or set a default practice")

    stars = data.get("stars")
    if stars is not None and (not isinstance(stars, int) or isinstance(stars, bool) or not 1 <= stars <= 5):
        raise PayloadError("eventData.stars", f"{stars!r} is not an integer from 1 to 5")
    if action == "upsert" and not isinstance(data.get("text"), str):
        raise PayloadError("eventData.text", "missing; created and updated reviews carry their text")
    title = optional_str(data, "title", "eventData.")
    text = optional_str(data, "text", "eventData.") or ""
    consumer = as_object(data.get("consumer") or {}, "eventData.consumer")
    return action, build_review({
        "platform": PLATFORM,
        "external_id": review_id,
        "practice_ref": practice_ref,
        "author_name": optional_str(consumer, "name", "eventData.consumer."),
        "rating": stars,
        # The title is part of what the reviewer wrote, and often where a threat sits.
        "text": f"{title}\n\n{text}" if title and text else (title or text),
        "language": optional_str(data, "language", "eventData."),
        "published_at": parse_time(data.get("createdAt"), "eventData.createdAt"),
        "url": optional_str(data, "link", "eventData."),
        "channel": "review",
    })

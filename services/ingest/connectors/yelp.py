"""Yelp review webhooks and the Fusion API call that fills in the text the webhook leaves out.

A webhook body is `{"time", "object": "business", "data": {"id": <business id>, "updates": [{"event_type",
"review_id", "rating", "language", "user_id"}]}}`. Fusion's `GET /v3/businesses/{id}/reviews` returns
`{"reviews": [{"id", "url", "text", "rating", "time_created", "user": {"id", "name", ...}}], "total"}`.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from contracts.reviews import ReviewCreate
from services.ingest.connectors.accounts import ConnectorAccount
from services.ingest.connectors.fields import PayloadError, as_object, build_review, optional_str, required_str
from services.ingest.connectors.http import OutboundClient

PLATFORM = "yelp"
REVIEW_EVENTS = ("NEW_REVIEW_EVENT", "UPDATED_REVIEW_EVENT")
# NOTE: Fusion's time_created has no zone; it is read as Pacific time, which matches Yelp's documented
# examples but is not confirmed for businesses in Europe.
FUSION_TIME_ZONE = ZoneInfo("America/Los_Angeles")


def review_updates(body: dict[str, object]) -> tuple[str, list[dict[str, object]]]:
    """Return the business id and its review updates; raises PayloadError on a malformed body."""
    data = as_object(body.get("data"), "data")
    business_id = required_str(data, "id", "data.")
    updates = data.get("updates")
    if not isinstance(updates, list):
        raise PayloadError("data.updates", "missing; a Yelp webhook lists its updates in data.updates")
    return business_id, [as_object(update, f"data.updates[{i}]") for i, update in enumerate(updates)]


class FusionClient:
    def __init__(self, outbound: OutboundClient, base_url: str, account: ConnectorAccount):
        self._outbound = outbound
        self._base_url = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {account.credential('api_key')}"}

    async def business_reviews(self, business_id: str) -> list[dict[str, object]]:
        document = await self._outbound.get_json(
            f"{self._base_url}/v3/businesses/{business_id}/reviews", headers=self._headers,
            params={"limit": 50, "sort_by": "newest"},
        )
        reviews = document.get("reviews")
        if not isinstance(reviews, list):
            raise PayloadError("reviews", "the Fusion reviews response has no reviews list")
        return [review for review in reviews if isinstance(review, dict)]


def map_review(
    update: dict[str, object], fetched: dict[str, object] | None, practice_ref: str, index: int
) -> ReviewCreate:
    """Map the webhook update, with the fetched review when Fusion returned it (Fusion returns excerpts only)."""
    prefix = f"data.updates[{index}]."
    review_id = required_str(update, "review_id", prefix)
    rating = _rating((fetched or {}).get("rating", update.get("rating")), prefix + "rating")
    user = as_object((fetched or {}).get("user") or {}, "user")
    created = optional_str(fetched or {}, "time_created")
    return build_review({
        "platform": PLATFORM,
        "external_id": review_id,
        "practice_ref": practice_ref,
        "author_name": optional_str(user, "name", "user."),
        "rating": rating,
        "text": optional_str(fetched or {}, "text") or "",
        "language": optional_str(update, "language", prefix),
        "published_at": _fusion_time(created) if created else None,
        "url": optional_str(fetched or {}, "url"),
        "channel": "review",
    })


def _rating(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
        raise PayloadError(field, f"{value!r} is not a rating from 1 to 5")
    return round(value)


def _fusion_time(value: str) -> datetime:
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=FUSION_TIME_ZONE)
    except ValueError:
        raise PayloadError("time_created", f"{value!r} is not a time such as 2026-12-03 21:15:00") from None

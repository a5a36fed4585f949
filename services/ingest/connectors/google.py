"""Google Business Profile: map review resources, fetch them, and poll locations without push.

A review resource (Business Profile API v4, `accounts.locations.reviews`) has reviewId, reviewer
{displayName, profilePhotoUrl, isAnonymous}, starRating ONE..FIVE, comment, createTime, updateTime and
reviewReply {comment, updateTime}. The API has no deletion notice, so deletions are not detected here.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo.asynchronous.database import AsyncDatabase

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
from services.ingest.connectors.http import OutboundClient
from vigie.mongo import Document

PLATFORM = "google"
STAR_RATINGS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}
TRANSLATED_MARKER = "(Translated by Google)"
ORIGINAL_MARKER = "(Original)"
NOTIFICATION_TYPES = ("NEW_REVIEW", "UPDATED_REVIEW")
PAGE_SIZE = 50
MAX_PAGES_PER_POLL = 20


def original_text(comment: str) -> str:
    """Return the reviewer's own words from a comment Google may have translated.

    Google shows a translation as "(Translated by Google) <translation>" followed by "(Original)" and
    the original; some comments put the original first and the translation after the marker.
    """
    if ORIGINAL_MARKER in comment:
        return comment.split(ORIGINAL_MARKER, 1)[1].strip()
    if TRANSLATED_MARKER in comment:
        before = comment.split(TRANSLATED_MARKER, 1)[0].strip()
        if before:
            return before
    return comment.strip()


def location_of(review_name: str) -> str:
    """Return `accounts/<a>/locations/<l>` from a review name `accounts/<a>/locations/<l>/reviews/<r>`."""
    parts = review_name.split("/")
    if len(parts) != 6 or parts[0] != "accounts" or parts[2] != "locations" or parts[4] != "reviews":
        raise PayloadError("review", f"{review_name!r} is not a review name accounts/*/locations/*/reviews/*")
    return "/".join(parts[:4])


def map_review(resource: dict[str, object], practice_ref: str) -> ReviewCreate:
    review_id = required_str(resource, "reviewId")
    star_rating = resource.get("starRating")
    if star_rating not in STAR_RATINGS and star_rating not in (None, "STAR_RATING_UNSPECIFIED"):
        raise PayloadError("starRating", f"{star_rating!r} is not one of {sorted(STAR_RATINGS)}")
    reviewer = as_object(resource.get("reviewer") or {}, "reviewer")
    anonymous = reviewer.get("isAnonymous") is True
    comment = optional_str(resource, "comment") or ""
    return build_review({
        "platform": PLATFORM,
        "external_id": review_id,
        "practice_ref": practice_ref,
        "author_name": None if anonymous else optional_str(reviewer, "displayName", "reviewer."),
        "rating": STAR_RATINGS.get(str(star_rating)),
        "text": original_text(comment),
        "published_at": parse_time(resource.get("createTime"), "createTime"),
        "channel": "review",
    })


@dataclass(frozen=True)
class Notification:
    notification_type: str
    review_name: str
    location_name: str


def parse_notification(data: dict[str, object]) -> Notification | None:
    """Return the review notification, or None for a notification type that carries no review."""
    notification_type = required_str(data, "type", "message.data.")
    if notification_type not in NOTIFICATION_TYPES:
        return None
    review_name = required_str(data, "review", "message.data.")
    location_name = optional_str(data, "location", "message.data.") or location_of(review_name)
    return Notification(notification_type, review_name, location_name)


class GoogleClient:
    def __init__(self, outbound: OutboundClient, base_url: str, account: ConnectorAccount):
        self._outbound = outbound
        self._base_url = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {account.credential('access_token')}"}

    async def get_review(self, review_name: str) -> dict[str, object]:
        return await self._outbound.get_json(f"{self._base_url}/v4/{review_name}", headers=self._headers)

    async def list_reviews(self, location_name: str, page_token: str | None) -> dict[str, object]:
        params: dict[str, str | int] = {"pageSize": PAGE_SIZE, "orderBy": "updateTime desc"}
        if page_token:
            params["pageToken"] = page_token
        return await self._outbound.get_json(
            f"{self._base_url}/v4/{location_name}/reviews", headers=self._headers, params=params
        )


def _update_time(resource: dict[str, object]) -> datetime:
    return parse_time(resource.get("updateTime") or resource.get("createTime"), "updateTime") or datetime.min.replace(
        tzinfo=UTC
    )


async def changed_since_cursor(
    client: GoogleClient, database: AsyncDatabase[Document], account: ConnectorAccount, location_name: str
) -> tuple[list[dict[str, object]], datetime | None]:
    """Return the reviews of a location updated after its stored cursor, newest first, and the new cursor.

    Pages are read newest first and reading stops at the first review not newer than the cursor.
    """
    cursor_document = await database.connector_cursors.find_one({"_id": _cursor_id(account, location_name)})
    cursor: datetime | None = cursor_document["update_time"] if cursor_document else None  # type: ignore[assignment]

    changed: list[dict[str, object]] = []
    page_token: str | None = None
    for _ in range(MAX_PAGES_PER_POLL):
        page = await client.list_reviews(location_name, page_token)
        reviews = page.get("reviews") or []
        if not isinstance(reviews, list):
            raise PayloadError("reviews", "expected a list in the reviews.list response")
        for resource in reviews:
            resource = as_object(resource, "reviews[]")
            if cursor is not None and _update_time(resource) <= cursor:
                return changed, _newest(changed, cursor)
            changed.append(resource)
        page_token = page.get("nextPageToken")  # type: ignore[assignment]
        if not page_token:
            break
    return changed, _newest(changed, cursor)


def _newest(changed: list[dict[str, object]], cursor: datetime | None) -> datetime | None:
    times = [_update_time(resource) for resource in changed]
    if cursor is not None:
        times.append(cursor)
    return max(times) if times else None


def _cursor_id(account: ConnectorAccount, location_name: str) -> str:
    return f"google:{account.account_id}:{location_name}"


async def store_cursor(
    database: AsyncDatabase[Document], account: ConnectorAccount, location_name: str, update_time: datetime
) -> None:
    await database.connector_cursors.update_one(
        {"_id": _cursor_id(account, location_name)},
        {"$set": {"update_time": update_time, "tenant_id": account.tenant_id, "polled_at": datetime.now(UTC)}},
        upsert=True,
    )

"""Gather what a digest reports for one practice and one period, through a tenant-scoped reader."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal, Protocol

from services.notifier.alert_email import platform_name
from services.notifier.preferences import DigestSchedule
from vigie.mongo import Document

PeriodKind = Literal["daily", "weekly"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("daily", "weekly")
CLOSED_INCIDENT_STATUSES = ("resolved", "closed")
# Trend charts cover this many periods up to the digest's own.
TREND_PERIODS: dict[PeriodKind, int] = {"daily": 14, "weekly": 8}
# A change of the average rating smaller than this is reported as stable.
TREND_THRESHOLD = 0.2
MAX_ATTENTION = 10
MAX_TOPICS = 5
EXCERPT_CHARS = 200
# NOTE: a practice receiving more reviews than this in the trend window gets a truncated digest.
MAX_REVIEWS = 20_000


class TenantReader(Protocol):
    """The part of the API's TenantRepository a digest needs: every query is filtered by tenant."""

    async def find_page(self, collection: str, query: dict[str, object], sort_field: str,
                        limit: int) -> list[Document]: ...


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    timezone: tzinfo

    @property
    def end(self) -> date:
        """The first day after the period."""
        return self.start + timedelta(days=1 if self.kind == "daily" else 7)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def utc_bounds(self) -> tuple[datetime, datetime]:
        return _utc_midnight(self.start, self.timezone), _utc_midnight(self.end, self.timezone)

    def shifted(self, periods: int) -> "Period":
        step = 1 if self.kind == "daily" else 7
        return Period(self.kind, self.start + timedelta(days=step * periods), self.timezone)


def _utc_midnight(day: date, timezone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone).astimezone(UTC)


def period_containing(kind: PeriodKind, day: date, timezone: tzinfo) -> Period:
    """Return the day, or the ISO week (Monday to Sunday), that contains `day`."""
    start = day if kind == "daily" else day - timedelta(days=day.weekday())
    return Period(kind, start, timezone)


def due_period(kind: PeriodKind, schedule: DigestSchedule, now: datetime, timezone: tzinfo) -> Period | None:
    """Return the latest complete period whose send time (local hour, and weekday for weekly) has passed.

    Returning the latest one, not only the one due this very hour, lets a notifier that was down at the
    send time catch up; the digest ledger keeps it from sending a period twice.
    """
    if not (schedule.daily if kind == "daily" else schedule.weekly):
        return None
    local = now.astimezone(timezone)
    current = period_containing(kind, local.date(), timezone)
    send_offset = timedelta(hours=schedule.hour)
    if kind == "weekly":
        send_offset += timedelta(days=schedule.weekday - 1)
    send_at = datetime.combine(current.start, time(0), tzinfo=timezone) + send_offset
    return current.shifted(-1) if local >= send_at else current.shifted(-2)


@dataclass
class DigestData:
    practice_ref: str
    practice_name: str
    period: Period
    total_new: int = 0
    platforms: list[dict[str, object]] = field(default_factory=list)
    average: float | None = None
    previous_average: float | None = None
    trend: str = "unknown"
    series: list[tuple[date, float | None, int]] = field(default_factory=list)
    incidents: list[dict[str, object]] = field(default_factory=list)
    open_incidents: int = 0
    topics: list[dict[str, object]] = field(default_factory=list)
    attention: list[dict[str, object]] = field(default_factory=list)


def _average(ratings: list[float]) -> float | None:
    return sum(ratings) / len(ratings) if ratings else None


def _ratings(reviews: list[Document]) -> list[float]:
    return [float(r["rating"]) for r in reviews if r.get("rating") is not None]  # type: ignore[arg-type]


def _trend(average: float | None, previous: float | None) -> str:
    if average is None or previous is None:
        return "unknown"
    if average - previous >= TREND_THRESHOLD:
        return "up"
    if previous - average >= TREND_THRESHOLD:
        return "down"
    return "stable"


def _received_at(review: Document) -> datetime:
    return review["first_received_at"]  # type: ignore[return-value]


def _needs_attention(review: Document) -> bool:
    rating = review.get("rating")
    return bool(review.get("flagged")) or (rating is not None and int(rating) <= 2)  # type: ignore[call-overload]


def _attention_row(review: Document) -> dict[str, object]:
    text = str(review.get("text") or "")
    excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return {"platform": platform_name(str(review.get("platform", ""))), "rating": review.get("rating"),
            "published_at": review.get("published_at") or review["first_received_at"],
            "categories": list(review.get("flagged") or []), "excerpt": excerpt, "url": review.get("url")}  # type: ignore[call-overload]


async def collect_digest(reader: TenantReader, practice_ref: str, practice_name: str, period: Period) -> DigestData:
    window_start = period.shifted(-(TREND_PERIODS[period.kind] - 1))
    start, end = period.utc_bounds()
    reviews = await reader.find_page(
        "reviews",
        {"practice_ref": practice_ref, "first_received_at": {"$gte": window_start.utc_bounds()[0], "$lt": end}},
        "first_received_at", MAX_REVIEWS,
    )
    reviews = [review for review in reviews if review.get("channel", "review") == "review" or review.get("flagged")]
    data = DigestData(practice_ref, practice_name, period)

    # Ratings per period of the trend window, oldest first.
    buckets: dict[date, list[Document]] = defaultdict(list)
    for review in reviews:
        local_day = _received_at(review).astimezone(period.timezone).date()
        buckets[period_containing(period.kind, local_day, period.timezone).start].append(review)
    for offset in range(TREND_PERIODS[period.kind]):
        bucket_start = window_start.shifted(offset).start
        ratings = _ratings(buckets.get(bucket_start, []))
        data.series.append((bucket_start, _average(ratings), len(buckets.get(bucket_start, []))))

    current = [review for review in reviews if start <= _received_at(review) < end]
    data.total_new = len(current)
    by_platform: dict[str, list[Document]] = defaultdict(list)
    for review in current:
        by_platform[str(review.get("platform", ""))].append(review)
    data.platforms = [
        {"name": platform_name(platform), "count": len(items), "average": _average(_ratings(items))}
        for platform, items in sorted(by_platform.items(), key=lambda item: -len(item[1]))
    ]
    data.average = _average(_ratings(current))
    data.previous_average = _average(_ratings(buckets.get(period.shifted(-1).start, [])))
    data.trend = _trend(data.average, data.previous_average)

    topics = Counter(str(topic) for review in current
                     for topic in ((review.get("risk") or {}).get("topics") or []))  # type: ignore[attr-defined]
    data.topics = [{"topic": topic, "count": count} for topic, count in topics.most_common(MAX_TOPICS)]
    flagged_first = sorted((r for r in current if _needs_attention(r)),
                           key=lambda r: (bool(r.get("flagged")), float(r.get("max_score") or 0.0)), reverse=True)  # type: ignore[arg-type]
    data.attention = [_attention_row(review) for review in flagged_first[:MAX_ATTENTION]]

    incidents = await reader.find_page(
        "incidents", {"practice_ref": practice_ref, "opened_at": {"$gte": start, "$lt": end}}, "opened_at", 200
    )
    data.incidents = [{"kind": str(i.get("kind", "")), "status": str(i.get("status", "open")),
                       "opened_at": i["opened_at"]} for i in reversed(incidents)]
    still_open = await reader.find_page(
        "incidents", {"practice_ref": practice_ref, "status": {"$nin": list(CLOSED_INCIDENT_STATUSES)}},
        "opened_at", 1000,
    )
    data.open_incidents = len(still_open)
    return data

"""Dates, counts and incident items shown in reports and in the evidence PDF, in the practice's language and zone."""

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.core import Locale
from babel.dates import format_date, format_time

DEFAULT_ZONES = {"FR": "Europe/Paris", "CH": "Europe/Zurich"}
# Word between the date and the time of day.
TIME_JOINERS = {"fr": "à", "en": "at", "de": "um"}

CHANNEL_LABELS = {
    "fr": {"review": "avis public", "private_message": "message privé", "note": "note interne"},
    "en": {"review": "public review", "private_message": "private message", "note": "internal note"},
    "de": {"review": "öffentliche Bewertung", "private_message": "private Nachricht", "note": "interne Notiz"},
}

STAR_WORDS = {
    "fr": {"one": "étoile", "other": "étoiles"},
    "en": {"one": "star", "other": "stars"},
    "de": {"one": "Stern", "other": "Sterne"},
}


def practice_zone(practice: dict[str, Any]) -> ZoneInfo:
    """Return the practice's `time_zone`, else the zone of its country, else Europe/Paris."""
    name = practice.get("time_zone") or DEFAULT_ZONES.get(str(practice.get("country") or "FR"), "Europe/Paris")
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONES.get(str(practice.get("country") or "FR"), "Europe/Paris"))


def format_moment(value: object, language: str, zone: ZoneInfo) -> str:
    """Format a datetime (naive ones are UTC, as MongoDB returns them) in `zone`, or a date, for `language`."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        local = moment.astimezone(zone)
        day = format_date(local.date(), format="long", locale=language)
        time = format_time(local, format="HH:mm", locale=language)
        return f"{day} {TIME_JOINERS.get(language, 'at')} {time} ({zone.key})"
    if isinstance(value, date):
        return format_date(value, format="long", locale=language)
    return "?" if value is None else str(value)


def format_stars(rating: object, language: str) -> str:
    """Return "1 étoile", "4 étoiles", "1 star"…; "?" when the rating is unknown."""
    if not isinstance(rating, int | float):
        return "?"
    words = STAR_WORDS.get(language, STAR_WORDS["en"])
    category = Locale.parse(language).plural_form(rating)
    return f"{rating:g} {words.get(category, words['other'])}"


def incident_items(documents: list[dict[str, Any]], language: str, zone: ZoneInfo) -> list[dict[str, Any]]:
    """Describe every review, private message and note of an incident, oldest first by its own date.

    An item's date is when the author published or sent it; the capture time is the fallback only when the
    platform gave no date.
    """
    labels = CHANNEL_LABELS.get(language, CHANNEL_LABELS["en"])
    items = []
    for document in documents:
        channel = str(document.get("channel") or "review")
        moment = document.get("published_at") or document.get("first_received_at")
        items.append({
            "channel": channel, "channel_label": labels.get(channel, channel),
            "platform": document.get("platform"), "author": document.get("author_name"),
            "text": document.get("text"), "url": document.get("url"), "rating": document.get("rating"),
            "stars": format_stars(document.get("rating"), language), "moment": moment,
            "date": format_moment(moment, language, zone), "dated_by_capture": not document.get("published_at"),
        })
    return sorted(items, key=lambda item: _sort_key(item["moment"]))


def _sort_key(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.max.replace(tzinfo=UTC)

"""Dates as mail clients write them in the header block of a forwarded message (English, French, German)."""

import re
from datetime import datetime, tzinfo
from email.utils import parsedate_to_datetime

MONTHS = {
    **dict.fromkeys(("jan", "january", "janv", "janvier", "januar", "jän", "jänner"), 1),
    **dict.fromkeys(("feb", "february", "févr", "fevr", "février", "fevrier", "februar"), 2),
    **dict.fromkeys(("mar", "march", "mars", "mär", "märz", "maerz"), 3),
    **dict.fromkeys(("apr", "april", "avr", "avril"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("jun", "june", "juin", "juni"), 6),
    **dict.fromkeys(("jul", "july", "juil", "juillet", "juli"), 7),
    **dict.fromkeys(("aug", "august", "août", "aout"), 8),
    **dict.fromkeys(("sep", "sept", "september", "septembre"), 9),
    **dict.fromkeys(("oct", "october", "octobre", "okt", "oktober"), 10),
    **dict.fromkeys(("nov", "november", "novembre"), 11),
    **dict.fromkeys(("dec", "december", "déc", "décembre", "decembre", "dez", "dezember"), 12),
}

WORDED = re.compile(
    r"(?:(?P<month1>[^\W\d_]+)\.?\s+(?P<day1>\d{1,2}),?|(?P<day2>\d{1,2})\.?\s+(?P<month2>[^\W\d_]+)\.?)\s+"
    r"(?P<year>\d{4})\D+?(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
)
NUMERIC = re.compile(
    r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})\D+?(?P<hour>\d{1,2})[:h](?P<minute>\d{2})"
    r"(?::(?P<second>\d{2}))?"
)


def parse_mail_date(value: str, default_tz: tzinfo) -> datetime | None:
    """Parse a forwarded header date; a date without a zone is read in `default_tz`. Return None if unreadable."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=default_tz)

    match = WORDED.search(value)
    if match:
        month_name = (match["month1"] or match["month2"]).lower().rstrip(".")
        month = MONTHS.get(month_name)
        day = int(match["day1"] or match["day2"])
        if month is not None:
            return _build(int(match["year"]), month, day, match, default_tz)
    match = NUMERIC.search(value)
    if match:
        # Numeric dates in forwarded headers of French and German clients are day first.
        return _build(int(match["year"]), int(match["month"]), int(match["day"]), match, default_tz)
    return None


def _build(year: int, month: int, day: int, match: re.Match[str], default_tz: tzinfo) -> datetime | None:
    hour = int(match["hour"])
    ampm = (match.groupdict().get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, int(match["minute"]), int(match["second"] or 0), tzinfo=default_tz)
    except ValueError:
        return None

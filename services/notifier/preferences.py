"""A practice's notification preferences, read from `practices.notify` with the tenant's as fallback.

The practice document may contain:

    locale: "fr-FR" | "fr-CH" | "de-CH" | "en" ...     language and region of every message
    country: "FR" | "CH"                                 jurisdiction; else the locale's region (FR, CH) or unknown
    timezone: "Europe/Zurich"                            else Europe/Zurich for CH, Europe/Paris otherwise
    notify:
      emails: ["dr@cabinet.fr"]
      channels: ["email", "webhook"]                     default: both
      min_severity: {"off_topic": "high", "*": "low"}    per category, "*" for the others
      quiet_hours: {"start": "20:00", "end": "07:30", "timezone": "Europe/Paris"}
      digests: {"daily": true, "weekly": true, "hour": 7, "weekday": 1}   weekday 1 is Monday
"""

from dataclasses import dataclass, field
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from pymongo.asynchronous.database import AsyncDatabase

from contracts.events import Severity
from vigie.logs import get_logger
from vigie.mongo import Document

log = get_logger(__name__)

SUPPORTED_LANGUAGES = ("fr", "en", "de")
DEFAULT_LANGUAGE = "fr"
CHANNELS = ("email", "webhook")
SEVERITY_ORDER = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
JURISDICTIONS = ("FR", "CH")
DEFAULT_TIMEZONES = {"CH": "Europe/Zurich", "FR": "Europe/Paris"}


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time
    timezone: ZoneInfo


@dataclass(frozen=True)
class DigestSchedule:
    daily: bool = True
    weekly: bool = True
    hour: int = 7
    weekday: int = 1


@dataclass(frozen=True)
class Preferences:
    tenant_id: str
    practice_ref: str
    practice_name: str
    # False when the practice has no `name` and `practice_name` is only its slug, which emails must not
    # present as a name.
    practice_named: bool
    emails: tuple[str, ...]
    language: str
    locale: str
    country: str
    timezone: ZoneInfo
    channels: tuple[str, ...] = CHANNELS
    min_severity: dict[str, Severity] = field(default_factory=dict)
    quiet_hours: QuietHours | None = None
    digests: DigestSchedule = field(default_factory=DigestSchedule)

    def accepts(self, category: str, severity: Severity) -> bool:
        """Return True when the alert reaches the practice's minimum severity for its category."""
        minimum = self.min_severity.get(category) or self.min_severity.get("*") or Severity.LOW
        return SEVERITY_ORDER.index(severity) >= SEVERITY_ORDER.index(minimum)


def resolve_locale(raw_locale: object, country: object) -> tuple[str, str, str]:
    """Return (language, Babel locale, jurisdiction country) for a practice.

    French is the default, for France and French-speaking Switzerland alike; a Swiss practice gets German
    only when its locale says so (`de-CH`), because the canton alone does not fix the practice's language.
    The jurisdiction is FR or CH, from `country`, else from the locale's region. It is "" (unknown) for any
    other country and for a locale without a region such as `fr` or `de`: guessing France would print French
    criminal law to a practice that may be Swiss or German, so emails then say the applicable law is unknown.
    """
    text = str(raw_locale or "").replace("_", "-")
    language, _, region = text.partition("-")
    language = language.lower()
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    region = str(country or region).upper()
    jurisdiction = region if region in JURISDICTIONS else ""
    try:
        babel_locale = str(Locale.parse(f"{language}_{region}" if region else language))
    except (UnknownLocaleError, ValueError):
        babel_locale = language
    return language, babel_locale, jurisdiction


def _parse_time(value: object, default: time) -> time:
    try:
        hours, minutes = str(value).split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return default


def _zone(name: object, fallback: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(name or fallback))
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("invalid time zone in practice settings; using the default", timezone=str(name))
        return ZoneInfo(fallback)


def _min_severity(raw: object) -> dict[str, Severity]:
    if not isinstance(raw, dict):
        return {}
    values = {severity.value: severity for severity in Severity}
    return {str(category): values[str(level)] for category, level in raw.items() if str(level) in values}


def _quiet_hours(raw: object, default_zone: ZoneInfo) -> QuietHours | None:
    if not isinstance(raw, dict) or "start" not in raw or "end" not in raw:
        return None
    start = _parse_time(raw["start"], time(20, 0))
    end = _parse_time(raw["end"], time(7, 0))
    if start == end:
        return None
    return QuietHours(start, end, _zone(raw.get("timezone"), default_zone.key))


def _digests(raw: object, default_hour: int) -> DigestSchedule:
    if not isinstance(raw, dict):
        return DigestSchedule(hour=default_hour)
    return DigestSchedule(
        daily=bool(raw.get("daily", True)),
        weekly=bool(raw.get("weekly", True)),
        hour=min(max(int(raw.get("hour", default_hour)), 0), 23),  # type: ignore[call-overload]
        weekday=min(max(int(raw.get("weekday", 1)), 1), 7),  # type: ignore[call-overload]
    )


def build_preferences(tenant: Document, practice: Document, tenant_id: str, practice_ref: str,
                      default_digest_hour: int = 7) -> Preferences:
    notify: dict[str, object] = practice.get("notify") or {}  # type: ignore[assignment]
    emails = notify.get("emails") or tenant.get("alert_emails") or []
    language, locale, country = resolve_locale(practice.get("locale") or tenant.get("locale"),
                                               practice.get("country"))
    # The API stores `time_zone`; `timezone` is the older spelling of practice settings.
    timezone = _zone(practice.get("time_zone") or practice.get("timezone"),
                     DEFAULT_TIMEZONES.get(country, "Europe/Paris"))
    channels = notify.get("channels") or CHANNELS
    return Preferences(
        tenant_id=tenant_id,
        practice_ref=practice_ref,
        practice_name=str(practice.get("name") or practice_ref),
        practice_named=bool(practice.get("name")),
        emails=tuple(str(email) for email in emails),  # type: ignore[attr-defined]
        language=language,
        locale=locale,
        country=country,
        timezone=timezone,
        channels=tuple(str(channel) for channel in channels if channel in CHANNELS),  # type: ignore[attr-defined]
        min_severity=_min_severity(notify.get("min_severity")),
        quiet_hours=_quiet_hours(notify.get("quiet_hours"), timezone),
        digests=_digests(notify.get("digests"), default_digest_hour),
    )


async def load_preferences(database: AsyncDatabase[Document], tenant_id: str, practice_ref: str,
                           default_digest_hour: int = 7) -> Preferences:
    """Load the practice's preferences, falling back to the tenant's emails for practices not configured yet."""
    practice = await database.practices.find_one({"tenant_id": tenant_id, "practice_ref": practice_ref}) or {}
    tenant = await database.tenants.find_one({"_id": tenant_id}) or {}
    return build_preferences(tenant, practice, tenant_id, practice_ref, default_digest_hour)

"""Who hears about a practice's alerts, and in which language."""

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from vigie.mongo import Document

SUPPORTED_LOCALES = ("fr", "en", "de")
DEFAULT_LOCALE = "fr"


@dataclass(frozen=True)
class Recipients:
    emails: tuple[str, ...]
    locale: str
    practice_name: str


async def recipients_for(database: AsyncDatabase[Document], tenant_id: str, practice_ref: str) -> Recipients:
    """Return the practice's recipients, falling back to the tenant's for practices not configured yet."""
    practice = await database.practices.find_one({"tenant_id": tenant_id, "practice_ref": practice_ref}) or {}
    tenant = await database.tenants.find_one({"_id": tenant_id}) or {}
    notify: dict[str, object] = practice.get("notify") or {}  # type: ignore[assignment]
    emails = notify.get("emails") or tenant.get("alert_emails") or []
    locale = str(practice.get("locale") or tenant.get("locale") or DEFAULT_LOCALE)[:2]
    return Recipients(
        emails=tuple(str(email) for email in emails),  # type: ignore[attr-defined]
        locale=locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE,
        practice_name=str(practice.get("name") or practice_ref),
    )

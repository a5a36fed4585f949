"""The status workflow of incidents and their legal deadlines.

Scoring opens incidents (status `open`); people move them through the workflow with the API. Every
change is stored in `status_history` and appended to the incident's evidence log.
"""

import calendar
from datetime import UTC, date, datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase

from vigie.evidence import append_evidence
from vigie.mongo import Document

STATUSES = ("open", "reported_to_platform", "removed_by_platform", "complaint_filed", "closed")

# Allowed moves. A platform may reject a report, so `reported_to_platform` can go back to `open`, and
# `closed` can be reopened when the author comes back.
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"reported_to_platform", "complaint_filed", "closed"}),
    "reported_to_platform": frozenset({"open", "removed_by_platform", "complaint_filed", "closed"}),
    # "open" again when the platform puts the content back.
    "removed_by_platform": frozenset({"open", "complaint_filed", "closed"}),
    "complaint_filed": frozenset({"reported_to_platform", "removed_by_platform", "closed"}),
    "closed": frozenset({"open"}),
}

# French press-law offences (law of 29 July 1881) are time-barred three months after publication.
PRESS_LAW_CATEGORIES = frozenset({"defamation", "insult"})
PRESS_LAW_LIMITATION_MONTHS = 3


class InvalidTransition(ValueError):
    """Raised when the workflow does not allow moving from the current status to the requested one."""


def add_months(moment: datetime, months: int) -> datetime:
    """Add calendar months, clamping the day to the end of a shorter month (31 Jan + 1 = 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def limitation_deadline(incident: Document) -> date | None:
    """Return the last day to act under the press law, or None when no press-law category applies."""
    categories = {str(category) for category in incident.get("categories", []) or []}  # type: ignore[attr-defined]
    categories.add(str(incident.get("kind")))
    published = incident.get("first_published_at")
    if not categories & PRESS_LAW_CATEGORIES or not isinstance(published, datetime):
        return None
    return add_months(published.astimezone(UTC), PRESS_LAW_LIMITATION_MONTHS).date()


def check_transition(current: str, requested: str) -> None:
    if requested not in STATUSES:
        raise InvalidTransition(f"unknown status {requested!r}; use one of {list(STATUSES)}")
    if requested not in TRANSITIONS.get(current, frozenset()):
        allowed = sorted(TRANSITIONS.get(current, frozenset()))
        raise InvalidTransition(f"an incident cannot move from {current!r} to {requested!r}; allowed: {allowed}")


async def change_status(
    database: AsyncDatabase[Document], tenant_id: str, incident_id: str, status: str, by: str,
    note: str | None = None, details: dict[str, Any] | None = None,
) -> Document | None:
    """Move a tenant's incident to `status`, record who did it, and append the change to the evidence log.

    Returns None when the incident does not exist for this tenant. The update matches the status that
    was checked, so two concurrent changes cannot both pass the same transition check.
    """
    incident = await database.incidents.find_one({"_id": incident_id, "tenant_id": tenant_id})
    if incident is None:
        return None
    current = str(incident.get("status", "open"))
    check_transition(current, status)

    now = datetime.now(UTC)
    change = {"status": status, "at": now, "by": by, "note": note, "details": details or {}}
    updated = await database.incidents.find_one_and_update(
        {"_id": incident_id, "tenant_id": tenant_id, "status": current},
        {"$set": {"status": status, "updated_at": now}, "$push": {"status_history": change}},
        return_document=ReturnDocument.AFTER,
    )
    if updated is None:
        raise InvalidTransition(f"incident {incident_id!r} changed status meanwhile; reload it and retry")

    await append_evidence(database, tenant_id, incident_id, "status.changed", {"from": current, **change})
    return updated

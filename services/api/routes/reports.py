"""`GET /v1/incidents/{id}/reports/{kind}`: pre-filled platform reports and complaint summaries."""

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.api.auth import Principal, require_scope
from services.api.evidence.legal import qualifications
from services.api.reports.formatting import format_moment, incident_items, practice_zone
from services.api.reports.render import render
from services.api.repository import TenantRepository
from services.api.routes.incidents import load_incident
from vigie.http import ErrorResponse
from vigie.incidents import limitation_deadline

router = APIRouter(prefix="/v1/incidents", tags=["platform reports"],
                   responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})

ReportKind = Literal["google_extortion", "google_policy", "trustpilot", "dsa_notice", "complaint"]


class ReportPublic(BaseModel):
    kind: str
    language: str
    text: str = Field(description="Plain text to paste into the platform's form or the complaint.")
    missing: list[str] = Field(description="Practice fields still empty; the text shows a placeholder for each.",
                               examples=[["practice.contact.email"]])


@router.get("/{incident_id}/reports/{kind}", response_model=ReportPublic, responses={404: {"model": ErrorResponse}})
async def render_report(
    incident_id: str, kind: ReportKind, request: Request,
    principal: Annotated[Principal, Depends(require_scope("read"))],
    language: Annotated[Literal["fr", "en", "de"] | None, Query(description="Default: the practice's locale.")] = None,
) -> ReportPublic:
    incident = await load_incident(request, principal, incident_id)
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    practice = await repository.find_by("practices", {"practice_ref": incident.get("practice_ref")}) or {}
    documents = await repository.find_many("reviews", {"_id": {"$in": list(incident.get("review_ids", []))}},  # type: ignore[call-overload]
                                           sort=(("first_received_at", 1),))
    alerts = await repository.find_many("alerts", {"_id": {"$in": list(incident.get("alert_ids", []))}})  # type: ignore[call-overload]

    language = language or str(practice.get("locale") or "fr")
    if language not in ("fr", "en", "de"):
        language = "en"
    kinds = [str(incident.get("kind")), *[str(category) for category in incident.get("categories", [])]]  # type: ignore[attr-defined]
    profiles: list[dict[str, Any]] = list(practice.get("platform_profiles") or [])  # type: ignore[call-overload]
    demands = [str(evidence.get("text")) for alert in alerts if alert.get("category") in ("extortion", "threat")
               for evidence in alert.get("evidence", []) if evidence.get("text")]  # type: ignore[attr-defined]
    zone = practice_zone(practice)
    items = incident_items(documents, language, zone)
    deadline = limitation_deadline(incident)
    context = {
        "practice": practice, "incident": incident,
        "opened_at": format_moment(incident.get("opened_at"), language, zone),
        "items": items,
        "reviews": [item for item in items if item["channel"] == "review"],
        "messages": [item for item in items if item["channel"] == "private_message"],
        "notes": [item for item in items if item["channel"] == "note"],
        "demands": demands,
        "profile_url": next((str(profile["url"]) for profile in profiles if profile.get("platform") == "google"), None),
        "legal": qualifications(str(practice.get("country") or "FR"), kinds, language,
                                public=any(item["channel"] == "review" for item in items)),
        "deadline": format_moment(deadline, language, zone) if deadline else None,
        "deadline_passed": deadline is not None and deadline < datetime.now(zone).date(),
        "evidence_file": f"evidence-{incident_id}.zip",
    }
    result = render(kind, language, context)
    return ReportPublic(kind=result.kind, language=result.language, text=result.text, missing=result.missing)

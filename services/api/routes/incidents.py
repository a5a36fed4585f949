"""`/v1/incidents`: what belongs together (a blackmail message and its reviews, a campaign), with its workflow."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from services.api.auth import Principal, require_scope
from services.api.pagination import after_cursor, encode_cursor
from services.api.repository import TenantRepository
from vigie.http import ApiError, ErrorResponse
from vigie.incidents import InvalidTransition, change_status, limitation_deadline
from vigie.mongo import Document

router = APIRouter(prefix="/v1/incidents", tags=["incidents"],
                   responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})

Status = Literal["open", "reported_to_platform", "removed_by_platform", "complaint_filed", "closed"]
SEVERITIES = ("low", "medium", "high", "critical")


class StatusChange(BaseModel):
    status: str
    at: datetime
    by: str = Field(description="API key id of who made the change, or the service that opened the incident.")
    note: str | None = None
    details: dict[str, Any] = {}


class IncidentPublic(BaseModel):
    id: str
    practice_ref: str
    incident_key: str
    kind: str = Field(description="extortion, campaign, defamation, insult, threat or personal_data.")
    categories: list[str] = []
    severity: str | None = None
    status: str
    status_history: list[StatusChange] = []
    review_ids: list[str] = []
    alert_ids: list[str] = []
    opened_at: datetime | None = None
    updated_at: datetime | None = None
    first_published_at: datetime | None = None
    limitation_deadline: date | None = Field(
        default=None, description="For defamation and insult under French press law: the last day to act "
        "(three months after first publication). Null for other kinds.")


class IncidentPage(BaseModel):
    items: list[IncidentPublic]
    next_cursor: str | None


class StatusRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"status": "reported_to_platform", "note": "Google extortion form sent",
         "details": {"platform": "google", "reference": "case 1-234"}}]})

    status: Status
    note: str | None = Field(default=None, max_length=2000)
    details: dict[str, Any] = Field(default={}, description="Platform reference, complaint number, etc.")


def severity_of(document: Document) -> str | None:
    if document.get("severity") is not None:
        return str(document["severity"])
    rank = document.get("severity_rank")
    return SEVERITIES[rank] if isinstance(rank, int) and 0 <= rank < len(SEVERITIES) else None


def public(document: Document) -> IncidentPublic:
    return IncidentPublic.model_validate({
        **document, "id": document["_id"], "severity": severity_of(document),
        "limitation_deadline": limitation_deadline(document),
    })


async def load_incident(request: Request, principal: Principal, incident_id: str) -> Document:
    """Return the tenant's incident or raise 404; used by every route under /v1/incidents/{id}."""
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    document = await repository.find_one("incidents", incident_id)
    if document is None:
        raise ApiError(404, "incident_not_found", f"Incident {incident_id!r} was not found.")
    return document


@router.get("", response_model=IncidentPage, responses={400: {"model": ErrorResponse}})
async def list_incidents(
    request: Request,
    principal: Annotated[Principal, Depends(require_scope("read"))],
    practice_ref: str | None = None,
    status: Status | None = None,
    kind: str | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> IncidentPage:
    query: dict[str, object] = after_cursor("updated_at", cursor)
    exact = {"practice_ref": practice_ref, "status": status, "kind": kind}
    query.update({field: value for field, value in exact.items() if value is not None})

    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    documents = await repository.find_page("incidents", query, "updated_at", limit + 1)
    page = documents[:limit]
    next_cursor = None
    if len(documents) > limit:
        next_cursor = encode_cursor(page[-1]["updated_at"], str(page[-1]["_id"]))  # type: ignore[arg-type]
    return IncidentPage(items=[public(document) for document in page], next_cursor=next_cursor)


@router.get("/{incident_id}", response_model=IncidentPublic, responses={404: {"model": ErrorResponse}})
async def get_incident(
    incident_id: str, request: Request, principal: Annotated[Principal, Depends(require_scope("read"))],
) -> IncidentPublic:
    return public(await load_incident(request, principal, incident_id))


@router.post("/{incident_id}/status", response_model=IncidentPublic,
             responses={404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}})
async def change_incident_status(
    incident_id: str, body: StatusRequest, request: Request,
    principal: Annotated[Principal, Depends(require_scope("write"))],
) -> IncidentPublic:
    """Move the incident through the workflow; the change is timestamped, signed with the key id and logged."""
    try:
        document = await change_status(request.app.state.api.database, principal.tenant_id, incident_id,
                                       body.status, by=principal.key_id, note=body.note, details=body.details)
    except InvalidTransition as exc:
        raise ApiError(409, "invalid_status_transition", str(exc)) from exc
    if document is None:
        raise ApiError(404, "incident_not_found", f"Incident {incident_id!r} was not found.")
    return public(document)

"""Data protection: erasure of a reviewer's personal data, and the tenant's API audit log."""

import hashlib
import re
import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from services.api.auth import Principal, require_scope
from services.api.pagination import after_cursor, encode_cursor
from services.api.repository import TenantRepository
from vigie.http import ErrorResponse

router = APIRouter(prefix="/v1", tags=["data protection"],
                   responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse},
                              429: {"model": ErrorResponse}})

# Incidents in these statuses may still go to court, so their reviews are under legal hold.
HOLD_STATUSES = ("open", "reported_to_platform", "removed_by_platform", "complaint_filed")


class ErasureRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"author_name": "Jean Dupont",
                                                               "practice_ref": "cabinet-1"}]})

    author_name: str = Field(min_length=2, max_length=200, description="The reviewer's name, as displayed.")
    practice_ref: str | None = None
    platform: str | None = None


class HeldReview(BaseModel):
    review_id: str
    incident_ids: list[str]


class ErasureResult(BaseModel):
    request_id: str
    pseudonym: str
    erased_review_ids: list[str]
    held: list[HeldReview] = Field(description="Reviews kept unchanged because an open incident needs them as "
                                   "evidence; they are erased when the incident closes and the request is repeated.")


class AuditEntry(BaseModel):
    key_id: str
    method: str
    route: str
    status: int
    at: datetime


class AuditPage(BaseModel):
    items: list[AuditEntry]
    next_cursor: str | None


def pseudonym_for(tenant_id: str, author_name: str) -> str:
    digest = hashlib.sha256(f"{tenant_id}\x1f{author_name.casefold()}".encode()).hexdigest()
    return f"erased-{digest[:10]}"


def _scrub(text: object, pattern: re.Pattern[str], pseudonym: str) -> object:
    return pattern.sub(pseudonym, text) if isinstance(text, str) else text


@router.post("/privacy/erasures", response_model=ErasureResult, status_code=201)
async def erase_reviewer(
    body: ErasureRequest, request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
) -> ErasureResult:
    """Pseudonymise a reviewer's name in reviews and their versions, except where a legal hold applies."""
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    name_pattern = re.compile(re.escape(body.author_name.strip()), re.IGNORECASE)
    query: dict[str, object] = {"$or": [{"author_name": {"$regex": f"^{name_pattern.pattern}$", "$options": "i"}},
                                        {"versions.author_name": {"$regex": f"^{name_pattern.pattern}$",
                                                                  "$options": "i"}}]}
    if body.practice_ref is not None:
        query["practice_ref"] = body.practice_ref
    if body.platform is not None:
        query["platform"] = body.platform
    reviews = await repository.find_many("reviews", query, limit=10_000)

    review_ids = [str(review["_id"]) for review in reviews]
    incidents = await repository.find_many(
        "incidents", {"review_ids": {"$in": review_ids}, "status": {"$in": list(HOLD_STATUSES)}})
    holds: dict[str, list[str]] = {}
    for incident in incidents:
        for review_id in incident.get("review_ids", []):  # type: ignore[attr-defined]
            holds.setdefault(str(review_id), []).append(str(incident["_id"]))

    pseudonym = pseudonym_for(principal.tenant_id, body.author_name)
    now = datetime.now(UTC)
    erased = []
    for review in reviews:
        if str(review["_id"]) in holds:
            continue
        versions = [{**version, "author_name": pseudonym, "text": _scrub(version.get("text"), name_pattern, pseudonym)}
                    for version in review.get("versions", [])]  # type: ignore[attr-defined]
        await repository.update_by("reviews", {"_id": review["_id"]}, {"$set": {
            "author_name": pseudonym, "text": _scrub(review.get("text"), name_pattern, pseudonym),
            "versions": versions, "erased_at": now}})
        erased.append(str(review["_id"]))
    # NOTE: alerts' evidence spans and the evidence log keep the original words. The log cannot be
    # rewritten without breaking its hash chain, and nothing purges it yet when an incident closes.

    request_id = "era_" + uuid.uuid4().hex[:16]
    await repository.insert_one("erasure_requests", {
        "_id": request_id, "name_sha256": hashlib.sha256(body.author_name.casefold().encode()).hexdigest(),
        "pseudonym": pseudonym, "requested_at": now, "by": principal.key_id, "erased_review_ids": erased,
        "held_review_ids": sorted(holds)})
    return ErasureResult(request_id=request_id, pseudonym=pseudonym, erased_review_ids=erased,
                         held=[HeldReview(review_id=review_id, incident_ids=ids) for review_id, ids in holds.items()])


@router.get("/audit-log", response_model=AuditPage, responses={400: {"model": ErrorResponse}})
async def list_audit_log(
    request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
    key_id: str | None = None, cursor: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditPage:
    query: dict[str, object] = after_cursor("at", cursor)
    if key_id is not None:
        query["key_id"] = key_id
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    documents = await repository.find_page("audit_log", query, "at", limit + 1)
    page = documents[:limit]
    next_cursor = encode_cursor(page[-1]["at"], str(page[-1]["_id"])) if len(documents) > limit else None  # type: ignore[arg-type]
    return AuditPage(items=[AuditEntry.model_validate(document) for document in page], next_cursor=next_cursor)

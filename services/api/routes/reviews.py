"""`/v1/reviews`: scored reviews and messages of the caller's tenant."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pymongo import ASCENDING, DESCENDING

from contracts.risk import Category
from services.api.auth import Principal, require_scope
from services.api.pagination import after_cursor, encode_cursor
from services.api.repository import TenantRepository
from services.api.schemas import ReviewDetail, ReviewPage, ReviewPublic
from vigie.http import ApiError, ErrorResponse
from vigie.mongo import Document

router = APIRouter(prefix="/v1/reviews", tags=["reviews"], responses={401: {"model": ErrorResponse}})


def _public(document: Document, model: type[ReviewPublic] = ReviewPublic) -> ReviewPublic:
    return model.model_validate({**document, "id": document["_id"]})


# Sort fields that every stored review has, so keyset cursors never meet a null.
SORTS = {
    "-first_received_at": ("first_received_at", DESCENDING),
    "first_received_at": ("first_received_at", ASCENDING),
    "-updated_at": ("updated_at", DESCENDING),
    "-max_score": ("max_score", DESCENDING),
    "max_score": ("max_score", ASCENDING),
}
SortKey = Literal["-first_received_at", "first_received_at", "-updated_at", "-max_score", "max_score"]


@router.get("", response_model=ReviewPage, responses={400: {"model": ErrorResponse}})
async def list_reviews(
    request: Request,
    principal: Annotated[Principal, Depends(require_scope("read"))],
    practice_ref: str | None = None,
    platform: Annotated[str | None, Query(examples=["google"])] = None,
    category: Annotated[Category | None, Query(description="Only reviews flagged in this category.")] = None,
    min_score: Annotated[float | None, Query(ge=0, le=1, description="Only reviews whose highest score is at "
                                             "least this.")] = None,
    min_rating: Annotated[int | None, Query(ge=1, le=5)] = None,
    max_rating: Annotated[int | None, Query(ge=1, le=5)] = None,
    published_from: Annotated[datetime | None, Query(description="Published at or after (ISO 8601).")] = None,
    published_to: Annotated[datetime | None, Query(description="Published before (ISO 8601).")] = None,
    status: Annotated[str | None, Query(examples=["active"])] = None,
    sort: Annotated[SortKey, Query(description="Field to sort by; a leading `-` sorts newest or highest first.")]
    = "-first_received_at",
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ReviewPage:
    sort_field, direction = SORTS[sort]
    query: dict[str, object] = after_cursor(sort_field, cursor, direction)
    exact = {"practice_ref": practice_ref, "platform": platform, "status": status,
             "flagged": category.value if category is not None else None}
    query.update({field: value for field, value in exact.items() if value is not None})
    if min_score is not None:
        query["max_score"] = {"$gte": min_score}
    rating = {op: value for op, value in (("$gte", min_rating), ("$lte", max_rating)) if value is not None}
    if rating:
        query["rating"] = rating
    published = {op: value for op, value in (("$gte", published_from), ("$lt", published_to)) if value is not None}
    if published:
        query["published_at"] = published

    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    documents = await repository.find_page("reviews", query, sort_field, limit + 1, direction)
    page = documents[:limit]
    next_cursor = None
    if len(documents) > limit:
        last = page[-1]
        next_cursor = encode_cursor(last[sort_field], str(last["_id"]))  # type: ignore[arg-type]
    return ReviewPage(items=[_public(document) for document in page], next_cursor=next_cursor)


@router.get("/{review_id}", response_model=ReviewDetail, responses={404: {"model": ErrorResponse}})
async def get_review(
    review_id: str, request: Request, principal: Annotated[Principal, Depends(require_scope("read"))]
) -> ReviewPublic:
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    document = await repository.find_one("reviews", review_id)
    if document is None:
        raise ApiError(404, "review_not_found", f"Review {review_id!r} was not found.")
    return _public(document, ReviewDetail)

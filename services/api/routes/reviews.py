"""`/v1/reviews`: scored reviews and messages of the caller's tenant."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

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


@router.get("", response_model=ReviewPage)
async def list_reviews(
    request: Request,
    principal: Annotated[Principal, Depends(require_scope("read"))],
    practice_ref: str | None = None,
    platform: str | None = None,
    category: Annotated[Category | None, Query(description="Only reviews flagged in this category.")] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ReviewPage:
    query: dict[str, object] = after_cursor("first_received_at", cursor)
    if practice_ref is not None:
        query["practice_ref"] = practice_ref
    if platform is not None:
        query["platform"] = platform
    if category is not None:
        query["flagged"] = category.value

    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    documents = await repository.find_page("reviews", query, "first_received_at", limit + 1)
    page = documents[:limit]
    next_cursor = None
    if len(documents) > limit:
        last = page[-1]
        next_cursor = encode_cursor(last["first_received_at"], str(last["_id"]))  # type: ignore[arg-type]
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

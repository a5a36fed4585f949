"""`/v1/alerts`: alerts raised for the caller's tenant, newest first."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from contracts.risk import Category
from services.api.auth import Principal, require_scope
from services.api.pagination import after_cursor, encode_cursor
from services.api.repository import TenantRepository
from services.api.schemas import AlertPage, AlertPublic
from vigie.http import ErrorResponse

router = APIRouter(prefix="/v1/alerts", tags=["alerts"], responses={401: {"model": ErrorResponse}})


@router.get("", response_model=AlertPage)
async def list_alerts(
    request: Request,
    principal: Annotated[Principal, Depends(require_scope("read"))],
    practice_ref: str | None = None,
    category: Category | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> AlertPage:
    query: dict[str, object] = after_cursor("raised_at", cursor)
    if practice_ref is not None:
        query["practice_ref"] = practice_ref
    if category is not None:
        query["category"] = category.value

    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    documents = await repository.find_page("alerts", query, "raised_at", limit + 1)
    page = documents[:limit]
    next_cursor = None
    if len(documents) > limit:
        next_cursor = encode_cursor(page[-1]["raised_at"], str(page[-1]["_id"]))  # type: ignore[arg-type]
    items = [AlertPublic.model_validate({**document, "id": document["_id"]}) for document in page]
    return AlertPage(items=items, next_cursor=next_cursor)

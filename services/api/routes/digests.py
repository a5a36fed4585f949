"""`/v1/practices/{practice_ref}/digests/{period}.pdf`: a practice's daily or weekly digest as a PDF."""

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from services.api.auth import Principal, require_scope
from services.api.repository import TenantRepository
from services.notifier.digests.data import collect_digest, period_containing
from services.notifier.digests.pdf import render_digest_pdf
from services.notifier.preferences import build_preferences
from vigie.http import ApiError, ErrorResponse

router = APIRouter(prefix="/v1/practices", tags=["digests"],
                   responses={401: {"model": ErrorResponse}, 404: {"model": ErrorResponse}})


@router.get(
    "/{practice_ref}/digests/{period}.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The digest as a PDF."}},
)
async def digest_pdf(
    request: Request,
    principal: Annotated[Principal, Depends(require_scope("read"))],
    practice_ref: str,
    period: Literal["daily", "weekly"],
    day: Annotated[date | None, Query(alias="date", description="Any day of the period, in the practice's "
                                      "time zone; default: the last complete period.")] = None,
    lang: Annotated[Literal["fr", "en", "de"] | None, Query(description="Language; default: the practice's.")] = None,
) -> Response:
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    practices = await repository.find_page("practices", {"practice_ref": practice_ref}, "_id", 1)
    if not practices:
        raise ApiError(404, "practice_not_found", f"No practice {practice_ref!r} in this tenant.")
    practice = practices[0]
    if lang is not None:
        practice = {**practice, "locale": f"{lang}-{practice.get('country') or 'FR'}"}
    preferences = build_preferences({}, practice, principal.tenant_id, practice_ref)

    today = datetime.now(UTC).astimezone(preferences.timezone).date()
    current = period_containing(period, today, preferences.timezone)
    selected = period_containing(period, day, preferences.timezone) if day else current.shifted(-1)
    if selected.start > today:
        raise ApiError(422, "period_in_future", f"The {period} period of {day} has not started yet; pick a past date.")

    data = await collect_digest(repository, practice_ref, preferences.practice_name, selected)
    pdf = render_digest_pdf(data, preferences)
    filename = f"vigie-{practice_ref}-{period}-{selected.start.isoformat()}.pdf"
    return Response(pdf, media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})

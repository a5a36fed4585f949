"""Reply assistant: neutral drafts for a review, and the medical-secrecy check of the practitioner's own text."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from contracts.risk import ReplyCheck
from services.api.auth import Principal, require_scope
from services.api.replies.advice import LANGUAGES, advise, infer_category
from services.api.repository import TenantRepository
from services.scoring.engine import check_reply
from vigie.http import ApiError, ErrorResponse

router = APIRouter(prefix="/v1", tags=["reply assistant"],
                   responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})

Language = Literal["fr", "en", "de"]


class DraftRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"category": "criticism", "language": "fr"}]})

    category: Literal["criticism", "fees", "extortion", "defamation"] | None = Field(
        default=None, description="Default: inferred from the review's flagged categories and topics.")
    language: Language | None = Field(default=None, description="Default: the practice's locale.")


class AdviceItem(BaseModel):
    code: str = Field(examples=["do_not_reply_blackmail"])
    message: str


class DraftPublic(BaseModel):
    text: str
    check: ReplyCheck


class DraftResponse(BaseModel):
    review_id: str
    category: str
    language: str
    recommendation: Literal["reply", "do_not_reply"]
    advice: list[AdviceItem]
    drafts: list[DraftPublic]
    review_solicitation_allowed: bool = Field(
        description="False for French dentists, who may not solicit reviews or republish testimonials.")


class ReplyCheckRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"text": "Comme votre dossier l'indique, votre traitement du 3 mars s'est bien passé.", "language": "fr"}]})

    text: str = Field(min_length=1, max_length=4096, description="Google caps replies at 4,096 characters.")
    language: Language | None = None


@router.post("/reviews/{review_id}/reply-drafts", response_model=DraftResponse,
             responses={404: {"model": ErrorResponse}})
async def draft_replies(
    review_id: str, request: Request, principal: Annotated[Principal, Depends(require_scope("read"))],
    body: DraftRequest | None = None,
) -> DraftResponse:
    body = body or DraftRequest()
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    review = await repository.find_one("reviews", review_id)
    if review is None:
        raise ApiError(404, "review_not_found", f"Review {review_id!r} was not found.")
    practice = await repository.find_by("practices", {"practice_ref": review.get("practice_ref")}) or {}

    risk = review.get("risk") or {}
    category = body.category or infer_category(
        [str(flag) for flag in review.get("flagged", []) or []],  # type: ignore[attr-defined]
        [str(topic) for topic in risk.get("topics", []) or []],  # type: ignore[attr-defined]
    )
    locale = str(practice.get("locale") or review.get("language") or "fr")
    language = body.language or (locale if locale in LANGUAGES else "en")
    result = advise(category, language, str(practice.get("country") or "FR"),
                    str(practice.get("profession") or "other"))
    return DraftResponse(
        review_id=review_id, category=result.category, language=result.language,
        recommendation=result.recommendation,  # type: ignore[arg-type]
        advice=[AdviceItem(code=code, message=message) for code, message in result.advice],
        drafts=[DraftPublic(text=draft.text, check=draft.check) for draft in result.drafts],
        review_solicitation_allowed=result.review_solicitation_allowed,
    )


@router.post("/reply-checks", response_model=ReplyCheck)
async def check_reply_text(
    body: ReplyCheckRequest, principal: Annotated[Principal, Depends(require_scope("read"))],
) -> ReplyCheck:
    """Check the practitioner's own reply; findings give the rule, the offending words and why they breach secrecy."""
    return check_reply(body.text, body.language)

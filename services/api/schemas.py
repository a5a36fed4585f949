"""Response models of the gateway API."""

from datetime import datetime

from pydantic import BaseModel, Field

from contracts.events import Severity
from contracts.risk import Category, Evidence, Risk


class ReviewVersionPublic(BaseModel):
    version: int
    text: str
    rating: int | None
    author_name: str | None
    published_at: datetime | None
    received_at: datetime
    scorer_version: str
    flagged: list[Category]


class ReviewPublic(BaseModel):
    id: str
    platform: str
    external_id: str
    practice_ref: str
    channel: str
    author_name: str | None
    rating: int | None
    text: str
    language: str | None
    published_at: datetime | None
    url: str | None
    version: int
    status: str
    risk: Risk
    flagged: list[Category]
    first_received_at: datetime
    updated_at: datetime


class ReviewDetail(ReviewPublic):
    versions: list[ReviewVersionPublic]


class ReviewPage(BaseModel):
    items: list[ReviewPublic]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page.")


class AlertPublic(BaseModel):
    id: str
    review_id: str
    practice_ref: str
    platform: str
    external_id: str
    category: Category
    severity: Severity
    score: float
    evidence: list[Evidence]
    incident_key: str
    status: str
    raised_at: datetime


class AlertPage(BaseModel):
    items: list[AlertPublic]
    next_cursor: str | None

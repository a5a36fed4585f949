"""Events carried on the Kafka topics declared in `contracts.topics`.

Every event names its `schema_version`; a consumer rejects a version it does not know to the
dead-letter topic instead of guessing. Additive, optional fields keep the version; anything else
bumps it and gets a new schema file.
"""

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from contracts.reviews import ReviewCreate
from contracts.risk import Category, Evidence, Risk

SCHEMA_VERSION: Literal[1] = 1


class ReviewReceived(BaseModel):
    """A review or message accepted by ingest, normalised to the generic shape."""

    event_type: Literal["review.received"] = "review.received"
    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str = Field(description="Unique per accepted item; a redelivery keeps it.")
    correlation_id: str
    tenant_id: str
    partner_id: str
    source: str = Field(description="Connector that received it: generic, google, trustpilot, smtp, ...")
    received_at: datetime
    content_sha256: str = Field(description="SHA-256 of the canonical JSON of `review`.")
    review: ReviewCreate
    raw: dict[str, object] | None = Field(
        default=None, description="The platform payload as received, for the evidence file."
    )
    action: Literal["upsert", "delete"] = Field(
        default="upsert",
        description="upsert: a new review or a new version of it; delete: the platform removed it, "
        "so the stored review is marked deleted and keeps its versions.",
    )


class ReviewScored(BaseModel):
    """A review stored in MongoDB with its risk assessment."""

    event_type: Literal["review.scored"] = "review.scored"
    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str
    correlation_id: str
    tenant_id: str
    review_id: str
    practice_ref: str
    platform: str
    external_id: str
    version: int = Field(ge=1, description="1 for the first text; an edit adds a version.")
    scored_at: datetime
    risk: Risk


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class AlertRaised(BaseModel):
    """A risk flag on a review or message that the practice must hear about."""

    event_type: Literal["alert.raised"] = "alert.raised"
    schema_version: Literal[1] = SCHEMA_VERSION
    alert_id: str = Field(description="Deterministic: the same review, version and category give the same id.")
    correlation_id: str
    tenant_id: str
    practice_ref: str
    review_id: str
    platform: str
    external_id: str
    channel: str
    url: str | None = None
    published_at: datetime | None = None
    category: Category
    severity: Severity
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)
    incident_key: str = Field(description="Alerts with the same key belong to one incident (e.g. a campaign).")
    related_review_ids: list[str] = Field(
        default_factory=list, description="Other reviews of the incident, e.g. every review of a campaign."
    )
    raised_at: datetime

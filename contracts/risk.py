"""The risk assessment the scorer attaches to every review or message."""

from enum import StrEnum

from pydantic import BaseModel, Field


class Category(StrEnum):
    EXTORTION = "extortion"
    THREAT = "threat"
    INSULT = "insult"
    DEFAMATION = "defamation"
    PERSONAL_DATA = "personal_data"
    FAKE_SUSPECT = "fake_suspect"
    OFF_TOPIC = "off_topic"


class Topic(StrEnum):
    WAIT_TIME = "wait_time"
    FEES_BILLING = "fees_billing"
    CARE_QUALITY_PAIN = "care_quality_pain"
    STAFF_ATTITUDE = "staff_attitude"
    HYGIENE = "hygiene"
    APPOINTMENT_ACCESS = "appointment_access"
    COMMUNICATION = "communication"


class Evidence(BaseModel):
    """A span of the text, or a stream feature, that raised a category's score."""

    rule: str = Field(description="Identifier of the rule or feature that fired, e.g. 'extortion.demand_or_review'.")
    start: int | None = Field(default=None, ge=0, description="Character offset of the match in the text.")
    end: int | None = Field(default=None, ge=0, description="Offset one past the last matched character.")
    text: str | None = Field(default=None, description="The matched text, exactly as it appears.")
    detail: str | None = Field(default=None, description="Explanation for features that match no span.")


class CategoryScore(BaseModel):
    score: float = Field(ge=0.0, le=1.0)
    flagged: bool
    evidence: list[Evidence] = Field(default_factory=list)


class Risk(BaseModel):
    """Scores for one text: every category is present, flagged or not."""

    scorer_version: str
    language: str = Field(description="Detected language: fr, en, de or other.")
    sentiment: float = Field(ge=-1.0, le=1.0)
    topics: list[Topic] = Field(default_factory=list)
    categories: dict[Category, CategoryScore]

    def flagged(self) -> list[Category]:
        return [category for category, result in self.categories.items() if result.flagged]

    @property
    def max_score(self) -> float:
        return max((result.score for result in self.categories.values()), default=0.0)


class ReplyFinding(BaseModel):
    rule: str
    start: int
    end: int
    text: str
    reason: str


class ReplyCheck(BaseModel):
    """Medical-secrecy check of a practitioner's reply before it is posted."""

    scorer_version: str
    reply_breach: bool
    score: float = Field(ge=0.0, le=1.0)
    findings: list[ReplyFinding] = Field(default_factory=list)

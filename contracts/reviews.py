"""The generic shape of one review or private message, as partners send it."""

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

MAX_TEXT_CHARS = 20_000
# Clocks of partners differ; a publication time further ahead than this is a mistake.
FUTURE_TOLERANCE = timedelta(days=1)

PlatformName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")]
Reference = Annotated[str, StringConstraints(min_length=1, max_length=256, strip_whitespace=True)]


class Channel(StrEnum):
    REVIEW = "review"
    PRIVATE_MESSAGE = "private_message"
    NOTE = "note"


def reject_lone_surrogates(value: str | None) -> str | None:
    """Raise on a lone UTF-16 surrogate: it cannot be stored or sent as UTF-8."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"contains a lone surrogate at character {exc.start}; send valid UTF-8 text"
        ) from None
    return value


class ReviewCreate(BaseModel):
    """One review or message in the generic webhook shape."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "platform": "google",
                    "external_id": "g-review-0001",
                    "practice_ref": "cabinet-dentaire-lyon-3",
                    "author_name": "Jean D.",
                    "rating": 1,
                    "text": "Faites-moi une remise de 30 % ou je laisse un avis 1 étoile sur Google.",
                    "language": "fr",
                    "published_at": "2026-12-03T09:15:00Z",
                    "channel": "private_message",
                    "url": None,
                }
            ]
        },
    )

    platform: PlatformName = Field(description="Lower-case platform name, e.g. google, trustpilot, sms.")
    external_id: Reference = Field(description="The platform's id; unique per tenant and platform.")
    practice_ref: Reference = Field(description="The partner's reference of the practice.")
    author_name: Annotated[str, StringConstraints(max_length=256)] | None = None
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    text: Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]
    language: Annotated[str, StringConstraints(max_length=16)] | None = None
    published_at: datetime | None = None
    channel: Channel = Channel.REVIEW
    url: Annotated[str, StringConstraints(max_length=2048)] | None = None

    @field_validator("published_at")
    @classmethod
    def _not_in_future(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        if moment > datetime.now(UTC) + FUTURE_TOLERANCE:
            raise ValueError(f"{value.isoformat()} is in the future; send the time the review was published")
        return value

    _no_surrogates = field_validator("text", "author_name", "external_id", "practice_ref", "url")(
        reject_lone_surrogates
    )

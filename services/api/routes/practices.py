"""`/v1/practices`: the tenant's practices, their country, profession, locale and platform profiles.

Practices are addressed by `practice_ref`, the key partners send with reviews, because ingest creates
the practices it has not seen (with `verified: false`) before anyone gives them an id here.
"""

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator
from pymongo.errors import DuplicateKeyError

from contracts.events import Severity
from contracts.risk import Category
from services.api.auth import Principal, require_scope
from services.api.repository import TenantRepository
from services.ingest.mail.intake import create_inbound_address
from vigie.http import ApiError, ErrorResponse
from vigie.mongo import Document

router = APIRouter(prefix="/v1/practices", tags=["practices"],
                   responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})

Profession = Literal["dentist", "physician", "other"]
# A language the notifier writes in, optionally with the region that sets number and date formats.
LOCALE_PATTERN = r"^(fr|en|de)(-[A-Z]{2})?$"
# email-validator is not installed, so EmailStr is unavailable. This pattern checks only the overall shape.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
CLOCK_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
EmailAddress = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=254, examples=["dr@cabinet.fr"])]


class PlatformProfile(BaseModel):
    platform: str = Field(examples=["google"])
    url: HttpUrl = Field(examples=["https://maps.google.com/?cid=123"])
    external_id: str | None = Field(default=None, description="The platform's id of the listing, if known.")


class Contact(BaseModel):
    name: str = Field(examples=["Dr Claire Martin"])
    role: str = Field(examples=["Practitioner, owner of the practice"])
    email: str | None = Field(default=None, pattern=EMAIL_PATTERN)


def _check_time_zone(name: str | None) -> str | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}; use an IANA name such as 'Europe/Paris'") from exc
    return name


class QuietHours(BaseModel):
    """A daily window, local to `timezone`, in which only urgent alerts are sent; it may span midnight."""

    model_config = ConfigDict(extra="forbid")

    start: str = Field(pattern=CLOCK_TIME_PATTERN, examples=["20:00"], description="HH:MM, 24-hour clock.")
    end: str = Field(pattern=CLOCK_TIME_PATTERN, examples=["07:30"], description="HH:MM, 24-hour clock.")
    timezone: str | None = Field(default=None, examples=["Europe/Paris"],
                                 description="IANA time zone; the practice's `time_zone` when absent.")

    @field_validator("timezone")
    @classmethod
    def _known_time_zone(cls, value: str | None) -> str | None:
        return _check_time_zone(value)

    @field_validator("end")
    @classmethod
    def _not_empty_window(cls, value: str, info) -> str:  # type: ignore[no-untyped-def]
        if value == info.data.get("start"):
            raise ValueError("end must differ from start; omit quiet_hours to have none")
        return value


class DigestSettings(BaseModel):
    """Which summary emails the practice receives, and when, in the practice's time zone."""

    model_config = ConfigDict(extra="forbid")

    daily: bool = True
    weekly: bool = True
    hour: int = Field(default=7, ge=0, le=23, description="Local hour at which digests are sent.")
    weekday: int = Field(default=1, ge=1, le=7, description="Day of the weekly digest, 1 for Monday.")


class NotifySettings(BaseModel):
    """The practice's alert settings, as the notifier reads them from `practices.notify`."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "emails": ["dr@cabinet.fr"], "channels": ["email"], "min_severity": {"off_topic": "high", "*": "low"},
        "quiet_hours": {"start": "20:00", "end": "07:30", "timezone": "Europe/Paris"},
        "digests": {"daily": True, "weekly": True, "hour": 7, "weekday": 1},
    }]})

    emails: list[EmailAddress] = Field(default=[], max_length=20,
                                       description="Recipients; the tenant's alert emails when empty.")
    channels: list[Literal["email", "webhook"]] | None = Field(
        default=None, description="Channels alerts go out on; both when absent.")
    min_severity: dict[Category | Literal["*"], Severity] = Field(
        default={}, description="Lowest severity that raises an alert, per category; '*' covers the others.")
    quiet_hours: QuietHours | None = None
    digests: DigestSettings | None = None


class PracticeFields(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "Cabinet dentaire Martin", "country": "FR", "profession": "dentist", "locale": "fr",
        "time_zone": "Europe/Paris", "address": "12 rue des Lilas, 69003 Lyon",
        "platform_profiles": [{"platform": "google", "url": "https://maps.google.com/?cid=123"}],
        "contact": {"name": "Dr Claire Martin", "role": "Practitioner", "email": "cabinet@example.org"},
    }]})

    name: str | None = None
    country: str = Field(default="FR", pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")
    profession: Profession = "other"
    locale: str = Field(default="fr", pattern=LOCALE_PATTERN, examples=["fr", "de-CH"])
    time_zone: str = Field(default="Europe/Paris", examples=["Europe/Zurich"])
    address: str | None = None
    platform_profiles: list[PlatformProfile] = []
    contact: Contact | None = None
    notify: NotifySettings | None = None
    verified: bool = True


class PracticeCreate(PracticeFields):
    model_config = ConfigDict(extra="forbid")

    practice_ref: str = Field(min_length=1, max_length=200, description="The reference partners send with reviews.")


class PracticeUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    profession: Profession | None = None
    locale: str | None = Field(default=None, pattern=LOCALE_PATTERN)
    time_zone: str | None = None
    address: str | None = None
    platform_profiles: list[PlatformProfile] | None = None
    contact: Contact | None = None
    notify: NotifySettings | None = Field(default=None, description="Replaces the whole settings; null clears them.")
    verified: bool | None = None


class PracticePublic(PracticeCreate):
    # Stored documents carry `_id` and `tenant_id`, which the response leaves out.
    model_config = ConfigDict(extra="ignore")

    inbound_address: str | None = Field(
        default=None, description="Where staff forward blackmail emails; null until one is created.")
    created_at: datetime | None = None
    updated_at: datetime | None = None


class InboundAddress(BaseModel):
    practice_ref: str
    inbound_address: str = Field(examples=["cabinet-martin+3f9a0c1d2e4b5a67@inbound.example.org"])


class PracticeList(BaseModel):
    items: list[PracticePublic]


def public(document: Document, inbound_address: str | None = None) -> PracticePublic:
    return PracticePublic.model_validate({**document, "inbound_address": inbound_address})


async def _current_addresses(repository: TenantRepository, practice_ref: str | None = None) -> dict[str, str]:
    """Return the newest enabled inbound address of each practice, or of one practice."""
    query: dict[str, object] = {"disabled": {"$ne": True}}
    if practice_ref is not None:
        query["practice_ref"] = practice_ref
    documents = await repository.find_many("inbound_addresses", query, sort=(("created_at", 1),))
    # Sorted oldest first, so a newer address overwrites an older one still enabled.
    return {str(document["practice_ref"]): str(document["_id"]) for document in documents}


def _validate_time_zone(name: str | None) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name is None:
        return
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ApiError(422, "validation_failed", f"Unknown time zone {name!r}; use an IANA name such as "
                       "'Europe/Paris'.") from exc


@router.get("", response_model=PracticeList)
async def list_practices(
    request: Request, principal: Annotated[Principal, Depends(require_scope("read"))],
    verified: bool | None = None,
) -> PracticeList:
    query: dict[str, object] = {} if verified is None else {"verified": verified}
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    documents = await repository.find_many("practices", query, sort=(("practice_ref", 1),), limit=1000)
    addresses = await _current_addresses(repository)
    return PracticeList(items=[public(document, addresses.get(document["practice_ref"])) for document in documents])


@router.post("", response_model=PracticePublic, status_code=201, responses={409: {"model": ErrorResponse}})
async def create_practice(
    body: PracticeCreate, request: Request, principal: Annotated[Principal, Depends(require_scope("write"))],
) -> PracticePublic:
    _validate_time_zone(body.time_zone)
    now = datetime.now(UTC)
    document: Document = {**body.model_dump(mode="json"), "created_at": now, "updated_at": now}
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    try:
        await repository.insert_one("practices", document)
    except DuplicateKeyError as exc:
        raise ApiError(409, "practice_exists", f"A practice with practice_ref {body.practice_ref!r} exists; "
                       "update it with PATCH.") from exc
    return public(document)


@router.get("/{practice_ref}", response_model=PracticePublic, responses={404: {"model": ErrorResponse}})
async def get_practice(
    practice_ref: str, request: Request, principal: Annotated[Principal, Depends(require_scope("read"))],
) -> PracticePublic:
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    document = await repository.find_by("practices", {"practice_ref": practice_ref})
    if document is None:
        raise ApiError(404, "practice_not_found", f"Practice {practice_ref!r} was not found.")
    addresses = await _current_addresses(repository, practice_ref)
    return public(document, addresses.get(practice_ref))


@router.patch("/{practice_ref}", response_model=PracticePublic, responses={404: {"model": ErrorResponse}})
async def update_practice(
    practice_ref: str, body: PracticeUpdate, request: Request,
    principal: Annotated[Principal, Depends(require_scope("write"))],
) -> PracticePublic:
    _validate_time_zone(body.time_zone)
    changes = body.model_dump(mode="json", exclude_unset=True)
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    document = await repository.update_by(
        "practices", {"practice_ref": practice_ref}, {"$set": {**changes, "updated_at": datetime.now(UTC)}}
    )
    if document is None:
        raise ApiError(404, "practice_not_found", f"Practice {practice_ref!r} was not found.")
    addresses = await _current_addresses(repository, practice_ref)
    return public(document, addresses.get(practice_ref))


@router.post("/{practice_ref}/inbound-address", response_model=InboundAddress, status_code=201,
             responses={404: {"model": ErrorResponse}})
async def rotate_inbound_address(
    practice_ref: str, request: Request, principal: Annotated[Principal, Depends(require_scope("write"))],
) -> InboundAddress:
    """Create the practice's inbound address, disabling any previous one so mail sent there is rejected."""
    state = request.app.state.api
    repository = TenantRepository(state.database, principal.tenant_id)
    if await repository.find_by("practices", {"practice_ref": practice_ref}) is None:
        raise ApiError(404, "practice_not_found", f"Practice {practice_ref!r} was not found.")
    address = await create_inbound_address(
        state.database, principal.tenant_id, practice_ref, state.settings.INBOUND_SMTP_DOMAIN
    )
    # The new address exists before the old ones are disabled, so the practice is never left without one.
    await repository.update_many(
        "inbound_addresses", {"practice_ref": practice_ref, "_id": {"$ne": address}, "disabled": {"$ne": True}},
        {"$set": {"disabled": True, "disabled_at": datetime.now(UTC)}},
    )
    return InboundAddress(practice_ref=practice_ref, inbound_address=address)


@router.delete("/{practice_ref}", status_code=204, responses={404: {"model": ErrorResponse}})
async def delete_practice(
    practice_ref: str, request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
) -> Response:
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    if not await repository.delete_by("practices", {"practice_ref": practice_ref}):
        raise ApiError(404, "practice_not_found", f"Practice {practice_ref!r} was not found.")
    return Response(status_code=204)

"""`/v1/practices`: the tenant's practices, their country, profession, locale and platform profiles.

Practices are addressed by `practice_ref`, the key partners send with reviews, because ingest creates
the practices it has not seen (with `verified: false`) before anyone gives them an id here.
"""

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, HttpUrl
from pymongo.errors import DuplicateKeyError

from services.api.auth import Principal, require_scope
from services.api.repository import TenantRepository
from vigie.http import ApiError, ErrorResponse
from vigie.mongo import Document

router = APIRouter(prefix="/v1/practices", tags=["practices"],
                   responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})

Profession = Literal["dentist", "physician", "other"]


class PlatformProfile(BaseModel):
    platform: str = Field(examples=["google"])
    url: HttpUrl = Field(examples=["https://maps.google.com/?cid=123"])
    external_id: str | None = Field(default=None, description="The platform's id of the listing, if known.")


class Contact(BaseModel):
    name: str = Field(examples=["Dr Claire Martin"])
    role: str = Field(examples=["Practitioner, owner of the practice"])
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
    locale: Literal["fr", "en", "de"] = "fr"
    time_zone: str = Field(default="Europe/Paris", examples=["Europe/Zurich"])
    address: str | None = None
    platform_profiles: list[PlatformProfile] = []
    contact: Contact | None = None
    verified: bool = True


class PracticeCreate(PracticeFields):
    practice_ref: str = Field(min_length=1, max_length=200, description="The reference partners send with reviews.")


class PracticeUpdate(BaseModel):
    name: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    profession: Profession | None = None
    locale: Literal["fr", "en", "de"] | None = None
    time_zone: str | None = None
    address: str | None = None
    platform_profiles: list[PlatformProfile] | None = None
    contact: Contact | None = None
    verified: bool | None = None


class PracticePublic(PracticeCreate):
    created_at: datetime | None = None
    updated_at: datetime | None = None


class PracticeList(BaseModel):
    items: list[PracticePublic]


def public(document: Document) -> PracticePublic:
    return PracticePublic.model_validate(document)


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
    return PracticeList(items=[public(document) for document in documents])


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
    return public(document)


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
    return public(document)


@router.delete("/{practice_ref}", status_code=204, responses={404: {"model": ErrorResponse}})
async def delete_practice(
    practice_ref: str, request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
) -> Response:
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    if not await repository.delete_by("practices", {"practice_ref": practice_ref}):
        raise ApiError(404, "practice_not_found", f"Practice {practice_ref!r} was not found.")
    return Response(status_code=204)

"""`/v1/keys`: admin routes to create, list, rotate and revoke the tenant's API keys.

Tokens are shown once, in the response that creates them; only their SHA-256 digest is stored.
"""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from services.api.auth import Principal, require_scope
from services.api.repository import TenantRepository
from vigie.http import ApiError, ErrorResponse
from vigie.mongo import Document
from vigie.tenancy import create_api_key

router = APIRouter(prefix="/v1/keys", tags=["api keys"],
                   responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse},
                              429: {"model": ErrorResponse}})

Scope = Literal["read", "write", "admin"]


class KeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["front-office"])
    scopes: list[Scope] = Field(default=["read"], min_length=1, examples=[["read", "write"]])


class KeyRotate(BaseModel):
    grace_seconds: int = Field(default=0, ge=0, le=7 * 24 * 3600,
                               description="How long the old token keeps working, so clients can switch.")


class KeyPublic(BaseModel):
    id: str
    name: str
    scopes: list[str]
    revoked: bool
    created_at: datetime
    expires_at: datetime | None = None
    replaced_by: str | None = None


class KeyCreated(KeyPublic):
    token: str = Field(description="The API key itself. It is shown only in this response.")


class KeyList(BaseModel):
    items: list[KeyPublic]


def public(document: Document) -> KeyPublic:
    return KeyPublic.model_validate({**document, "id": document["_id"]})


async def _issue(request: Request, tenant_id: str, name: str, scopes: list[str]) -> KeyCreated:
    database = request.app.state.api.database
    token = await create_api_key(database, tenant_id, tuple(scopes), name)
    key_id = token.removeprefix("vk_").split("_", 1)[0]
    document = await TenantRepository(database, tenant_id).find_one("api_keys", key_id)
    assert document is not None  # just inserted by create_api_key
    return KeyCreated(**public(document).model_dump(), token=token)


@router.get("", response_model=KeyList)
async def list_keys(
    request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
) -> KeyList:
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    documents = await repository.find_many("api_keys", {}, sort=(("created_at", -1),), limit=1000)
    return KeyList(items=[public(document) for document in documents])


@router.post("", response_model=KeyCreated, status_code=201)
async def create_key(
    body: KeyCreate, request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
) -> KeyCreated:
    return await _issue(request, principal.tenant_id, body.name, sorted(set(body.scopes)))


@router.post("/{key_id}/rotate", response_model=KeyCreated, status_code=201,
             responses={404: {"model": ErrorResponse}})
async def rotate_key(
    key_id: str, request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
    body: KeyRotate | None = None,
) -> KeyCreated:
    """Issue a new token with the same name and scopes; the old one expires after the grace period."""
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    old = await repository.find_by("api_keys", {"_id": key_id, "revoked": False})
    if old is None:
        raise ApiError(404, "key_not_found", f"Active API key {key_id!r} was not found.")

    scopes = list(old["scopes"])  # type: ignore[call-overload]
    created = await _issue(request, principal.tenant_id, str(old["name"]), scopes)
    grace = (body or KeyRotate()).grace_seconds
    expires_at = datetime.now(UTC) + timedelta(seconds=grace)
    retirement: dict[str, object] = {"replaced_by": created.id, "expires_at": expires_at}
    if grace == 0:
        retirement["revoked"] = True
    await repository.update_by("api_keys", {"_id": key_id}, {"$set": retirement})
    return created


@router.delete("/{key_id}", response_model=KeyPublic, responses={404: {"model": ErrorResponse}})
async def revoke_key(
    key_id: str, request: Request, principal: Annotated[Principal, Depends(require_scope("admin"))],
) -> KeyPublic:
    repository = TenantRepository(request.app.state.api.database, principal.tenant_id)
    document = await repository.update_by(
        "api_keys", {"_id": key_id}, {"$set": {"revoked": True, "revoked_at": datetime.now(UTC)}}
    )
    if document is None:
        raise ApiError(404, "key_not_found", f"API key {key_id!r} was not found.")
    return public(document)

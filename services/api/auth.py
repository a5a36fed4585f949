"""Bearer API keys: each key belongs to one tenant and carries scopes."""

from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from vigie.http import ApiError
from vigie.tenancy import hash_api_key

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer vk_...`.")


@dataclass(frozen=True)
class Principal:
    tenant_id: str
    key_id: str
    scopes: frozenset[str]


async def authenticate(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Principal:
    if credentials is None:
        if request.headers.get("authorization"):
            raise ApiError(401, "unauthenticated", "The Authorization header does not use the Bearer scheme; "
                           "send `Authorization: Bearer <api key>`.", headers={"WWW-Authenticate": "Bearer"})
        raise ApiError(401, "unauthenticated", "Missing the Authorization header; send `Bearer <api key>`.",
                       headers={"WWW-Authenticate": "Bearer"})
    database = request.app.state.api.database
    key = await database.api_keys.find_one({
        "key_hash": hash_api_key(credentials.credentials), "revoked": False,
        "$or": [{"expires_at": None}, {"expires_at": {"$gt": datetime.now(UTC)}}],
    })
    if key is None:
        raise ApiError(401, "invalid_api_key", "The API key is unknown, revoked or expired.",
                       headers={"WWW-Authenticate": "Bearer"})
    principal = Principal(tenant_id=str(key["tenant_id"]), key_id=str(key["_id"]),
                          scopes=frozenset(key.get("scopes", [])))  # type: ignore[arg-type]
    request.state.principal = principal
    request.app.state.api.rate_limiter.check(principal.key_id)
    return principal


def require_scope(scope: str):  # type: ignore[no-untyped-def]
    async def check(principal: Principal = Depends(authenticate)) -> Principal:
        if scope not in principal.scopes and "admin" not in principal.scopes:
            raise ApiError(403, "insufficient_scope", f"This route needs the {scope!r} scope.")
        return principal

    return check

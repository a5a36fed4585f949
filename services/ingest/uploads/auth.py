"""Upload authentication: a tenant API key with the write scope, or a partner signature as on the generic webhook."""

from dataclasses import dataclass

from fastapi import Request

from services.ingest.partners import find_partner
from services.ingest.signing import SignatureError, verify
from services.ingest.state import IngestState
from vigie.http import ApiError
from vigie.tenancy import hash_api_key

PARTNER_HEADER = "X-Vigie-Partner"


@dataclass(frozen=True)
class Uploader:
    tenant_id: str
    partner_id: str


async def authenticate_upload(request: Request, state: IngestState, body: bytes) -> Uploader:
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        key = await state.database.api_keys.find_one(
            {"key_hash": hash_api_key(authorization[7:].strip()), "revoked": False}
        )
        if key is None:
            raise ApiError(401, "invalid_api_key", "The API key is unknown or revoked.",
                           headers={"WWW-Authenticate": "Bearer"})
        scopes = set(key.get("scopes", []))  # type: ignore[call-overload]
        if not scopes & {"write", "admin"}:
            raise ApiError(403, "insufficient_scope", "Uploading needs an API key with the 'write' scope.")
        return Uploader(tenant_id=str(key["tenant_id"]), partner_id=f"api_key:{key['_id']}")

    partner_id = request.headers.get(PARTNER_HEADER)
    if not partner_id:
        raise ApiError(401, "unauthenticated", "Send `Authorization: Bearer <api key>`, or sign the body as a "
                       f"partner with the {PARTNER_HEADER} and webhook-* headers.",
                       headers={"WWW-Authenticate": "Bearer"})
    partner = await find_partner(state.database, partner_id)
    if partner is None:
        raise ApiError(401, "partner_unknown", f"Partner {partner_id!r} is unknown or disabled.")
    try:
        verify(partner.secrets, request.headers.get("webhook-id"), request.headers.get("webhook-timestamp"),
               request.headers.get("webhook-signature"), body, state.settings.WEBHOOK_TOLERANCE_SECONDS)
    except SignatureError as exc:
        raise ApiError(401, exc.code, exc.message) from None
    return Uploader(tenant_id=partner.tenant_id, partner_id=partner.partner_id)

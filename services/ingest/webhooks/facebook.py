"""`/v1/webhooks/facebook/{account_id}`: Graph API webhooks for page recommendations.

GET is the subscription handshake: Facebook sends hub.mode=subscribe, hub.verify_token and
hub.challenge, and expects the challenge back when the token is the account's `verify_token`
credential. POST deliveries are signed in X-Hub-Signature-256 with the app secret, which is one of the
account's secrets (several during a rotation).
"""

from datetime import UTC, datetime

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse

from services.ingest.body import decode_json, read_limited_body
from services.ingest.connectors import facebook
from services.ingest.connectors.accounts import find_account, matches_any_secret
from services.ingest.connectors.fields import PayloadError, as_object
from services.ingest.connectors.intake import (
    IntakeResponse,
    RejectedItem,
    SourceItem,
    intake_response,
    publish_items,
    reject_all,
)
from services.ingest.state import IngestState
from vigie.http import ApiError, ErrorDetail, ErrorResponse
from vigie.logs import get_logger

log = get_logger(__name__)

router = APIRouter(tags=["webhooks"])

SIGNATURE_HEADER = "X-Hub-Signature-256"
ERRORS: dict[int | str, dict[str, object]] = {code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 503)}


@router.get("/v1/webhooks/facebook/{account_id}", response_class=PlainTextResponse, include_in_schema=False)
async def verify_facebook(
    account_id: str,
    request: Request,
    mode: str = Query(alias="hub.mode"),
    verify_token: str = Query(alias="hub.verify_token"),
    challenge: str = Query(alias="hub.challenge"),
) -> str:
    request.state.source = "facebook"
    account = await find_account(request.app.state.ingest.database, "facebook", account_id)
    if mode != "subscribe":
        raise ApiError(400, "mode_invalid", f"hub.mode is {mode!r}; send hub.mode=subscribe.")
    if not matches_any_secret([account.credentials.get("verify_token", "")], verify_token):
        raise ApiError(403, "verify_token_invalid", "hub.verify_token does not match the account's verify_token; "
                       "use the token shown in Vigie when subscribing the page.")
    return challenge


@router.post("/v1/webhooks/facebook/{account_id}", status_code=202, response_model=IntakeResponse,
             responses=ERRORS)
async def receive_facebook(account_id: str, request: Request) -> IntakeResponse:
    state: IngestState = request.app.state.ingest
    request.state.source = "facebook"
    received_at = datetime.now(UTC)
    account = await find_account(state.database, "facebook", account_id)
    body = await read_limited_body(request, state.settings.INGEST_MAX_BODY_BYTES)
    if not facebook.signature_matches(account.secrets, request.headers.get(SIGNATURE_HEADER), body):
        log.warning("facebook signature rejected", account_id=account_id)
        raise ApiError(401, "signature_invalid", f"{SIGNATURE_HEADER} is missing or matches no app secret of this "
                       "account; sign the body as sha256=<hex HMAC-SHA256> with the app secret.")

    try:
        changes, other = facebook.rating_changes(as_object(decode_json(body), "body"))
    except PayloadError as exc:
        raise ApiError(400, "invalid_body", f"{exc.field}: {exc.message}", exc.details()) from None

    items: list[SourceItem] = []
    rejected: list[RejectedItem] = []
    for index, change in enumerate(changes):
        practice_ref = account.practice_for(change.page_id)
        try:
            if practice_ref is None:
                raise PayloadError(change.path, f"page {change.page_id!r} is not linked to a practice of this account")
            action, review = facebook.map_rating(change, practice_ref)
        except PayloadError as exc:
            rejected.append(RejectedItem(index=index, errors=[ErrorDetail(field=exc.field, message=exc.message)]))
            continue
        raw = {"page_id": change.page_id, "value": change.value}
        items.append(SourceItem(index=index, review=review, raw=raw, action=action))  # type: ignore[arg-type]

    if not items and rejected:
        raise reject_all(rejected, "rating change")
    result = await publish_items(state, tenant_id=account.tenant_id, partner_id=account.partner_id,
                                 source="facebook", correlation_id=request.state.correlation_id, items=items,
                                 received_at=received_at)
    return intake_response(result, rejected, other, source="facebook")

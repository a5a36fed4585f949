"""`/v1/webhooks/yelp/{account_id}`: Yelp review webhooks, authenticated by `?token=<account secret>`.

GET returns the `verification` query value, which Yelp's registration check expects back. POST lists review
ids and ratings without text; the text is fetched from the Fusion API before publishing.
"""

from datetime import UTC, datetime

from fastapi import APIRouter, Request

from services.ingest.body import decode_json, read_limited_body
from services.ingest.connectors import yelp
from services.ingest.connectors.accounts import ConnectorAccount, find_account, matches_any_secret
from services.ingest.connectors.fields import PayloadError, as_object
from services.ingest.connectors.http import UpstreamError
from services.ingest.connectors.intake import (
    IntakeResponse,
    RejectedItem,
    SourceItem,
    intake_response,
    publish_items,
    reject_all,
)
from services.ingest.connectors.runtime import outbound_client
from services.ingest.state import IngestState
from vigie.http import ApiError, ErrorDetail, ErrorResponse
from vigie.logs import get_logger

log = get_logger(__name__)

router = APIRouter(tags=["webhooks"])

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 502, 503)
}


async def _authenticated_account(request: Request, account_id: str, token: str | None) -> ConnectorAccount:
    account = await find_account(request.app.state.ingest.database, "yelp", account_id)
    if not matches_any_secret(account.secrets, token):
        log.warning("yelp token rejected", account_id=account_id)
        raise ApiError(401, "token_invalid", "The token query parameter is missing or matches no secret of "
                       "this account; register the webhook URL with ?token=<account secret>.")
    return account


@router.get("/v1/webhooks/yelp/{account_id}", include_in_schema=False)
async def verify_yelp(account_id: str, request: Request, verification: str, token: str | None = None) -> dict[str, str]:
    request.state.source = "yelp"
    await _authenticated_account(request, account_id, token)
    return {"verification": verification}


@router.post("/v1/webhooks/yelp/{account_id}", status_code=202, response_model=IntakeResponse, responses=ERRORS)
async def receive_yelp(account_id: str, request: Request, token: str | None = None) -> IntakeResponse:
    state: IngestState = request.app.state.ingest
    request.state.source = "yelp"
    received_at = datetime.now(UTC)
    account = await _authenticated_account(request, account_id, token)

    body = await read_limited_body(request, state.settings.INGEST_MAX_BODY_BYTES)
    document = as_object(decode_json(body), "body") if body else {}
    try:
        business_id, updates = yelp.review_updates(document)
    except PayloadError as exc:
        raise ApiError(400, "invalid_body", f"{exc.field}: {exc.message}", exc.details()) from None
    practice_ref = account.practice_for(business_id)
    if practice_ref is None:
        raise ApiError(422, "business_unlinked", f"Yelp business {business_id!r} is not linked to a practice of "
                       f"account {account_id!r}; add it to the account's practices.")

    review_updates = [(i, u) for i, u in enumerate(updates) if u.get("event_type") in yelp.REVIEW_EVENTS]
    fetched = await _fetch_reviews(request, account, business_id) if review_updates else {}
    items: list[SourceItem] = []
    rejected: list[RejectedItem] = []
    for index, update in review_updates:
        review_id = update.get("review_id")
        full = fetched.get(review_id) if isinstance(review_id, str) else None
        try:
            review = yelp.map_review(update, full, practice_ref, index)
        except PayloadError as exc:
            rejected.append(RejectedItem(index=index, external_id=review_id if isinstance(review_id, str) else None,
                                         errors=[ErrorDetail(field=exc.field, message=exc.message)]))
            continue
        raw = {"business_id": business_id, "webhook_time": document.get("time"), "update": update,
               "fusion_review": full, "text_status": "fetched" if full else "not_returned_by_fusion"}
        items.append(SourceItem(index=index, review=review, raw=raw))

    if not items and rejected:
        raise reject_all(rejected, "review update")
    result = await publish_items(state, tenant_id=account.tenant_id, partner_id=account.partner_id, source="yelp",
                                 correlation_id=request.state.correlation_id, items=items, received_at=received_at)
    return intake_response(result, rejected, len(updates) - len(review_updates), source="yelp")


async def _fetch_reviews(request: Request, account: ConnectorAccount, business_id: str) -> dict[str, dict[str, object]]:
    state: IngestState = request.app.state.ingest
    client = yelp.FusionClient(outbound_client(request, "yelp"), state.settings.YELP_API_BASE_URL, account)
    try:
        reviews = await client.business_reviews(business_id)
    except UpstreamError as exc:
        log.error("yelp review fetch failed", account_id=account.account_id, status=exc.status_code,
                  error=exc.message)
        # A 502 makes Yelp deliver again later, instead of storing reviews without their text.
        raise ApiError(502, "upstream_failed", exc.message) from None
    return {str(review["id"]): review for review in reviews if isinstance(review.get("id"), str)}

"""`POST /v1/webhooks/google/{account_id}`: Pub/Sub push notifications of Google Business Profile reviews.

Pub/Sub pushes `{"message": {"data": <base64 JSON>, "messageId", "publishTime", "attributes"}, "subscription"}`.
The data names the review; ingest fetches it from the Business Profile API and publishes it. The push
subscription URL carries `?token=<account secret>`, checked against the account's secrets.

NOTE: Pub/Sub can also sign pushes with an OIDC token. Checking that JWT needs Google's public keys, which
is not done here, so the URL token is the only check.
"""

import base64
import binascii
import json
from datetime import UTC, datetime

from fastapi import APIRouter, Request

from services.ingest.body import decode_json, read_limited_body
from services.ingest.connectors import google
from services.ingest.connectors.accounts import find_account, matches_any_secret
from services.ingest.connectors.fields import PayloadError, as_object
from services.ingest.connectors.http import UpstreamError
from services.ingest.connectors.intake import IntakeResponse, SourceItem, intake_response, publish_items
from services.ingest.connectors.runtime import outbound_client
from services.ingest.state import IngestState
from vigie.http import ApiError, ErrorResponse
from vigie.logs import get_logger

log = get_logger(__name__)

router = APIRouter(tags=["webhooks"])

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 502, 503)
}


@router.post("/v1/webhooks/google/{account_id}", status_code=202, response_model=IntakeResponse, responses=ERRORS)
async def receive_google(account_id: str, request: Request, token: str | None = None) -> IntakeResponse:
    """Fetch and publish the review a Pub/Sub notification names; other notification types are acknowledged."""
    state: IngestState = request.app.state.ingest
    request.state.source = "google"
    received_at = datetime.now(UTC)
    account = await find_account(state.database, "google", account_id)
    if not matches_any_secret(account.secrets, token):
        log.warning("google push token rejected", account_id=account_id)
        raise ApiError(401, "token_invalid", "The token query parameter is missing or matches no secret of this "
                       "account; set ?token=<account secret> on the Pub/Sub push subscription URL.")

    body = await read_limited_body(request, state.settings.INGEST_MAX_BODY_BYTES)
    envelope = decode_json(body)
    try:
        message_id, data = _decode_push(envelope)
        notification = google.parse_notification(data)
    except PayloadError as exc:
        raise ApiError(400, "invalid_notification", f"{exc.field}: {exc.message}", exc.details()) from None
    if notification is None:
        return IntakeResponse(accepted=0, duplicates=0, ignored=1)

    practice_ref = account.practice_for(notification.location_name)
    if practice_ref is None:
        raise ApiError(422, "location_unlinked",
                       f"Location {notification.location_name!r} is not linked to a practice of account "
                       f"{account_id!r}; add it to the account's practices.")

    client = google.GoogleClient(outbound_client(request, "google"), state.settings.GOOGLE_API_BASE_URL, account)
    try:
        resource = await client.get_review(notification.review_name)
    except UpstreamError as exc:
        log.error("google review fetch failed", account_id=account_id, status=exc.status_code, error=exc.message)
        # 502 makes Pub/Sub redeliver later, which is the retry we want for a review we could not read.
        raise ApiError(502, "upstream_failed", exc.message) from None
    try:
        review = google.map_review(resource, practice_ref)
    except PayloadError as exc:
        raise ApiError(422, "invalid_review", f"The fetched review has an invalid {exc.field}: {exc.message}",
                       exc.details()) from None

    raw: dict[str, object] = {"notification": data, "message_id": message_id, "review": resource}
    item = SourceItem(index=0, review=review, raw=raw)
    result = await publish_items(state, tenant_id=account.tenant_id, partner_id=account.partner_id, source="google",
                                 correlation_id=request.state.correlation_id, items=[item], received_at=received_at)
    return intake_response(result)


def _decode_push(envelope: object) -> tuple[str | None, dict[str, object]]:
    message = as_object(as_object(envelope, "body").get("message"), "message")
    encoded = message.get("data")
    if not isinstance(encoded, str) or not encoded:
        raise PayloadError("message.data", "missing; Pub/Sub sends the notification as base64 JSON in message.data")
    try:
        decoded = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise PayloadError("message.data", "is not valid base64") from None
    try:
        data = json.loads(decoded)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PayloadError("message.data", "does not decode to JSON") from None
    message_id = message.get("messageId")
    return (message_id if isinstance(message_id, str) else None), as_object(data, "message.data")

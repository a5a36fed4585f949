"""`POST /v1/webhooks/trustpilot/{account_id}`: Trustpilot service-review webhooks.

Trustpilot calls the URL set in its webhook settings, which can carry HTTP Basic credentials. The
password must be one of the account's secrets, and the user name is not checked.
"""

import base64
import binascii
from datetime import UTC, datetime

from fastapi import APIRouter, Request

from services.ingest.body import decode_json, read_limited_body
from services.ingest.connectors import trustpilot
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

ERRORS: dict[int | str, dict[str, object]] = {code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 503)}


@router.post("/v1/webhooks/trustpilot/{account_id}", status_code=202, response_model=IntakeResponse,
             responses=ERRORS)
async def receive_trustpilot(account_id: str, request: Request) -> IntakeResponse:
    """Publish created and updated reviews, and deletions; other event names are counted as ignored."""
    state: IngestState = request.app.state.ingest
    request.state.source = "trustpilot"
    received_at = datetime.now(UTC)
    account = await find_account(state.database, "trustpilot", account_id)
    if not matches_any_secret(account.secrets, _basic_password(request.headers.get("authorization"))):
        log.warning("trustpilot credentials rejected", account_id=account_id)
        raise ApiError(401, "credentials_invalid",
                       "Missing or wrong HTTP Basic credentials; set the account secret as the password in "
                       "the Trustpilot webhook URL.", headers={"WWW-Authenticate": 'Basic realm="vigie"'})

    body = await read_limited_body(request, state.settings.INGEST_MAX_BODY_BYTES)
    events = as_object(decode_json(body), "body").get("events")
    if not isinstance(events, list) or not events:
        raise ApiError(400, "invalid_body", 'The body must be {"events": [...]} with at least one event.')

    items: list[SourceItem] = []
    rejected: list[RejectedItem] = []
    ignored = 0
    for index, event in enumerate(events):
        try:
            mapped = trustpilot.map_event(as_object(event, f"events[{index}]"), account)
        except PayloadError as exc:
            data = event.get("eventData") if isinstance(event, dict) else None
            external_id = data.get("id") if isinstance(data, dict) else None
            rejected.append(RejectedItem(index=index, external_id=external_id if isinstance(external_id, str) else None,
                                         errors=[ErrorDetail(field=exc.field, message=exc.message)]))
            continue
        if mapped is None:
            ignored += 1
            continue
        action, review = mapped
        items.append(SourceItem(index=index, review=review, raw=event, action=action))  # type: ignore[arg-type]

    if not items and rejected:
        raise reject_all(rejected, "event")
    result = await publish_items(state, tenant_id=account.tenant_id, partner_id=account.partner_id,
                                 source="trustpilot", correlation_id=request.state.correlation_id, items=items,
                                 received_at=received_at)
    return intake_response(result, rejected, ignored, source="trustpilot")


def _basic_password(header: str | None) -> str | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    _, separator, password = decoded.partition(":")
    return password if separator else None

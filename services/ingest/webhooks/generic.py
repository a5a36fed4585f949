"""`POST /v1/webhooks/generic`: one review or a batch in the generic shape, signed per partner."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, ValidationError
from pymongo.errors import DuplicateKeyError

from contracts.reviews import ReviewCreate
from services.ingest.body import decode_json, read_limited_body
from services.ingest.connectors.intake import AcceptedItem, RejectedItem
from services.ingest.partners import find_partner
from services.ingest.publisher import IncomingItem
from services.ingest.signing import SignatureError, verify
from services.ingest.state import IngestState
from vigie.http import ApiError, ErrorDetail, ErrorResponse, validation_details
from vigie.logs import get_logger
from vigie.metrics import INGEST_EVENTS

log = get_logger(__name__)

router = APIRouter(tags=["webhooks"])

PARTNER_HEADER = "X-Vigie-Partner"


class WebhookAccepted(BaseModel):
    accepted: int
    duplicates: int
    rejected: list[RejectedItem]
    events: list[AcceptedItem]


@router.post(
    "/v1/webhooks/generic",
    status_code=202,
    response_model=WebhookAccepted,
    responses={
        400: {"model": ErrorResponse}, 401: {"model": ErrorResponse}, 409: {"model": ErrorResponse},
        413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}, 503: {"model": ErrorResponse},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/ReviewCreate"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/ReviewCreate"}, "maxItems": 500},
                        ]
                    }
                }
            },
        }
    },
)
async def receive_generic(request: Request) -> WebhookAccepted:
    """Accept reviews once Kafka has acknowledged every one of them."""
    state: IngestState = request.app.state.ingest
    request.state.source = "generic"
    body = await read_limited_body(request, state.settings.INGEST_MAX_BODY_BYTES)
    partner = await _authenticate(request, state, body)
    webhook_id = request.headers["webhook-id"]
    if await state.database.webhook_ids.find_one({"partner_id": partner.partner_id, "webhook_id": webhook_id}):
        raise ApiError(409, "webhook_id_reused", f"webhook-id {webhook_id!r} was already accepted; use a new id.")

    document = decode_json(body)
    items, rejected = _validate(document, state.settings.INGEST_MAX_BATCH_ITEMS)
    if not items:
        # A single object's fields are named as they are; a batch's are prefixed with the item index.
        prefix = (lambda index: "") if isinstance(document, dict) else (lambda index: f"[{index}].")
        raise ApiError(422, "validation_failed", "No item in the request is valid; see details.",
                       [ErrorDetail(field=f"{prefix(r.index)}{e.field}", message=e.message)
                        for r in rejected for e in r.errors])

    try:
        result = await state.publisher.publish(
            partner.tenant_id, partner.partner_id, "generic", request.state.correlation_id, items
        )
    except Exception as exc:
        log.error("publishing to Kafka failed", error=repr(exc), items=len(items))
        raise ApiError(503, "broker_unavailable", "The event broker did not acknowledge; retry later.") from exc

    await _remember_webhook_id(state, partner.partner_id, webhook_id)
    INGEST_EVENTS.labels("generic", "accepted").inc(len(result.accepted))
    INGEST_EVENTS.labels("generic", "duplicate").inc(len(result.duplicates))
    INGEST_EVENTS.labels("generic", "rejected").inc(len(rejected))
    log.info("webhook accepted", partner_id=partner.partner_id, accepted=len(result.accepted),
             duplicates=len(result.duplicates), rejected=len(rejected))
    return WebhookAccepted(
        accepted=len(result.accepted),
        duplicates=len(result.duplicates),
        rejected=rejected,
        events=[AcceptedItem(index=index, event_id=event_id) for index, event_id in result.accepted],
    )


async def _authenticate(request: Request, state: IngestState, body: bytes):  # type: ignore[no-untyped-def]
    partner_id = request.headers.get(PARTNER_HEADER)
    if not partner_id:
        raise ApiError(401, "partner_missing", f"Missing the {PARTNER_HEADER} header naming your partner id.")
    partner = await find_partner(state.database, partner_id)
    if partner is None:
        raise ApiError(401, "partner_unknown", f"Partner {partner_id!r} is unknown or disabled.")
    try:
        verify(
            partner.secrets,
            request.headers.get("webhook-id"),
            request.headers.get("webhook-timestamp"),
            request.headers.get("webhook-signature"),
            body,
            state.settings.WEBHOOK_TOLERANCE_SECONDS,
        )
    except SignatureError as exc:
        log.warning("webhook signature rejected", partner_id=partner_id, code=exc.code)
        raise ApiError(401, exc.code, exc.message) from None
    return partner


def _validate(document: object, max_items: int) -> tuple[list[IncomingItem], list[RejectedItem]]:
    if isinstance(document, dict):
        raw_items: list[object] = [document]
    elif isinstance(document, list):
        raw_items = document
    else:
        raise ApiError(400, "invalid_body", "The body must be a JSON object (one review) or an array (a batch).")
    if len(raw_items) > max_items:
        raise ApiError(413, "batch_too_large", f"The batch has {len(raw_items)} items; the limit is {max_items}.")
    if not raw_items:
        raise ApiError(400, "empty_batch", "The batch is empty; send at least one review.")

    items: list[IncomingItem] = []
    rejected: list[RejectedItem] = []
    for index, raw in enumerate(raw_items):
        try:
            items.append(IncomingItem(index=index, review=ReviewCreate.model_validate(raw)))
        except ValidationError as exc:
            external_id = raw.get("external_id") if isinstance(raw, dict) else None
            rejected.append(
                RejectedItem(
                    index=index,
                    external_id=external_id if isinstance(external_id, str) else None,
                    errors=validation_details(list(exc.errors())),  # type: ignore[arg-type]
                )
            )
    return items, rejected


async def _remember_webhook_id(state: IngestState, partner_id: str, webhook_id: str) -> None:
    try:
        await state.database.webhook_ids.insert_one(
            {"partner_id": partner_id, "webhook_id": webhook_id, "accepted_at": datetime.now(UTC)}
        )
    except DuplicateKeyError:
        # A concurrent retry with the same id was accepted too; scoring stores the reviews once.
        log.info("webhook-id accepted twice concurrently", partner_id=partner_id, webhook_id=webhook_id)

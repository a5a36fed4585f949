"""`POST /v1/uploads/eml`, `/v1/uploads/chat` and `/v1/uploads/import`, for a tenant API key or a signed partner.

The body is the file itself (an .eml, a chat export .txt) or, for imports, a JSON batch already mapped to
the generic shape. Every accepted message keeps its original time and its raw bytes.
"""

import json
from datetime import UTC, datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field, ValidationError

from contracts.reviews import MAX_TEXT_CHARS, ReviewCreate
from services.ingest.body import decode_json, read_limited_body
from services.ingest.connectors.fields import PayloadError, build_review
from services.ingest.connectors.intake import (
    IntakeResponse,
    RejectedItem,
    SourceItem,
    intake_response,
    publish_items,
    reject_all,
)
from services.ingest.mail.intake import accept_email
from services.ingest.mail.parser import AttachmentTooLargeError, MailParseError
from services.ingest.state import IngestState
from services.ingest.uploads.auth import authenticate_upload
from services.ingest.uploads.chat import ChatParseError, is_media_placeholder, parse_chat
from vigie.http import ApiError, ErrorDetail, ErrorResponse, validation_details

router = APIRouter(tags=["uploads"])

ERRORS: dict[int | str, dict[str, object]] = {code: {"model": ErrorResponse} for code in (400, 401, 403, 413, 422, 503)}
PracticeRef = Annotated[str, Query(min_length=1, max_length=256, description="The practice the file belongs to.")]


@router.post("/v1/uploads/eml", status_code=202, response_model=IntakeResponse, responses=ERRORS)
async def upload_eml(request: Request, practice_ref: PracticeRef) -> IntakeResponse:
    """Accept one .eml file (a blackmail email, or a forward of it) as a private message."""
    state: IngestState = request.app.state.ingest
    request.state.source = "eml"
    body = await read_limited_body(request, state.settings.INGEST_MAX_UPLOAD_BYTES)
    uploader = await authenticate_upload(request, state, body)
    try:
        result = await accept_email(state, tenant_id=uploader.tenant_id, partner_id=uploader.partner_id,
                                    practice_ref=practice_ref, raw=body, source="eml",
                                    correlation_id=request.state.correlation_id,
                                    received_by={"upload": "eml", "uploader": uploader.partner_id})
    except AttachmentTooLargeError as exc:
        raise ApiError(413, "attachment_too_large", str(exc)) from None
    except MailParseError as exc:
        raise ApiError(400, "invalid_email", f"The .eml file is invalid: {exc}.") from None
    except PayloadError as exc:
        raise ApiError(422, "invalid_email", f"The email's {exc.field} is invalid: {exc.message}") from None
    return intake_response(result)


@router.post("/v1/uploads/chat", status_code=202, response_model=IntakeResponse, responses=ERRORS)
async def upload_chat(
    request: Request,
    practice_ref: PracticeRef,
    platform: Annotated[Literal["whatsapp", "sms"], Query(description="Where the chat took place.")] = "whatsapp",
    timezone: Annotated[str, Query(description="IANA zone of the phone that exported the chat.")] = "Europe/Paris",
    date_order: Annotated[Literal["dmy", "mdy"] | None, Query(description="Day or month first; "
                                                              "detected when unset.")] = None,
    practice_sender: Annotated[list[str] | None, Query(
        description="Names under which the practice's own phone or staff appear in the chat; repeatable. "
                    "Their messages are counted as ignored, not stored as received.")] = None,
) -> IntakeResponse:
    """Accept a chat export (.txt, UTF-8); each message becomes a private message with its own time.

    Media placeholders ("<Médias omis>") and the practice's own messages are counted as ignored.
    """
    state: IngestState = request.app.state.ingest
    request.state.source = platform
    received_at = datetime.now(UTC)
    body = await read_limited_body(request, state.settings.INGEST_MAX_UPLOAD_BYTES)
    uploader = await authenticate_upload(request, state, body)
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ApiError(422, "timezone_invalid", f"timezone {timezone!r} is not an IANA zone such as "
                       "Europe/Paris or Europe/Zurich.") from None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_encoding", f"The export is not valid UTF-8 at byte {exc.start}; "
                       "export the chat again or convert it to UTF-8.") from None
    try:
        messages = parse_chat(text, zone, date_order)
    except ChatParseError as exc:
        raise ApiError(422, "invalid_chat", f"The chat export is invalid: {exc}.") from None

    items: list[SourceItem] = []
    rejected: list[RejectedItem] = []
    seen: dict[str, int] = {}
    own_names = {name.casefold().strip() for name in practice_sender or []}
    ignored = 0
    for index, message in enumerate(messages):
        if message.author.casefold() in own_names or is_media_placeholder(message.text):
            ignored += 1
            continue
        key = f"{message.sent_at.isoformat()}\x1f{message.author}\x1f{message.text}"
        seen[key] = seen.get(key, 0) + 1
        raw = {"line": message.line_number, "author": message.author, "sent_at": message.sent_at.isoformat(),
               "text": message.text, "timezone": timezone, "export_platform": platform}
        try:
            review = build_review({
                "platform": platform, "external_id": message.external_id(platform, practice_ref, seen[key]),
                "practice_ref": practice_ref, "author_name": message.author[:256],
                "text": message.text[:MAX_TEXT_CHARS], "published_at": message.sent_at, "channel": "private_message",
            })
        except PayloadError as exc:
            rejected.append(RejectedItem(index=index, errors=[ErrorDetail(field=exc.field, message=exc.message)]))
            continue
        items.append(SourceItem(index=index, review=review, raw=raw))
    if not items:
        raise reject_all(rejected, "message") if rejected else ApiError(
            422, "invalid_chat", "The export holds no message with an author; upload the chat's .txt export.")
    result = await publish_items(state, tenant_id=uploader.tenant_id, partner_id=uploader.partner_id,
                                 source=platform, correlation_id=request.state.correlation_id, items=items,
                                 received_at=received_at)
    return intake_response(result, rejected, ignored=ignored, source=platform)


class ImportItem(BaseModel):
    review: dict[str, object]
    raw: dict[str, object] = Field(description="The source row as read from the file, kept for evidence.")


class ImportBatch(BaseModel):
    source_file: str = Field(max_length=512)
    items: list[ImportItem] = Field(min_length=1)


@router.post("/v1/uploads/import", status_code=202, response_model=IntakeResponse, responses=ERRORS)
async def upload_import(request: Request) -> IntakeResponse:
    """Accept a batch of rows from another tool's export, mapped to the generic shape by `vigie import`."""
    state: IngestState = request.app.state.ingest
    request.state.source = "import"
    received_at = datetime.now(UTC)
    body = await read_limited_body(request, state.settings.INGEST_MAX_UPLOAD_BYTES)
    uploader = await authenticate_upload(request, state, body)
    try:
        batch = ImportBatch.model_validate(decode_json(body))
    except ValidationError as exc:
        raise ApiError(422, "validation_failed", "The import batch is invalid; see details.",
                       validation_details(list(exc.errors()))) from None  # type: ignore[arg-type]
    if len(batch.items) > state.settings.INGEST_MAX_BATCH_ITEMS:
        raise ApiError(413, "batch_too_large", f"The batch has {len(batch.items)} items; the limit is "
                       f"{state.settings.INGEST_MAX_BATCH_ITEMS}.")

    items: list[SourceItem] = []
    rejected: list[RejectedItem] = []
    for index, entry in enumerate(batch.items):
        try:
            review = ReviewCreate.model_validate(entry.review)
        except ValidationError as exc:
            rejected.append(RejectedItem(index=index, external_id=str(entry.review.get("external_id") or "") or None,
                                         errors=validation_details(list(exc.errors()))))  # type: ignore[arg-type]
            continue
        raw: dict[str, object] = {"source_file": batch.source_file, "row": entry.raw}
        items.append(SourceItem(index=index, review=review, raw=raw,
                                raw_bytes=json.dumps(raw, ensure_ascii=False, sort_keys=True).encode("utf-8")))
    if not items:
        raise reject_all(rejected, "row")
    result = await publish_items(state, tenant_id=uploader.tenant_id, partner_id=uploader.partner_id,
                                 source="import", correlation_id=request.state.correlation_id, items=items,
                                 received_at=received_at)
    return intake_response(result, rejected, source="import")

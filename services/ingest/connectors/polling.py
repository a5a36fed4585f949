"""Polling of Google locations whose partner cannot push: each location keeps a cursor in MongoDB."""

import asyncio
import json
import uuid
from datetime import UTC, datetime

from services.ingest.connectors import google
from services.ingest.connectors.accounts import ConnectorAccount, polled_accounts
from services.ingest.connectors.fields import PayloadError
from services.ingest.connectors.http import OutboundClient, UpstreamError
from services.ingest.connectors.intake import SourceItem, publish_items
from services.ingest.state import IngestState
from vigie.http import ApiError
from vigie.logs import get_logger

log = get_logger(__name__)


async def poll_google_account(state: IngestState, outbound: OutboundClient, account: ConnectorAccount) -> int:
    """Publish every review changed since each location's cursor and return how many were accepted.

    The cursor moves only after the broker acknowledged the location's reviews, so a failed run is
    read again next time.
    """
    client = google.GoogleClient(outbound, state.settings.GOOGLE_API_BASE_URL, account)
    accepted = 0
    for location_name, practice_ref in account.practices.items():
        changed, newest = await google.changed_since_cursor(client, state.database, account, location_name)
        items = []
        for index, resource in enumerate(changed):
            try:
                review = google.map_review(resource, practice_ref)
            except PayloadError as exc:
                log.warning("google review skipped", account_id=account.account_id, field=exc.field,
                            error=exc.message)
                continue
            items.append(SourceItem(index=index, review=review, raw={"location": location_name, "review": resource},
                                    raw_bytes=json.dumps(resource, ensure_ascii=False).encode("utf-8")))
        result = await publish_items(
            state, tenant_id=account.tenant_id, partner_id=account.partner_id, source="google",
            correlation_id=uuid.uuid4().hex, items=items, received_at=datetime.now(UTC),
        )
        accepted += len(result.accepted)
        if newest is not None:
            await google.store_cursor(state.database, account, location_name, newest)
    return accepted


async def run_google_polling(state: IngestState, outbound: OutboundClient, interval_seconds: float) -> None:
    """Poll every polled Google account, forever, every `interval_seconds`."""
    log.info("google polling started", interval_seconds=interval_seconds)
    while True:
        for account in await polled_accounts(state.database, "google"):
            try:
                accepted = await poll_google_account(state, outbound, account)
                log.info("google account polled", account_id=account.account_id, accepted=accepted)
            except (UpstreamError, ApiError, PayloadError) as exc:
                # One account's failure must not stop the others; its cursor stays, so it is read again.
                log.error("google polling failed", account_id=account.account_id, error=str(exc))
        await asyncio.sleep(interval_seconds)

"""Signed alert webhooks to each tenant's endpoints, with a retry queue in MongoDB.

`webhook_endpoints` documents: {_id, tenant_id, url, secret ("whsec_..."), enabled, consecutive_failures,
practice_refs (optional filter)}. Every delivery is a `webhook_deliveries` document whose `attempts` list
is the delivery log. The consumer only enqueues; a separate task sends, so a slow or failing endpoint
never holds back email delivery of other alerts.
"""

import asyncio
import hashlib
import json
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta

import httpx
from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from contracts.events import AlertRaised
from services.ingest.signing import sign
from vigie.logs import get_logger
from vigie.metrics import WEBHOOK_DELIVERIES
from vigie.mongo import Document
from vigie.settings import Settings

log = get_logger(__name__)

EVENT_TYPE = "alert.raised"
USER_AGENT = "Vigie-Webhooks/1.0"
# 408 and 429 ask the client to retry later; any other 4xx means the request itself is wrong.
RETRYABLE_CLIENT_ERRORS = frozenset({408, 429})

EndpointDisabledHook = Callable[[Document, str], Awaitable[None]]


def delivery_id(alert_id: str, endpoint_id: str) -> str:
    """Return the `webhook-id`: stable per alert and endpoint, so receivers can drop a repeat."""
    return "msg_" + hashlib.sha256(f"{alert_id}|{endpoint_id}".encode()).hexdigest()[:24]


def retry_delay(settings: Settings, attempt: int) -> float:
    """Exponential backoff with equal jitter: half the capped delay, plus a random share of the other half."""
    capped = min(settings.WEBHOOK_RETRY_MAX_DELAY_SECONDS, settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempt - 1))
    return capped / 2 + random.uniform(0, capped / 2)  # noqa: S311 - jitter, not a secret


def is_retryable(status_code: int) -> bool:
    return status_code >= 500 or status_code in RETRYABLE_CLIENT_ERRORS


class WebhookQueue:
    def __init__(self, database: AsyncDatabase[Document]):
        self._database = database
        self.wakeup = asyncio.Event()

    async def enqueue(self, alert: AlertRaised) -> int:
        """Queue the alert for every enabled endpoint of its tenant; return how many were new."""
        endpoints = self._database.webhook_endpoints.find({"tenant_id": alert.tenant_id, "enabled": True})
        now = datetime.now(UTC)
        queued = 0
        async for endpoint in endpoints:
            practices = endpoint.get("practice_refs")
            if practices and alert.practice_ref not in practices:  # type: ignore[operator]
                continue
            payload = {"type": EVENT_TYPE, "timestamp": now.isoformat(), "data": alert.model_dump(mode="json")}
            try:
                await self._database.webhook_deliveries.insert_one(
                    {"_id": delivery_id(alert.alert_id, str(endpoint["_id"])), "tenant_id": alert.tenant_id,
                     "endpoint_id": endpoint["_id"], "alert_id": alert.alert_id, "event_type": EVENT_TYPE,
                     "payload": payload, "status": "pending", "attempts": [], "attempt_count": 0,
                     "created_at": now, "next_attempt_at": now}
                )
                queued += 1
            except DuplicateKeyError:
                log.debug("webhook already queued", alert_id=alert.alert_id, endpoint_id=endpoint["_id"])
        if queued:
            self.wakeup.set()
        return queued


class WebhookSender:
    def __init__(self, settings: Settings, database: AsyncDatabase[Document],
                 on_endpoint_disabled: EndpointDisabledHook, client: httpx.AsyncClient | None = None):
        self._settings = settings
        self._database = database
        self._on_endpoint_disabled = on_endpoint_disabled
        self._client = client or httpx.AsyncClient(timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
                                                   headers={"user-agent": USER_AGENT})

    async def close(self) -> None:
        await self._client.aclose()

    async def send_due(self, now: datetime | None = None, limit: int = 50) -> int:
        """Attempt every delivery whose time has come; return how many were attempted."""
        attempted = 0
        while attempted < limit:
            delivery = await self._claim_next(now or datetime.now(UTC))
            if delivery is None:
                break
            await self._attempt(delivery)
            attempted += 1
        return attempted

    async def _claim_next(self, now: datetime) -> Document | None:
        # Moving next_attempt_at forward is the claim: another replica skips it until the lease ends.
        lease = timedelta(seconds=self._settings.WEBHOOK_TIMEOUT_SECONDS + 30)
        return await self._database.webhook_deliveries.find_one_and_update(
            {"status": "pending", "next_attempt_at": {"$lte": now}},
            {"$set": {"next_attempt_at": now + lease}},
            sort=[("next_attempt_at", 1)],
            return_document=ReturnDocument.AFTER,
        )

    async def _attempt(self, delivery: Document) -> None:
        endpoint = await self._database.webhook_endpoints.find_one({"_id": delivery["endpoint_id"]})
        if endpoint is None or not endpoint.get("enabled", False):
            await self._finish(delivery, "abandoned", {"error": "endpoint missing or disabled"})
            return

        body = json.dumps(delivery["payload"], separators=(",", ":"), ensure_ascii=False).encode()
        timestamp = int(time.time())
        headers = {
            "content-type": "application/json",
            "webhook-id": str(delivery["_id"]),
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(str(endpoint["secret"]), str(delivery["_id"]), timestamp, body),
        }
        started = time.monotonic()
        status_code: int | None = None
        retry_after: float | None = None
        try:
            response = await self._client.post(str(endpoint["url"]), content=body, headers=headers)
            status_code = response.status_code
            retry_after = _retry_after_seconds(response)
            error = None if response.is_success else f"HTTP {status_code}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        attempt = {"at": datetime.now(UTC), "status_code": status_code, "error": error,
                   "duration_ms": round((time.monotonic() - started) * 1000)}

        # Success
        if error is None:
            await self._finish(delivery, "delivered", attempt)
            await self._database.webhook_endpoints.update_one({"_id": endpoint["_id"]},
                                                              {"$set": {"consecutive_failures": 0}})
            WEBHOOK_DELIVERIES.labels("sent").inc()
            log.info("webhook delivered", delivery_id=delivery["_id"], endpoint_id=endpoint["_id"])
            return

        # Transient error with time left in the retry window
        attempts = int(delivery["attempt_count"]) + 1  # type: ignore[call-overload]
        delay = retry_delay(self._settings, attempts) if retry_after is None else min(
            retry_after, self._settings.WEBHOOK_RETRY_MAX_DELAY_SECONDS)
        created_at: datetime = delivery["created_at"]  # type: ignore[assignment]
        deadline = created_at + timedelta(seconds=self._settings.WEBHOOK_RETRY_WINDOW_SECONDS)
        next_attempt = datetime.now(UTC) + timedelta(seconds=delay)
        if (status_code is None or is_retryable(status_code)) and next_attempt <= deadline:
            await self._database.webhook_deliveries.update_one(
                {"_id": delivery["_id"]},
                {"$push": {"attempts": attempt}, "$inc": {"attempt_count": 1},
                 "$set": {"next_attempt_at": next_attempt}},
            )
            WEBHOOK_DELIVERIES.labels("retried").inc()
            log.warning("webhook delivery failed; retrying", delivery_id=delivery["_id"], error=error,
                        retry_in_seconds=round(delay, 1))
            return

        # Permanent error, or retries used up
        await self._finish(delivery, "failed", attempt)
        WEBHOOK_DELIVERIES.labels("failed").inc()
        log.warning("webhook delivery failed for good", delivery_id=delivery["_id"], endpoint_id=endpoint["_id"],
                    error=error, attempts=attempts)
        await self._count_failure(endpoint, error)

    async def _finish(self, delivery: Document, status: str, attempt: Mapping[str, object]) -> None:
        await self._database.webhook_deliveries.update_one(
            {"_id": delivery["_id"]},
            {"$push": {"attempts": attempt}, "$inc": {"attempt_count": 1},
             "$set": {"status": status, "finished_at": datetime.now(UTC)}},
        )

    async def _count_failure(self, endpoint: Document, error: str) -> None:
        updated = await self._database.webhook_endpoints.find_one_and_update(
            {"_id": endpoint["_id"]},
            {"$inc": {"consecutive_failures": 1}, "$set": {"last_error": error}},
            return_document=ReturnDocument.AFTER,
        )
        if updated is None or int(updated["consecutive_failures"]) < self._settings.WEBHOOK_DISABLE_AFTER_FAILURES:  # type: ignore[call-overload]
            return
        disabled = await self._database.webhook_endpoints.update_one(
            {"_id": endpoint["_id"], "enabled": True},
            {"$set": {"enabled": False, "disabled_at": datetime.now(UTC), "disabled_reason": error}},
        )
        if disabled.modified_count == 0:
            return  # another task disabled it first and sent the email
        await self._database.webhook_deliveries.update_many(
            {"endpoint_id": endpoint["_id"], "status": "pending"},
            {"$set": {"status": "abandoned", "finished_at": datetime.now(UTC)}},
        )
        WEBHOOK_DELIVERIES.labels("disabled").inc()
        log.warning("webhook endpoint disabled", endpoint_id=endpoint["_id"], tenant_id=endpoint["tenant_id"],
                    failures=updated["consecutive_failures"])
        await self._on_endpoint_disabled(updated, error)


def _retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if response.status_code not in (429, 503) or value is None or not value.isdigit():
        return None
    return float(value)

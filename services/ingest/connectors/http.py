"""The outbound HTTP client every connector uses: timeouts, retries with backoff, a rate limit per platform.

Errors are classed once here. A timeout, a connection failure, 429 and 5xx are transient and retried
with capped exponential backoff and jitter, honouring Retry-After when the platform sends one. Any
other 4xx is permanent and raised at once.
"""

import asyncio
import time
from collections.abc import Mapping

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from vigie.logs import get_logger
from vigie.settings import Settings

log = get_logger(__name__)

MAX_RETRY_AFTER_SECONDS = 60.0


class UpstreamError(Exception):
    """Raised when a platform API call failed for good: a permanent status, or every retry used."""

    def __init__(self, platform: str, url: str, message: str, status_code: int | None = None):
        super().__init__(message)
        self.platform = platform
        self.url = url
        self.status_code = status_code
        self.message = message


class TransientError(Exception):
    def __init__(self, message: str, status_code: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status_code = status_code
        self.retry_after = retry_after


class RateLimiter:
    """Space requests evenly at `rate_per_second`; callers sleep until their slot comes."""

    def __init__(self, rate_per_second: float):
        if rate_per_second <= 0:
            raise ValueError(f"rate limit {rate_per_second} is not positive; set a rate above 0 per second")
        self._interval = 1.0 / rate_per_second
        self._next_slot = 0.0

    def reserve(self) -> float:
        """Reserve the next slot and return how many seconds to wait for it."""
        now = time.monotonic()
        slot = max(now, self._next_slot)
        self._next_slot = slot + self._interval
        return slot - now


def _retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None or not value.strip().isdigit():
        return None
    return min(float(value), MAX_RETRY_AFTER_SECONDS)


class OutboundClient:
    def __init__(self, platform: str, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self.platform = platform
        self._http = httpx.AsyncClient(timeout=settings.OUTBOUND_TIMEOUT_SECONDS, transport=transport)
        self._max_attempts = settings.OUTBOUND_MAX_ATTEMPTS
        self._backoff = wait_exponential_jitter(
            multiplier=settings.OUTBOUND_BACKOFF_INITIAL_SECONDS, max=settings.OUTBOUND_BACKOFF_MAX_SECONDS,
            jitter=settings.OUTBOUND_BACKOFF_INITIAL_SECONDS,
        )
        rate = settings.OUTBOUND_RATE_LIMITS_PER_SECOND.get(platform, 1.0)
        self._limiter = RateLimiter(rate)

    async def close(self) -> None:
        await self._http.aclose()

    async def get_json(
        self, url: str, headers: Mapping[str, str] | None = None, params: Mapping[str, str | int] | None = None
    ) -> dict[str, object]:
        """GET `url` and return its JSON object, retrying transient failures."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type(TransientError),
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._get_once(url, headers, params)
        except TransientError as exc:
            raise UpstreamError(
                self.platform, url,
                f"{self.platform} API {url} still failed after {self._max_attempts} attempts: {exc}",
                exc.status_code,
            ) from None
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def _get_once(
        self, url: str, headers: Mapping[str, str] | None, params: Mapping[str, str | int] | None
    ) -> dict[str, object]:
        delay = self._limiter.reserve()
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            response = await self._http.get(url, headers=headers, params=params)
        except httpx.TimeoutException as exc:
            raise TransientError(f"timed out ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise TransientError(f"connection failed ({type(exc).__name__})") from None

        if response.status_code == 429 or response.status_code >= 500:
            raise TransientError(f"HTTP {response.status_code}", response.status_code, _retry_after_seconds(response))
        if response.status_code >= 400:
            raise UpstreamError(self.platform, url, f"{self.platform} API {url} returned HTTP "
                                f"{response.status_code}", response.status_code)
        try:
            document = response.json()
        except ValueError:
            raise UpstreamError(self.platform, url, f"{self.platform} API {url} returned invalid JSON",
                                response.status_code) from None
        if not isinstance(document, dict):
            raise UpstreamError(self.platform, url, f"{self.platform} API {url} returned JSON that is not "
                                "an object", response.status_code)
        return document

    def _wait(self, state: RetryCallState) -> float:
        backoff = self._backoff(state)
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, TransientError) and error.retry_after is not None:
            return max(backoff, error.retry_after)
        return backoff

    def _log_retry(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        log.warning("platform API call failed, retrying", platform=self.platform,
                    attempt=state.attempt_number, error=str(error))

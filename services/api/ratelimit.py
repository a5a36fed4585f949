"""Per-API-key token buckets: a key without tokens gets 429 with Retry-After.

NOTE: buckets live in this process, so N replicas behind a load balancer let a key through at up to
N times the configured rate. A shared limit would need a store such as Redis or MongoDB counters.
"""

import math
import time
from dataclasses import dataclass, field

from vigie.http import ApiError


@dataclass
class TokenBucket:
    capacity: float
    refill_per_second: float
    tokens: float = field(init=False)
    updated: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.capacity

    def take(self, now: float) -> float:
        """Take one token and return 0, or return the seconds until one is available."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.refill_per_second


class RateLimiter:
    def __init__(self, per_minute: int, burst: int):
        self._per_second = per_minute / 60.0
        self._burst = float(burst)
        self._buckets: dict[str, TokenBucket] = {}

    def check(self, key_id: str) -> None:
        """Raise a 429 ApiError when `key_id` has no token left."""
        bucket = self._buckets.get(key_id)
        if bucket is None:
            bucket = self._buckets[key_id] = TokenBucket(self._burst, self._per_second)
        wait_seconds = bucket.take(time.monotonic())
        if wait_seconds > 0:
            retry_after = str(max(1, math.ceil(wait_seconds)))
            raise ApiError(429, "rate_limited", f"Too many requests for this API key; retry in {retry_after} s.",
                           headers={"Retry-After": retry_after})

"""Kafka records as the scoring processor sees them, independent of the consumer library."""

from dataclasses import dataclass


@dataclass(frozen=True)
class InboundRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: dict[str, str]


class InvalidEventError(Exception):
    """Raised when a record cannot be decoded as a supported `review.received` event.

    The record goes to the dead-letter topic: retrying cannot fix it.
    """

"""Standard Webhooks signatures: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.

Secrets look like `whsec_<base64 key>`. A partner may hold several secrets during a rotation; a request
is authentic when any signature in its header matches any of them.
"""

import base64
import binascii
import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable

SECRET_PREFIX = "whsec_"  # noqa: S105 - the scheme's prefix, not a secret


class SignatureError(Exception):
    """Raised when a webhook's signature headers are missing, stale or do not match."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def generate_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def secret_key(secret: str) -> bytes:
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        return base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        raise ValueError("webhook secret is not base64 after the 'whsec_' prefix") from exc


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """Return the `webhook-signature` header value for one secret."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify(
    secrets_: Iterable[str],
    webhook_id: str | None,
    timestamp: str | None,
    signature_header: str | None,
    body: bytes,
    tolerance_seconds: int,
    now: float | None = None,
) -> None:
    """Raise SignatureError unless one signature matches one secret within the time tolerance."""
    if not webhook_id or not timestamp or not signature_header:
        raise SignatureError(
            "signature_missing",
            "Missing webhook-id, webhook-timestamp or webhook-signature header; sign the request "
            "as Standard Webhooks describes.",
        )
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise SignatureError(
            "timestamp_invalid", f"webhook-timestamp {timestamp!r} is not an integer of Unix seconds."
        ) from None
    current = time.time() if now is None else now
    if abs(current - sent_at) > tolerance_seconds:
        raise SignatureError(
            "timestamp_stale",
            f"webhook-timestamp {sent_at} is more than {tolerance_seconds} s from the server time "
            f"{int(current)}; sign each request when it is sent.",
        )

    offered = [part.split(",", 1)[1] for part in signature_header.split() if part.startswith("v1,")]
    for secret in secrets_:
        expected = sign(secret, webhook_id, sent_at, body).split(",", 1)[1]
        if any(hmac.compare_digest(expected, candidate) for candidate in offered):
            return
    raise SignatureError("signature_invalid", "No v1 signature matches the partner's current secrets.")

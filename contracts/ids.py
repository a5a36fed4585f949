"""Identifiers every service derives the same way."""

import hashlib


def review_id_for(tenant_id: str, platform: str, external_id: str) -> str:
    """Return the review's id: one per tenant, platform and platform id, whatever its versions."""
    digest = hashlib.sha256(f"{tenant_id}\x1f{platform}\x1f{external_id}".encode()).hexdigest()
    return "rev_" + digest[:24]

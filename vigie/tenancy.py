"""Tenants, their partners (who push reviews) and their API keys (who read them).

API keys are stored as SHA-256 digests. A plain digest is enough, unlike for passwords, because keys
are 32 random bytes: there is nothing to guess from a dictionary.
"""

import hashlib
import secrets
import uuid
from datetime import UTC, datetime

from pymongo.asynchronous.database import AsyncDatabase

from services.ingest.signing import generate_secret
from vigie.mongo import Document

API_KEY_PREFIX = "vk_"
SCOPES = ("read", "write", "admin")


def hash_api_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_tenant(database: AsyncDatabase[Document], name: str, tenant_id: str | None = None) -> str:
    tenant_id = tenant_id or "ten_" + uuid.uuid4().hex[:16]
    await database.tenants.update_one(
        {"_id": tenant_id},
        {"$setOnInsert": {"name": name, "created_at": datetime.now(UTC)}},
        upsert=True,
    )
    return tenant_id


async def create_partner(
    database: AsyncDatabase[Document], tenant_id: str, name: str, partner_id: str | None = None
) -> tuple[str, str]:
    """Create a partner of `tenant_id` and return its id and its first webhook secret."""
    partner_id = partner_id or "prt_" + uuid.uuid4().hex[:16]
    secret = generate_secret()
    await database.partners.insert_one(
        {"_id": partner_id, "tenant_id": tenant_id, "name": name, "secrets": [secret],
         "created_at": datetime.now(UTC)}
    )
    return partner_id, secret


async def create_api_key(
    database: AsyncDatabase[Document], tenant_id: str, scopes: tuple[str, ...] = ("read", "write"),
    name: str = "default",
) -> str:
    """Create an API key and return the token; only its digest is stored, so show it once."""
    unknown = set(scopes) - set(SCOPES)
    if unknown:
        raise ValueError(f"unknown scopes {sorted(unknown)}; use some of {list(SCOPES)}")
    key_id = uuid.uuid4().hex[:12]
    token = f"{API_KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    await database.api_keys.insert_one(
        {"_id": key_id, "tenant_id": tenant_id, "name": name, "scopes": list(scopes),
         "key_hash": hash_api_key(token), "revoked": False, "created_at": datetime.now(UTC)}
    )
    return token

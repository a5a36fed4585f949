"""Connector accounts: one per platform account of a tenant, each with its own secrets.

A platform delivers to `/v1/webhooks/<platform>/<account_id>`. The account contains the secrets that
authenticate those deliveries, and during a rotation any of several secrets is accepted. It also contains
the credentials for calling the platform back, and maps the platform's location, business or page ids to
the tenant's practice references.
"""

import hmac
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pymongo.asynchronous.database import AsyncDatabase

from vigie.http import ApiError
from vigie.mongo import Document

PLATFORMS = ("google", "trustpilot", "yelp", "facebook")


@dataclass(frozen=True)
class ConnectorAccount:
    account_id: str
    platform: str
    tenant_id: str
    partner_id: str
    secrets: tuple[str, ...]
    practices: dict[str, str] = field(default_factory=dict)
    default_practice_ref: str | None = None
    credentials: dict[str, str] = field(default_factory=dict)
    poll: bool = False

    def practice_for(self, platform_location: str | None) -> str | None:
        """Return the practice reference of a platform location, else the account's default practice."""
        if platform_location and platform_location in self.practices:
            return self.practices[platform_location]
        return self.default_practice_ref

    def credential(self, name: str) -> str:
        value = self.credentials.get(name)
        if not value:
            raise ApiError(
                503, "credential_missing",
                f"Connector account {self.account_id!r} has no {name!r} credential; set it on the account "
                "in the connector_accounts collection.",
            )
        return value


def matches_any_secret(candidates: Iterable[str], offered: str | None) -> bool:
    """Compare `offered` with every secret in constant time, so timing reveals neither which nor how close."""
    if not offered:
        return False
    matched = False
    for secret in candidates:
        matched |= hmac.compare_digest(secret.encode("utf-8"), offered.encode("utf-8"))
    return matched


def _account(document: Document) -> ConnectorAccount:
    return ConnectorAccount(
        account_id=str(document["_id"]),
        platform=str(document["platform"]),
        tenant_id=str(document["tenant_id"]),
        partner_id=str(document.get("partner_id") or document["_id"]),
        secrets=tuple(str(secret) for secret in document.get("secrets", [])),  # type: ignore[attr-defined]
        practices={str(k): str(v) for k, v in dict(document.get("practices") or {}).items()},  # type: ignore[call-overload]
        default_practice_ref=document.get("default_practice_ref"),  # type: ignore[arg-type]
        credentials={str(k): str(v) for k, v in dict(document.get("credentials") or {}).items()},  # type: ignore[call-overload]
        poll=bool(document.get("poll", False)),
    )


async def find_account(database: AsyncDatabase[Document], platform: str, account_id: str) -> ConnectorAccount:
    """Return the enabled account, raising 401 when it is unknown, disabled or of another platform."""
    document = await database.connector_accounts.find_one(
        {"_id": account_id, "platform": platform, "disabled": {"$ne": True}}
    )
    if document is None:
        raise ApiError(401, "account_unknown",
                       f"No enabled {platform} connector account {account_id!r}; check the webhook URL.")
    return _account(document)


async def polled_accounts(database: AsyncDatabase[Document], platform: str) -> list[ConnectorAccount]:
    cursor = database.connector_accounts.find({"platform": platform, "poll": True, "disabled": {"$ne": True}})
    return [_account(document) async for document in cursor]


async def create_account(
    database: AsyncDatabase[Document],
    tenant_id: str,
    platform: str,
    practices: dict[str, str] | None = None,
    credentials: dict[str, str] | None = None,
    secret: str | None = None,
    default_practice_ref: str | None = None,
    poll: bool = False,
) -> tuple[str, str]:
    """Create an account and return its id and first secret (generated unless the platform issued one)."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}; use one of {list(PLATFORMS)}")
    account_id = f"{platform[:2]}_{uuid.uuid4().hex[:16]}"
    secret = secret or secrets.token_urlsafe(32)
    await database.connector_accounts.insert_one({
        "_id": account_id, "platform": platform, "tenant_id": tenant_id, "secrets": [secret],
        "practices": practices or {}, "default_practice_ref": default_practice_ref,
        "credentials": credentials or {}, "poll": poll, "created_at": datetime.now(UTC),
    })
    return account_id, secret

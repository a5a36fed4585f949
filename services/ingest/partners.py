"""Partners push reviews for one tenant, each with its own webhook secrets."""

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from vigie.mongo import Document


@dataclass(frozen=True)
class Partner:
    partner_id: str
    tenant_id: str
    secrets: tuple[str, ...]


async def find_partner(database: AsyncDatabase[Document], partner_id: str) -> Partner | None:
    document = await database.partners.find_one({"_id": partner_id, "disabled": {"$ne": True}})
    if document is None:
        return None
    return Partner(
        partner_id=partner_id,
        tenant_id=str(document["tenant_id"]),
        secrets=tuple(str(secret) for secret in document.get("secrets", [])),  # type: ignore[attr-defined]
    )

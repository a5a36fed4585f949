"""The development tenant of the embedded stack: one tenant, one partner, one API key, one practice.

Credentials are kept in `<var>/dev-credentials.json` so that they survive `vigie stack down` and `up`,
as the database under `<var>/db` does. They are for local development only.
"""

import json
from pathlib import Path

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from services.ingest.mail.intake import create_inbound_address
from vigie.kafka import ensure_topics
from vigie.mongo import Document, ensure_indexes
from vigie.settings import Settings
from vigie.tenancy import create_api_key, create_partner, create_tenant

DEV_TENANT_ID = "ten_development"
DEV_PARTNER_ID = "prt_development"
DEV_PRACTICE_EMAIL = "cabinet@vigie.localhost"

# The practices of the demo file, described as a frontend would register them.
DEMO_PRACTICES = (
    {"practice_ref": "cabinet-dentaire-demo", "name": "Cabinet dentaire des Tilleuls", "country": "FR",
     "profession": "dentist", "locale": "fr", "time_zone": "Europe/Paris",
     "address": "4 place des Tilleuls, 69003 Lyon", "notify": {"emails": [DEV_PRACTICE_EMAIL]}},
    {"practice_ref": "praxis-demo-zuerich", "name": "Hausarztpraxis am See", "country": "CH",
     "profession": "physician", "locale": "de", "time_zone": "Europe/Zurich",
     "address": "Seestrasse 12, 8002 Zürich", "notify": {"emails": ["praxis@vigie.localhost"]}},
)


async def ensure_inbound_addresses(database: AsyncDatabase[Document], tenant_id: str,
                                   domain: str) -> dict[str, str]:
    """Return {practice_ref: address} for the demo practices, reusing the enabled address each already has."""
    addresses = {}
    for practice in DEMO_PRACTICES:
        practice_ref = str(practice["practice_ref"])
        existing = await database.inbound_addresses.find_one(
            {"tenant_id": tenant_id, "practice_ref": practice_ref, "disabled": {"$ne": True}},
            sort=[("created_at", -1)],
        )
        if existing is not None and str(existing["_id"]).endswith(f"@{domain}"):
            addresses[practice_ref] = str(existing["_id"])
        else:
            addresses[practice_ref] = await create_inbound_address(database, tenant_id, practice_ref, domain)
    return addresses


async def bootstrap_development(settings: Settings, var_dir: Path) -> dict[str, object]:
    """Create the development tenant once, then return its credentials and the demo inbound addresses."""
    await ensure_topics(settings)
    client: AsyncMongoClient[Document] = AsyncMongoClient(settings.MONGO_URL.get_secret_value(), tz_aware=True)
    try:
        database = client[settings.MONGO_DATABASE]
        await ensure_indexes(database)
        path = var_dir / "dev-credentials.json"
        if path.exists() and await database.partners.find_one({"_id": DEV_PARTNER_ID}):
            credentials: dict[str, object] = dict(json.loads(path.read_text()))
        else:
            credentials = await _create_development_tenant(database)
            path.write_text(json.dumps(credentials, indent=2))
            path.chmod(0o600)
        credentials["inbound_addresses"] = await ensure_inbound_addresses(
            database, str(credentials["tenant_id"]), settings.INBOUND_SMTP_DOMAIN
        )
        return credentials
    finally:
        await client.close()


async def _create_development_tenant(database: AsyncDatabase[Document]) -> dict[str, object]:
    """Create the tenant, partner, API key and demo practices, and return the credentials."""
    await database.partners.delete_one({"_id": DEV_PARTNER_ID})
    tenant_id = await create_tenant(database, "Development tenant", DEV_TENANT_ID)
    await database.tenants.update_one(
        {"_id": tenant_id},
        {"$set": {"alert_emails": [DEV_PRACTICE_EMAIL], "locale": "fr", "country": "FR", "time_zone": "Europe/Paris"}}
    )
    partner_id, secret = await create_partner(database, tenant_id, "Development partner", DEV_PARTNER_ID)
    api_key = await create_api_key(database, tenant_id, ("read", "write", "admin"), name="development")
    for practice in DEMO_PRACTICES:
        await database.practices.update_one(
            {"tenant_id": tenant_id, "practice_ref": practice["practice_ref"]},
            {"$set": {**practice, "tenant_id": tenant_id, "verified": True}},
            upsert=True,
        )
    credentials: dict[str, object] = {"tenant_id": tenant_id, "partner_id": partner_id,
                                      "webhook_secret": secret, "api_key": api_key}
    return credentials

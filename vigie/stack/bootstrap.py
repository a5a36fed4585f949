"""The development tenant of the embedded stack: one tenant, one partner, one API key, one practice.

Credentials are kept in `<var>/dev-credentials.json` so that they survive `vigie stack down` and `up`,
as the database under `<var>/db` does. They are for local development only.
"""

import json
from pathlib import Path

from pymongo import AsyncMongoClient

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


async def bootstrap_development(settings: Settings, var_dir: Path) -> dict[str, str]:
    await ensure_topics(settings)
    client: AsyncMongoClient[Document] = AsyncMongoClient(settings.MONGO_URL.get_secret_value(), tz_aware=True)
    try:
        database = client[settings.MONGO_DATABASE]
        await ensure_indexes(database)
        path = var_dir / "dev-credentials.json"
        if path.exists() and await database.partners.find_one({"_id": DEV_PARTNER_ID}):
            return dict(json.loads(path.read_text()))

        await database.partners.delete_one({"_id": DEV_PARTNER_ID})
        tenant_id = await create_tenant(database, "Development tenant", DEV_TENANT_ID)
        await database.tenants.update_one(
            {"_id": tenant_id}, {"$set": {"alert_emails": [DEV_PRACTICE_EMAIL], "locale": "fr"}}
        )
        partner_id, secret = await create_partner(database, tenant_id, "Development partner", DEV_PARTNER_ID)
        api_key = await create_api_key(database, tenant_id, ("read", "write", "admin"), name="development")
        for practice in DEMO_PRACTICES:
            await database.practices.update_one(
                {"tenant_id": tenant_id, "practice_ref": practice["practice_ref"]},
                {"$set": {**practice, "tenant_id": tenant_id, "verified": True}},
                upsert=True,
            )
        credentials = {"tenant_id": tenant_id, "partner_id": partner_id, "webhook_secret": secret,
                       "api_key": api_key}
        path.write_text(json.dumps(credentials, indent=2))
        path.chmod(0o600)
        return credentials
    finally:
        await client.close()

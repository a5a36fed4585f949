"""MongoDB client and the indexes every collection relies on.

Uniqueness lives in indexes, not in application checks, so that a redelivered Kafka message or a
retried request updates a document instead of duplicating it.
"""

from pymongo import ASCENDING, DESCENDING, AsyncMongoClient, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from vigie.settings import Settings

Document = dict[str, object]

INDEXES: dict[str, list[IndexModel]] = {
    "tenants": [IndexModel([("name", ASCENDING)])],
    "partners": [IndexModel([("tenant_id", ASCENDING)])],
    "api_keys": [IndexModel([("tenant_id", ASCENDING)]), IndexModel([("key_hash", ASCENDING)], unique=True)],
    "practices": [IndexModel([("tenant_id", ASCENDING), ("practice_ref", ASCENDING)], unique=True)],
    "reviews": [
        IndexModel([("tenant_id", ASCENDING), ("platform", ASCENDING), ("external_id", ASCENDING)], unique=True),
        IndexModel([("tenant_id", ASCENDING), ("practice_ref", ASCENDING), ("_id", DESCENDING)]),
        IndexModel([("tenant_id", ASCENDING), ("flagged", ASCENDING), ("_id", DESCENDING)]),
    ],
    "alerts": [
        IndexModel([("tenant_id", ASCENDING), ("_id", DESCENDING)]),
        IndexModel([("tenant_id", ASCENDING), ("incident_key", ASCENDING)]),
    ],
    "text_signatures": [IndexModel([("stored_at", ASCENDING)])],
    "webhook_ids": [IndexModel([("partner_id", ASCENDING), ("webhook_id", ASCENDING)], unique=True)],
    "connector_accounts": [IndexModel([("platform", ASCENDING), ("tenant_id", ASCENDING)])],
    "raw_payloads": [IndexModel([("tenant_id", ASCENDING), ("received_at", DESCENDING)])],
    "inbound_addresses": [IndexModel([("tenant_id", ASCENDING), ("practice_ref", ASCENDING)])],
    "notifications": [
        IndexModel([("alert_id", ASCENDING), ("channel", ASCENDING)], unique=True),
        IndexModel([("status", ASCENDING), ("deliver_after", ASCENDING)]),
    ],
    "incident_notifications": [
        IndexModel([("tenant_id", ASCENDING), ("incident_key", ASCENDING), ("channel", ASCENDING)], unique=True),
        IndexModel([("update_pending", ASCENDING), ("last_sent_at", ASCENDING)]),
    ],
    "webhook_endpoints": [IndexModel([("tenant_id", ASCENDING), ("enabled", ASCENDING)])],
    "webhook_deliveries": [
        IndexModel([("status", ASCENDING), ("next_attempt_at", ASCENDING)]),
        IndexModel([("tenant_id", ASCENDING), ("endpoint_id", ASCENDING), ("created_at", DESCENDING)]),
    ],
    "digests": [
        IndexModel(
            [("tenant_id", ASCENDING), ("practice_ref", ASCENDING), ("period", ASCENDING),
             ("period_start", ASCENDING)],
            unique=True,
        )
    ],
    "evidence_log": [
        IndexModel([("incident_id", ASCENDING), ("seq", ASCENDING)], unique=True),
        IndexModel([("tenant_id", ASCENDING), ("incident_id", ASCENDING)]),
    ],
    "incidents": [IndexModel([("tenant_id", ASCENDING), ("updated_at", DESCENDING), ("_id", DESCENDING)])],
    "audit_log": [IndexModel([("tenant_id", ASCENDING), ("at", DESCENDING), ("_id", DESCENDING)])],
}


def build_client(settings: Settings) -> AsyncMongoClient[Document]:
    return AsyncMongoClient(
        settings.MONGO_URL.get_secret_value(),
        serverSelectionTimeoutMS=settings.MONGO_TIMEOUT_MS,
        connectTimeoutMS=settings.MONGO_TIMEOUT_MS,
        tz_aware=True,
    )


def get_database(client: AsyncMongoClient[Document], settings: Settings) -> AsyncDatabase[Document]:
    return client[settings.MONGO_DATABASE]


async def ensure_indexes(database: AsyncDatabase[Document]) -> None:
    for collection, indexes in INDEXES.items():
        await database[collection].create_indexes(indexes)


async def ping(database: AsyncDatabase[Document]) -> None:
    await database.command("ping")

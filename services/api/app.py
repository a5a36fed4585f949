"""The gateway FastAPI application used by SaaS frontends."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from services.api.audit import install_audit_log
from services.api.ratelimit import RateLimiter
from services.api.routes import (
    alerts,
    digests,
    evidence,
    feed,
    incidents,
    keys,
    practices,
    privacy,
    replies,
    reports,
    reviews,
)
from vigie.evidence_signing import EvidenceSigner, load_signer
from vigie.http import health_router, install_error_handlers, install_request_context
from vigie.logs import get_logger
from vigie.mongo import Document, build_client, ensure_indexes, get_database, ping
from vigie.settings import Settings

log = get_logger(__name__)


@dataclass
class ApiState:
    settings: Settings
    client: AsyncMongoClient[Document]
    database: AsyncDatabase[Document]
    rate_limiter: RateLimiter
    evidence_signer: EvidenceSigner


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        signer = load_signer(settings)
        client = build_client(settings)
        database = get_database(client, settings)
        await ensure_indexes(database)
        limiter = RateLimiter(settings.API_RATE_LIMIT_PER_MINUTE, settings.API_RATE_LIMIT_BURST)
        app.state.api = ApiState(settings=settings, client=client, database=database, rate_limiter=limiter,
                                evidence_signer=signer)
        log.info("api started")
        try:
            yield
        finally:
            await client.close()
            log.info("api stopped")

    app = FastAPI(
        title="Vigie API",
        version="1.0.0",
        description=(
            "Reviews, risk scores, alerts and incidents of a tenant's medical practices, with a reply assistant, "
            "evidence files and pre-filled platform reports. Authenticate with `Authorization: Bearer <API key>`. "
            "Errors share one shape, `{\"error\": {\"code\", \"message\", \"details\"}}`; 422 is used only "
            "for validation errors, 429 comes with `Retry-After`."
        ),
        lifespan=lifespan,
    )
    install_error_handlers(app)
    install_audit_log(app)
    install_request_context(app, "api")

    async def database_ready() -> None:
        await ping(app.state.api.database)

    app.include_router(health_router({"mongodb": database_ready}))
    for module in (practices, keys, reviews, replies, alerts, incidents, evidence, reports, feed, privacy):
        app.include_router(module.router)
    app.include_router(digests.router)
    return app

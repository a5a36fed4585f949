"""The gateway FastAPI application used by SaaS frontends."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from services.api.routes import alerts, reviews
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


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        client = build_client(settings)
        database = get_database(client, settings)
        await ensure_indexes(database)
        app.state.api = ApiState(settings=settings, client=client, database=database)
        log.info("api started")
        try:
            yield
        finally:
            await client.close()
            log.info("api stopped")

    app = FastAPI(
        title="Vigie API",
        version="1.0.0",
        description="Reviews, risk scores and alerts of a tenant's medical practices.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    install_request_context(app, "api")

    async def database_ready() -> None:
        await ping(app.state.api.database)

    app.include_router(health_router({"mongodb": database_ready}))
    app.include_router(reviews.router)
    app.include_router(alerts.router)
    return app

"""The ingest FastAPI application: webhooks in, `review.received` events out."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.ingest.connectors.runtime import start_connectors
from services.ingest.publisher import ReviewPublisher
from services.ingest.state import IngestState
from services.ingest.uploads import routes as uploads
from services.ingest.webhooks import facebook, generic, google, trustpilot, yelp
from vigie.http import health_router, install_error_handlers, install_request_context
from vigie.kafka import build_producer
from vigie.logs import get_logger
from vigie.mongo import build_client, ensure_indexes, get_database, ping
from vigie.settings import Settings

log = get_logger(__name__)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        producer = build_producer(settings)
        await producer.start()
        client = build_client(settings)
        database = get_database(client, settings)
        await ensure_indexes(database)
        app.state.ingest = IngestState(
            settings=settings,
            producer=producer,
            client=client,
            database=database,
            publisher=ReviewPublisher(producer, database, settings),
        )
        connectors = await start_connectors(app, app.state.ingest)
        log.info("ingest started", bootstrap=settings.KAFKA_BOOTSTRAP_SERVERS)
        try:
            yield
        finally:
            await connectors.stop()
            await producer.stop()
            await client.close()
            log.info("ingest stopped")

    app = FastAPI(
        title="Vigie ingest",
        version="1.0.0",
        description="Webhooks and connectors that bring reviews and private messages into Vigie.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    install_request_context(app, "ingest")

    async def broker_ready() -> None:
        await app.state.ingest.producer.client.fetch_all_metadata()

    async def database_ready() -> None:
        await ping(app.state.ingest.database)

    app.include_router(health_router({"kafka": broker_ready, "mongodb": database_ready}))
    app.include_router(generic.router)
    for connector in (google, trustpilot, yelp, facebook, uploads):
        app.include_router(connector.router)
    return app

"""The notifier process: the alert consumer plus a small HTTP app for health and metrics."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.notifier.consumer import AlertDispatcher, build_consumer, run_consumer
from vigie.http import health_router, install_error_handlers, install_request_context
from vigie.logs import get_logger
from vigie.mongo import build_client, ensure_indexes, get_database, ping
from vigie.settings import Settings

log = get_logger(__name__)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        client = build_client(settings)
        database = get_database(client, settings)
        await ensure_indexes(database)
        consumer = build_consumer(settings)
        await consumer.start()
        stopping = asyncio.Event()
        app.state.consumer = consumer
        app.state.database = database
        task = asyncio.create_task(run_consumer(settings, consumer, AlertDispatcher(settings, database), stopping))
        task.add_done_callback(_log_crash)
        app.state.consumer_task = task
        log.info("notifier started")
        try:
            yield
        finally:
            stopping.set()
            await asyncio.wait({task}, timeout=5)
            task.cancel()
            await consumer.stop()
            await client.close()
            log.info("notifier stopped")

    app = FastAPI(title="Vigie notifier", version="1.0.0", lifespan=lifespan)
    install_error_handlers(app)
    install_request_context(app, "notifier")

    async def broker_ready() -> None:
        await app.state.consumer._client.fetch_all_metadata()

    async def database_ready() -> None:
        await ping(app.state.database)

    async def consumer_running() -> None:
        if app.state.consumer_task.done():
            raise RuntimeError("the alert consumer stopped")

    app.include_router(
        health_router({"kafka": broker_ready, "mongodb": database_ready, "consumer": consumer_running})
    )
    return app


def _log_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("alert consumer crashed", error=repr(task.exception()))

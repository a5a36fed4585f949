"""The notifier process: the alert consumer plus a small HTTP app for health and metrics."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.notifier.catalogs import check_catalogs
from services.notifier.consumer import alerts_topic, build_consumer, notifier_group, run_consumer
from services.notifier.digests.schedule import DigestRunner
from services.notifier.dispatcher import AlertDispatcher, notify_endpoint_disabled
from services.notifier.tasks import run_periodic, run_webhook_sender
from services.notifier.webhooks import WebhookQueue, WebhookSender
from vigie.http import health_router, install_error_handlers, install_request_context
from vigie.lag import report_consumer_lag
from vigie.logs import get_logger
from vigie.mongo import Document, build_client, ensure_indexes, get_database, ping
from vigie.settings import Settings

log = get_logger(__name__)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # A missing translation or a broken template stops the start-up here, not a send later.
        check_catalogs()
        client = build_client(settings)
        database = get_database(client, settings)
        await ensure_indexes(database)
        consumer = build_consumer(settings)
        await consumer.start()
        stopping = asyncio.Event()
        app.state.consumer = consumer
        app.state.database = database

        queue = WebhookQueue(database)
        dispatcher = AlertDispatcher(settings, database, queue)

        async def on_endpoint_disabled(endpoint: Document, error: str) -> None:
            await notify_endpoint_disabled(settings, database, endpoint, error)

        sender = WebhookSender(settings, database, on_endpoint_disabled)
        task = asyncio.create_task(run_consumer(settings, consumer, dispatcher, stopping))
        background = {
            asyncio.create_task(run_periodic(dispatcher, DigestRunner(settings, database), stopping,
                                             settings.NOTIFIER_TICK_SECONDS)),
            asyncio.create_task(run_webhook_sender(sender, queue, stopping, min(settings.NOTIFIER_TICK_SECONDS, 5.0))),
            asyncio.create_task(report_consumer_lag(settings, {notifier_group(settings): [alerts_topic(settings)]})),
        }
        for running in (task, *background):
            running.add_done_callback(_log_crash)
        app.state.consumer_task = task
        log.info("notifier started")
        try:
            yield
        finally:
            stopping.set()
            await asyncio.wait({task, *background}, timeout=5)
            for running in (task, *background):
                running.cancel()
            await consumer.stop()
            await sender.close()
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
        log.error("notifier task crashed", task=task.get_name(), error=repr(task.exception()))

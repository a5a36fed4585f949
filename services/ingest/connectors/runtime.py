"""The connector components one ingest process runs: outbound clients, the Google poller, inbound SMTP."""

import asyncio
import contextlib
from dataclasses import dataclass, field

from fastapi import FastAPI, Request

from services.ingest.connectors.http import OutboundClient
from services.ingest.connectors.polling import run_google_polling
from services.ingest.mail.server import start_inbound_smtp
from services.ingest.state import IngestState
from vigie.logs import get_logger

log = get_logger(__name__)

OUTBOUND_PLATFORMS = ("google", "yelp")


@dataclass
class ConnectorRuntime:
    outbound: dict[str, OutboundClient]
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    smtp_server: asyncio.Server | None = None

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.smtp_server is not None:
            self.smtp_server.close()
            await self.smtp_server.wait_closed()
        for client in self.outbound.values():
            await client.close()


async def start_connectors(app: FastAPI, state: IngestState) -> ConnectorRuntime:
    settings = state.settings
    outbound = {platform: OutboundClient(platform, settings) for platform in OUTBOUND_PLATFORMS}
    runtime = ConnectorRuntime(outbound=outbound)
    if settings.GOOGLE_POLL_INTERVAL_SECONDS > 0:
        runtime.tasks.append(asyncio.create_task(
            run_google_polling(state, runtime.outbound["google"], settings.GOOGLE_POLL_INTERVAL_SECONDS)
        ))
    if settings.INBOUND_SMTP_PORT is not None:
        runtime.smtp_server = await start_inbound_smtp(state)
    app.state.connectors = runtime
    return runtime


def outbound_client(request: Request, platform: str) -> OutboundClient:
    runtime: ConnectorRuntime = request.app.state.connectors
    return runtime.outbound[platform]

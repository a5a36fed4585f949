"""Loopback servers for notifier tests: an SMTP sink that rejects some recipients, and an HTTP receiver."""

import asyncio
import email
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from pathlib import Path

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from vigie.settings import Settings
from vigie.stack.mailsink import MaildirHandler
from vigie.stack.processes import free_port

REJECTED_MARKER = "rejected"


class RejectingHandler(MaildirHandler):
    """Refuses, with a permanent 550, every recipient whose address contains `rejected`."""

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if REJECTED_MARKER in address:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@dataclass
class Mailbox:
    directory: Path
    settings: Settings

    def messages(self) -> list[Message]:
        paths = sorted(self.directory.glob("*.eml"))
        return [email.message_from_bytes(path.read_bytes(), policy=policy.default) for path in paths]


@pytest.fixture
def mailbox(settings: Settings, tmp_path: Path) -> Iterator[Mailbox]:
    port = free_port()
    directory = tmp_path / "mail"
    controller = Controller(RejectingHandler(directory), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield Mailbox(directory, settings.model_copy(update={"SMTP_PORT": port, "SMTP_TIMEOUT_SECONDS": 2.0}))
    finally:
        controller.stop()


@dataclass
class Receiver:
    """Answers each POST with the next status of `statuses` (the last one repeats) and records the request."""

    url: str
    statuses: list[int] = field(default_factory=lambda: [200])
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    port = free_port()
    state = Receiver(url=f"http://127.0.0.1:{port}/hooks")

    async def hook(request: Request) -> Response:
        state.requests.append((dict(request.headers), await request.body()))
        status = state.statuses[min(len(state.requests), len(state.statuses)) - 1]
        return Response(status_code=status)

    app = Starlette(routes=[Route("/hooks", hook, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes only this flag
        await asyncio.sleep(0.02)
    try:
        yield state
    finally:
        server.should_exit = True
        await asyncio.wait({task}, timeout=5)

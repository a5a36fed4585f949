"""Fixtures for the connector tests: the ingest app, a tenant and a fake platform API on loopback."""

import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.ingest.app import create_app
from vigie.settings import Settings
from vigie.stack.processes import free_port
from vigie.tenancy import create_tenant


@dataclass
class PlatformApi:
    """A platform API on loopback: each path answers the queued responses in order, then the last one forever."""

    url: str
    responses: dict[str, list[tuple[int, object, dict[str, str]]]] = field(default_factory=dict)
    requests: list[httpx.URL | str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def answer(self, path: str, body: object, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.responses.setdefault(path, []).append((status, body, headers or {}))

    def calls(self, path: str) -> int:
        return sum(1 for request in self.requests if str(request).split("?")[0] == path)


@pytest.fixture(scope="session")
def platform_api() -> Iterator[PlatformApi]:
    api = PlatformApi(url="")
    app = FastAPI()

    @app.get("/{path:path}")
    async def serve(path: str, request: Request) -> JSONResponse:
        full = "/" + path
        api.requests.append(f"{full}?{request.url.query}")
        api.headers.append(dict(request.headers))
        queued = api.responses.get(full)
        if not queued:
            return JSONResponse({"error": {"code": 404, "message": "not found"}}, status_code=404)
        status, body, headers = queued.pop(0) if len(queued) > 1 else queued[0]
        return JSONResponse(body, status_code=status, headers=headers)

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.05)
    api.url = f"http://127.0.0.1:{port}"
    try:
        yield api
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture
def connector_settings(settings: Settings, platform_api: PlatformApi) -> Settings:
    platform_api.responses.clear()
    platform_api.requests.clear()
    platform_api.headers.clear()
    return settings.model_copy(update={
        "GOOGLE_API_BASE_URL": platform_api.url,
        "YELP_API_BASE_URL": platform_api.url,
        "GOOGLE_POLL_INTERVAL_SECONDS": 0,
        "OUTBOUND_BACKOFF_INITIAL_SECONDS": 0.01,
        "OUTBOUND_BACKOFF_MAX_SECONDS": 0.05,
        "OUTBOUND_RATE_LIMITS_PER_SECOND": {"google": 100.0, "yelp": 100.0},
    })


@pytest.fixture
async def ingest(connector_settings: Settings, topics: list[str], database) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    app = create_app(connector_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as http:
            yield http


@pytest.fixture
async def tenant_id(database) -> str:  # type: ignore[no-untyped-def]
    return await create_tenant(database, "Cabinet de test")


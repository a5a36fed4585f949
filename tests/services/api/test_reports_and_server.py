"""Platform reports in three languages, the OpenAPI document, and the gateway on a real server."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from services.api.app import create_app
from vigie.settings import Settings
from vigie.stack.processes import free_port

pytestmark = pytest.mark.integration

KINDS = ["google_extortion", "google_policy", "trustpilot", "dsa_notice", "complaint"]


async def test_every_report_renders(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    incident_id = tenant_a.ids["incident_id"]
    for kind in KINDS:
        for language in ("fr", "en", "de"):
            response = await client.get(f"/v1/incidents/{incident_id}/reports/{kind}", headers=tenant_a.reader,
                                        params={"language": language})
            assert response.status_code == 200, (kind, language, response.text)
            assert response.json()["missing"] == []


async def test_dsa_notice_has_article_16_elements(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await database.practices.update_one({"tenant_id": tenant_a.tenant_id}, {"$unset": {"contact": ""}})

    response = await client.get(f"/v1/incidents/{tenant_a.ids['incident_id']}/reports/dsa_notice",
                                headers=tenant_a.reader, params={"language": "en"})

    text = response.json()["text"]
    assert "https://maps.example/r/rev_rev_a" in text
    assert "Blackmail (chantage)" in text
    assert "good faith" in text or "bona fide" in text
    assert "[to be completed]" in text
    assert response.json()["missing"] == ["practice.contact.name", "practice.contact.email"]


def test_openapi_documents_errors_and_examples() -> None:
    spec = create_app(Settings()).openapi()

    assert "ErrorResponse" in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if path.startswith("/v1/") and "digests" not in path:
                assert "401" in operation["responses"], (method, path)
    for name in ("PracticeCreate", "StatusRequest", "ReplyCheckRequest", "DraftRequest", "ErasureRequest"):
        assert spec["components"]["schemas"][name].get("examples"), name


@pytest.fixture
async def server_url(settings: Settings, database) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_config=None))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes a flag, not an event
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


async def test_running_server_streams_feed(server_url: str, tenant_a, tenant_b) -> None:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(base_url=server_url, timeout=10) as http:
        other = await http.get(f"/v1/incidents/{tenant_a.ids['incident_id']}", headers=tenant_b.reader)
        assert other.status_code == 404

        events = []
        async with http.stream("GET", "/v1/feed", headers=tenant_a.reader, params={"max_events": 3}) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            async for line in response.aiter_lines():
                if line.startswith("event: "):
                    events.append(line.removeprefix("event: "))
    assert sorted(events) == ["incident.updated", "review.scored", "review.scored"]

"""`GET /v1/practices/{ref}/digests/{period}.pdf` through the ASGI app and the real database."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from services.api.app import create_app
from vigie.settings import Settings
from vigie.tenancy import create_api_key, create_tenant

pytestmark = pytest.mark.integration


@pytest.fixture
async def client(settings: Settings, database) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
            yield http


async def tenant_with_practice(database) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Cabinet")
    await database.practices.insert_one({"tenant_id": tenant_id, "practice_ref": "cabinet-1", "name": "Cabinet",
                                         "locale": "fr-FR"})
    await database.reviews.insert_one(
        {"_id": "rev_1", "tenant_id": tenant_id, "practice_ref": "cabinet-1", "platform": "google",
         "external_id": "g-1", "channel": "review", "rating": 2, "text": "Attente trop longue", "flagged": [],
         "risk": {"topics": ["wait_time"]}, "first_received_at": datetime(2024, 12, 9, 9, tzinfo=UTC),
         "published_at": datetime(2024, 12, 9, 9, tzinfo=UTC)}
    )
    return tenant_id, await create_api_key(database, tenant_id, ("read",))


async def test_weekly_digest_pdf(client, database) -> None:  # type: ignore[no-untyped-def]
    _, token = await tenant_with_practice(database)

    response = await client.get("/v1/practices/cabinet-1/digests/weekly.pdf", params={"date": "2024-12-11"},
                                headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "cabinet-1-weekly-2024-12-09.pdf" in response.headers["content-disposition"]


async def test_other_tenant_practice_not_found(client, database) -> None:  # type: ignore[no-untyped-def]
    await tenant_with_practice(database)
    other = await create_tenant(database, "Other")
    token = await create_api_key(database, other, ("read",))

    response = await client.get("/v1/practices/cabinet-1/digests/daily.pdf",
                                headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 404


async def test_digest_pdf_requires_key(client) -> None:  # type: ignore[no-untyped-def]
    response = await client.get("/v1/practices/cabinet-1/digests/daily.pdf")
    assert response.status_code == 401


async def test_unknown_period_rejected(client, database) -> None:  # type: ignore[no-untyped-def]
    _, token = await tenant_with_practice(database)
    response = await client.get("/v1/practices/cabinet-1/digests/monthly.pdf",
                                headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422

"""API keys (create, rotate, revoke), rate limits, practices, review filters, erasure and the audit log."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from services.api.app import create_app
from tests.services.api.conftest import bearer
from tests.services.api.seed import review_document
from vigie.settings import Settings

pytestmark = pytest.mark.integration


async def test_key_rotation_and_revocation(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    created = (await client.post("/v1/keys", headers=tenant_a.admin, json={"name": "desk", "scopes": ["read"]})).json()
    old = bearer(created["token"])
    assert (await client.get("/v1/reviews", headers=old)).status_code == 200

    rotated = await client.post(f"/v1/keys/{created['id']}/rotate", headers=tenant_a.admin)
    new = bearer(rotated.json()["token"])
    assert rotated.status_code == 201
    assert (await client.get("/v1/reviews", headers=old)).status_code == 401
    assert (await client.get("/v1/reviews", headers=new)).status_code == 200

    revoked = await client.delete(f"/v1/keys/{rotated.json()['id']}", headers=tenant_a.admin)
    assert revoked.json()["revoked"] is True
    assert (await client.get("/v1/reviews", headers=new)).status_code == 401
    assert (await client.get("/v1/keys", headers=tenant_a.reader)).status_code == 403


async def test_rate_limit_answers_429(settings: Settings, tenant_a) -> None:  # type: ignore[no-untyped-def]
    limited = settings.model_copy(update={"API_RATE_LIMIT_BURST": 2, "API_RATE_LIMIT_PER_MINUTE": 1})
    app = create_app(limited)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://api") as http:
        statuses = [(await http.get("/v1/practices", headers=tenant_a.reader)) for _ in range(3)]

    assert [response.status_code for response in statuses] == [200, 200, 429]
    assert statuses[2].json()["error"]["code"] == "rate_limited"
    assert int(statuses[2].headers["Retry-After"]) >= 1


async def test_practice_crud(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    body = {"practice_ref": "zh-1", "name": "Praxis Zürich", "country": "CH", "profession": "dentist",
            "locale": "de", "time_zone": "Europe/Zurich"}
    assert (await client.post("/v1/practices", headers=tenant_a.admin, json=body)).status_code == 201
    assert (await client.post("/v1/practices", headers=tenant_a.admin, json=body)).status_code == 409

    updated = await client.patch("/v1/practices/zh-1", headers=tenant_a.admin, json={"address": "Bahnhofstr. 1"})
    assert updated.json()["address"] == "Bahnhofstr. 1"
    bad_zone = await client.patch("/v1/practices/zh-1", headers=tenant_a.admin, json={"time_zone": "Mars/Base"})
    assert bad_zone.status_code == 422
    assert (await client.delete("/v1/practices/zh-1", headers=tenant_a.admin)).status_code == 204
    assert (await client.get("/v1/practices/zh-1", headers=tenant_a.admin)).status_code == 404


async def test_review_filters_and_sorting(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    await database.reviews.insert_many([
        review_document(tenant_a.tenant_id, f"rev_extra_{n}", f"Très bon accueil numéro {n}.", rating=5,
                        received=now - timedelta(hours=n))
        for n in range(3)
    ])

    flagged = await client.get("/v1/reviews", headers=tenant_a.reader, params={"category": "extortion"})
    assert [item["id"] for item in flagged.json()["items"]] == [tenant_a.ids["message_id"]]
    high = await client.get("/v1/reviews", headers=tenant_a.reader, params={"min_score": 0.5, "max_rating": 2})
    assert [item["id"] for item in high.json()["items"]] == [tenant_a.ids["review_id"]]

    seen: list[str] = []
    params: dict[str, object] = {"sort": "-max_score", "limit": 2}
    while True:
        page = (await client.get("/v1/reviews", headers=tenant_a.reader, params=params)).json()
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 5
    assert seen[0] == tenant_a.ids["message_id"]

    invalid = await client.get("/v1/reviews", headers=tenant_a.reader, params={"cursor": "nonsense"})
    assert invalid.status_code == 400
    assert invalid.json()["error"]["code"] == "invalid_cursor"


async def test_erasure_respects_legal_hold(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await database.reviews.insert_one(review_document(tenant_a.tenant_id, "rev_free", "Paul Martin trouve ça cher."))

    response = await client.post("/v1/privacy/erasures", headers=tenant_a.admin, json={"author_name": "paul martin"})

    body = response.json()
    assert response.status_code == 201
    assert body["erased_review_ids"] == ["rev_free"]
    assert {held["review_id"] for held in body["held"]} == {tenant_a.ids["review_id"], tenant_a.ids["message_id"]}
    erased = await database.reviews.find_one({"_id": "rev_free"})
    assert erased["author_name"] == body["pseudonym"]
    assert "Paul Martin" not in erased["text"]
    assert erased["versions"][0]["author_name"] == body["pseudonym"]
    held = await database.reviews.find_one({"_id": tenant_a.ids["review_id"]})
    assert held["author_name"] == "Paul Martin"


async def test_audit_log_holds_no_text(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await client.get(f"/v1/reviews/{tenant_a.ids['review_id']}", headers=tenant_a.reader)

    entries = await database.audit_log.find({"tenant_id": tenant_a.tenant_id}).to_list()
    assert [entry["route"] for entry in entries] == ["/v1/reviews/{review_id}"]
    assert entries[0]["status"] == 200
    assert "escroc" not in str(entries)


async def test_wrong_auth_scheme_named(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/reviews", headers={"Authorization": "Token abc"})

    assert response.status_code == 401
    assert "Bearer scheme" in response.json()["error"]["message"]

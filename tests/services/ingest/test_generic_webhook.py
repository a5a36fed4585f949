"""The generic webhook against the real broker and database."""

import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from services.ingest.app import create_app
from tests.helpers import dumps, review, signed_headers
from tests.services.ingest.support import read_received, score_and_store
from vigie.settings import Settings
from vigie.tenancy import create_partner, create_tenant

pytestmark = pytest.mark.integration

URL = "/v1/webhooks/generic"


@pytest.fixture
async def partner(database) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Test tenant")
    partner_id, secret = await create_partner(database, tenant_id, "Test partner")
    return tenant_id, partner_id, secret


@pytest.fixture
async def client(settings: Settings, topics: list[str], database) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ingest") as http:
            yield http


async def post(client: httpx.AsyncClient, partner_id: str, secret: str, document: object, **kwargs):  # type: ignore[no-untyped-def]
    body = dumps(document)
    return await client.post(URL, content=body, headers=signed_headers(partner_id, secret, body, **kwargs))


async def test_batch_accepted_reaches_kafka(client, partner, settings, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id, partner_id, secret = partner
    text = "Très bien 👍\nMerci ! Ευχαριστώ 谢谢"
    response = await post(client, partner_id, secret, [review("a-1", text), review("a-2")])

    assert response.status_code == 202, response.text
    assert response.json()["accepted"] == 2
    events = await read_received(settings, expected=2)
    assert sorted(event.review.external_id for event in events) == ["a-1", "a-2"]
    assert {event.tenant_id for event in events} == {tenant_id}
    assert next(e for e in events if e.review.external_id == "a-1").review.text == text
    practice = await database.practices.find_one({"tenant_id": tenant_id, "practice_ref": "cabinet-test"})
    assert practice is not None
    assert practice["verified"] is False


async def test_new_practice_takes_tenant_country(client, partner, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id, partner_id, secret = partner
    await database.tenants.update_one({"_id": tenant_id}, {"$set": {"country": "CH", "locale": "de"}})

    await post(client, partner_id, secret, review("c-1", practice_ref="praxis-neu"))

    practice = await database.practices.find_one({"tenant_id": tenant_id, "practice_ref": "praxis-neu"})
    assert practice["country"] == "CH"
    assert practice["locale"] == "de"
    assert "time_zone" not in practice


async def test_stored_content_is_duplicate(client, partner, settings, database) -> None:  # type: ignore[no-untyped-def]
    _, partner_id, secret = partner
    first = await post(client, partner_id, secret, review("d-1"))
    await score_and_store(settings, database, await read_received(settings, expected=1))
    second = await post(client, partner_id, secret, review("d-1"))
    edited = await post(client, partner_id, secret, review("d-1", "Avis modifié."))

    assert first.json()["accepted"] == 1
    assert second.json()["accepted"] == 0
    assert second.json()["duplicates"] == 1
    assert edited.json()["accepted"] == 1
    assert len(await read_received(settings, expected=3, timeout=3)) == 2


async def test_unstored_repeat_is_accepted_again(client, partner, settings) -> None:  # type: ignore[no-untyped-def]
    _, partner_id, secret = partner
    await post(client, partner_id, secret, review("d-2"))
    again = await post(client, partner_id, secret, review("d-2"))

    # Not stored yet: producing it again is how nothing lost by the broker stays lost.
    assert again.json()["accepted"] == 1


async def test_batch_keeps_valid_items_lists_rejected(client, partner) -> None:  # type: ignore[no-untyped-def]
    _, partner_id, secret = partner
    response = await post(client, partner_id, secret, [review("v-1"), review("v-2", rating=9)])

    assert response.status_code == 202
    body = response.json()
    assert body["accepted"] == 1
    assert body["rejected"][0]["index"] == 1
    assert body["rejected"][0]["external_id"] == "v-2"
    assert body["rejected"][0]["errors"][0]["field"] == "rating"


async def test_single_invalid_item_is_422(client, partner) -> None:  # type: ignore[no-untyped-def]
    _, partner_id, secret = partner
    response = await post(client, partner_id, secret, review("x", channel="fax"))

    assert response.status_code == 422
    detail = response.json()["error"]["details"][0]
    assert detail["field"] == "channel"
    assert "'fax'" in detail["message"]


async def test_error_names_value_and_format(client, partner) -> None:  # type: ignore[no-untyped-def]
    _, partner_id, secret = partner
    rating = await post(client, partner_id, secret, [review("e-1", rating=9)])
    date = await post(client, partner_id, secret, [review("e-2", published_at="yesterday")])
    future = await post(client, partner_id, secret, [review("e-3", published_at="2099-01-01T00:00:00Z")])

    assert "(got 9)" in rating.json()["error"]["details"][0]["message"]
    assert date.json()["error"]["details"][0]["field"] == "[0].published_at"
    assert "ISO 8601" in date.json()["error"]["details"][0]["message"]
    assert "future" in future.json()["error"]["details"][0]["message"]


class TestSignature:
    async def test_wrong_secret_is_401(self, client, partner) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, _ = partner
        response = await post(client, partner_id, "whsec_" + "A" * 44, review("s-1"))
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "signature_invalid"

    async def test_missing_headers_is_401(self, client, partner) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, _ = partner
        response = await client.post(URL, content=dumps(review("s-2")), headers={"X-Vigie-Partner": partner_id})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "signature_missing"

    async def test_stale_timestamp_rejected(self, client, partner, settings) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, secret = partner
        response = await post(client, partner_id, secret, review("s-3"), timestamp=int(time.time()) - 600)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "timestamp_stale"
        assert await read_received(settings, expected=1, timeout=2) == []

    async def test_reused_webhook_id_rejected(self, client, partner) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, secret = partner
        first = await post(client, partner_id, secret, review("s-4"), webhook_id="msg_fixed")
        second = await post(client, partner_id, secret, review("s-5"), webhook_id="msg_fixed")
        assert first.status_code == 202
        assert second.status_code == 409
        assert second.json()["error"]["code"] == "webhook_id_reused"

    async def test_rotated_secret_accepted(self, client, partner, database) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, old_secret = partner
        new_secret = "whsec_" + "B" * 44
        await database.partners.update_one({"_id": partner_id}, {"$push": {"secrets": new_secret}})
        body = dumps(review("s-6"))
        headers = signed_headers(partner_id, old_secret, body)
        headers["webhook-signature"] = "v1,bogus " + headers["webhook-signature"]
        assert (await client.post(URL, content=body, headers=headers)).status_code == 202
        assert (await post(client, partner_id, new_secret, review("s-7"))).status_code == 202


class TestBadBody:
    async def test_oversized_body_is_413(self, client, partner, settings) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, secret = partner
        big = [review(f"b-{i}", "x" * 10_000) for i in range(120)]
        response = await post(client, partner_id, secret, big)
        assert response.status_code == 413
        assert str(settings.INGEST_MAX_BODY_BYTES) in response.json()["error"]["message"]

    async def test_invalid_json_is_400(self, client, partner) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, secret = partner
        body = b'{"platform": "google",'
        response = await client.post(URL, content=body, headers=signed_headers(partner_id, secret, body))
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_json"

    async def test_lone_surrogate_is_400(self, client, partner) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, secret = partner
        body = json.dumps(review("u-1", "broken \ud800 text")).encode("ascii")
        response = await client.post(URL, content=body, headers=signed_headers(partner_id, secret, body))
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "lone_surrogate"
        assert "text" in response.json()["error"]["message"]

    async def test_batch_over_limit_is_413(self, client, partner, settings) -> None:  # type: ignore[no-untyped-def]
        _, partner_id, secret = partner
        items = [review(f"m-{i}", "ok") for i in range(settings.INGEST_MAX_BATCH_ITEMS + 1)]
        response = await post(client, partner_id, secret, items)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "batch_too_large"

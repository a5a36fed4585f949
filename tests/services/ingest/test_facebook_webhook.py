"""Facebook page recommendations: handshake, X-Hub-Signature-256, add and remove."""

import hashlib
import hmac

import pytest

from services.ingest.connectors.accounts import create_account
from tests.services.ingest.support import fixture_bytes, read_received

pytestmark = pytest.mark.integration

APP_SECRET = "fb-app-secret-for-tests"


@pytest.fixture
async def account_id(database, tenant_id) -> str:  # type: ignore[no-untyped-def]
    account_id, _ = await create_account(database, tenant_id, "facebook", practices={"page-555": "cabinet-lyon"},
                                         credentials={"verify_token": "verify-me"}, secret=APP_SECRET)
    return account_id


def signed(body: bytes, secret: str = APP_SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}", "content-type": "application/json"}


async def test_add_then_remove(ingest, account_id, connector_settings) -> None:  # type: ignore[no-untyped-def]
    added = fixture_bytes("facebook/rating_add.json")
    removed = fixture_bytes("facebook/rating_remove.json")

    first = await ingest.post(f"/v1/webhooks/facebook/{account_id}", content=added, headers=signed(added))
    second = await ingest.post(f"/v1/webhooks/facebook/{account_id}", content=removed, headers=signed(removed))

    assert first.status_code == 202, first.text
    assert first.json()["ignored"] == 1
    assert second.status_code == 202, second.text
    events = await read_received(connector_settings, expected=2)
    assert [event.action for event in events] == ["upsert", "delete"]
    assert events[0].review.external_id == "fb-story-1"
    assert events[0].review.author_name == "Julie R."
    assert events[0].review.rating is None
    assert events[0].raw["value"]["recommendation_type"] == "negative"


async def test_handshake_returns_challenge(ingest, account_id) -> None:  # type: ignore[no-untyped-def]
    params = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"}
    response = await ingest.get(f"/v1/webhooks/facebook/{account_id}", params=params)
    assert response.status_code == 200
    assert response.text == "1158201444"


class TestRejected:
    async def test_handshake_wrong_token_is_403(self, ingest, account_id) -> None:  # type: ignore[no-untyped-def]
        params = {"hub.mode": "subscribe", "hub.verify_token": "other", "hub.challenge": "1"}
        response = await ingest.get(f"/v1/webhooks/facebook/{account_id}", params=params)
        assert response.status_code == 403

    async def test_unsigned_is_401(self, ingest, account_id, database) -> None:  # type: ignore[no-untyped-def]
        body = fixture_bytes("facebook/rating_add.json")
        response = await ingest.post(f"/v1/webhooks/facebook/{account_id}", content=body)
        assert response.status_code == 401
        assert "X-Hub-Signature-256" in response.json()["error"]["message"]
        assert await database.raw_payloads.count_documents({}) == 0

    async def test_wrong_secret_is_401(self, ingest, account_id) -> None:  # type: ignore[no-untyped-def]
        body = fixture_bytes("facebook/rating_add.json")
        response = await ingest.post(f"/v1/webhooks/facebook/{account_id}", content=body,
                                     headers=signed(body, "other"))
        assert response.status_code == 401

    async def test_rotated_secret_accepted(self, ingest, account_id, database) -> None:  # type: ignore[no-untyped-def]
        await database.connector_accounts.update_one({"_id": account_id}, {"$push": {"secrets": "next-secret"}})
        body = fixture_bytes("facebook/rating_add.json")
        response = await ingest.post(f"/v1/webhooks/facebook/{account_id}", content=body,
                                     headers=signed(body, "next-secret"))
        assert response.status_code == 202

    async def test_bad_verb_is_422(self, ingest, account_id) -> None:  # type: ignore[no-untyped-def]
        body = fixture_bytes("facebook/rating_add.json").replace(b'"verb": "add"', b'"verb": "shout"', 1)
        response = await ingest.post(f"/v1/webhooks/facebook/{account_id}", content=body, headers=signed(body))
        assert response.status_code == 422
        assert "shout" in response.json()["error"]["details"][0]["message"]

    async def test_not_page_object_is_400(self, ingest, account_id) -> None:  # type: ignore[no-untyped-def]
        body = b'{"object": "user", "entry": []}'
        response = await ingest.post(f"/v1/webhooks/facebook/{account_id}", content=body, headers=signed(body))
        assert response.status_code == 400

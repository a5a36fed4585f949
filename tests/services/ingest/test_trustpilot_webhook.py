"""Trustpilot service-review webhooks: created, updated and deleted, with Basic credentials."""

import base64
import json

import pytest

from services.ingest.connectors.accounts import create_account
from tests.services.ingest.support import fixture_bytes, fixture_json, read_received, score_and_store

pytestmark = pytest.mark.integration


@pytest.fixture
async def account(database, tenant_id):  # type: ignore[no-untyped-def]
    return await create_account(database, tenant_id, "trustpilot", practices={"loc-geneve": "cabinet-geneve"})


def basic(password: str) -> dict[str, str]:
    token = base64.b64encode(f"vigie:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}", "content-type": "application/json"}


async def test_lifecycle_keeps_versions_and_deletion(ingest, account, connector_settings, database) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    response = await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic(secret),
                                 content=fixture_bytes("trustpilot/events.json"))

    assert response.status_code == 202, response.text
    assert response.json()["accepted"] == 3
    events = await read_received(connector_settings, expected=3)
    assert [event.action for event in events] == ["upsert", "upsert", "delete"]
    assert events[0].review.text.startswith("Attention\n\nSi vous ne me remboursez pas")
    assert events[0].review.url == "https://www.trustpilot.com/reviews/tp-review-0001"
    assert events[0].raw["eventData"]["unknownField"] == "kept in raw"

    await score_and_store(connector_settings, database, events)
    stored = await database.reviews.find_one({"platform": "trustpilot", "external_id": "tp-review-0001"})
    assert stored["status"] == "deleted"
    assert [version["rating"] for version in stored["versions"]] == [1, 5]
    assert stored["versions"][0]["text"].startswith("Attention")


async def test_repeated_deletion_is_duplicate(ingest, account, connector_settings, database) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic(secret),
                      content=fixture_bytes("trustpilot/events.json"))
    await score_and_store(connector_settings, database, await read_received(connector_settings, expected=3))
    deletion = {"events": [fixture_json("trustpilot/events.json")["events"][2]]}  # type: ignore[index]

    again = await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic(secret), json=deletion)

    assert again.json()["duplicates"] == 1
    assert again.json()["accepted"] == 0


class TestRejected:
    async def test_wrong_password_is_401(self, ingest, account, database) -> None:  # type: ignore[no-untyped-def]
        account_id, _ = account
        response = await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic("wrong"),
                                     content=fixture_bytes("trustpilot/events.json"))
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "credentials_invalid"
        assert await database.raw_payloads.count_documents({}) == 0

    async def test_no_credentials_is_401(self, ingest, account) -> None:  # type: ignore[no-untyped-def]
        account_id, _ = account
        response = await ingest.post(f"/v1/webhooks/trustpilot/{account_id}",
                                     content=fixture_bytes("trustpilot/events.json"))
        assert response.status_code == 401

    async def test_unknown_account_is_401(self, ingest) -> None:  # type: ignore[no-untyped-def]
        response = await ingest.post("/v1/webhooks/trustpilot/tr_missing", headers=basic("x"), json={"events": []})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "account_unknown"

    async def test_rotated_secret_accepted(self, ingest, account, database) -> None:  # type: ignore[no-untyped-def]
        account_id, old = account
        await database.connector_accounts.update_one({"_id": account_id}, {"$push": {"secrets": "rotated"}})
        body = fixture_bytes("trustpilot/events.json")
        assert (await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic(old),
                                  content=body)).status_code == 202
        assert (await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic("rotated"),
                                  content=body)).status_code == 202

    async def test_invalid_stars_is_422(self, ingest, account, connector_settings) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        response = await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic(secret),
                                     content=fixture_bytes("trustpilot/malformed.json"))
        assert response.status_code == 422
        detail = response.json()["error"]["details"][0]
        assert detail["field"] == "[0].eventData.stars"
        assert "9" in detail["message"]
        assert await read_received(connector_settings, expected=1, timeout=1) == []

    async def test_missing_events_is_400(self, ingest, account) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        response = await ingest.post(f"/v1/webhooks/trustpilot/{account_id}", headers=basic(secret),
                                     content=json.dumps({"event": {}}).encode())
        assert response.status_code == 400
        assert "events" in response.json()["error"]["message"]

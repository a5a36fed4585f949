"""Yelp review webhooks, with the text fetched from a loopback Fusion API."""

import pytest

from services.ingest.connectors.accounts import create_account
from tests.services.ingest.support import fixture_json, read_received

pytestmark = pytest.mark.integration

BUSINESS = "cabinet-dentaire-test-zurich"
REVIEWS_PATH = f"/v3/businesses/{BUSINESS}/reviews"


@pytest.fixture
async def account(database, tenant_id):  # type: ignore[no-untyped-def]
    return await create_account(database, tenant_id, "yelp", practices={BUSINESS: "cabinet-zurich"},
                                credentials={"api_key": "yelp-test-key"})


async def test_text_fetched_from_fusion(ingest, account, platform_api, connector_settings) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    platform_api.answer(REVIEWS_PATH, {"error": {"code": "TOO_MANY_REQUESTS_PER_SECOND"}}, status=429,
                        headers={"Retry-After": "0"})
    platform_api.answer(REVIEWS_PATH, fixture_json("yelp/fusion_reviews.json"))

    response = await ingest.post(f"/v1/webhooks/yelp/{account_id}", params={"token": secret},
                                 json=fixture_json("yelp/webhook_new_review.json"))

    assert response.status_code == 202, response.text
    assert response.json()["accepted"] == 2
    assert response.json()["ignored"] == 1
    events = {event.review.external_id: event for event in await read_received(connector_settings, expected=2)}
    fetched = events["yelp-rev-1"]
    assert fetched.review.text.startswith("Ohne Rückerstattung")
    assert fetched.review.author_name == "Petra K."
    assert fetched.review.published_at is not None
    assert fetched.raw["text_status"] == "fetched"
    missing = events["yelp-rev-2"]
    assert missing.review.text == ""
    assert missing.review.rating == 4
    assert missing.raw["text_status"] == "not_returned_by_fusion"
    assert platform_api.headers[-1]["authorization"] == "Bearer yelp-test-key"
    assert platform_api.calls(REVIEWS_PATH) == 2


async def test_verification_echoed(ingest, account) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    response = await ingest.get(f"/v1/webhooks/yelp/{account_id}", params={"token": secret, "verification": "abc"})
    assert response.status_code == 200
    assert response.json() == {"verification": "abc"}


class TestRejected:
    async def test_wrong_token_is_401(self, ingest, account, platform_api) -> None:  # type: ignore[no-untyped-def]
        account_id, _ = account
        response = await ingest.post(f"/v1/webhooks/yelp/{account_id}", params={"token": "nope"},
                                     json=fixture_json("yelp/webhook_new_review.json"))
        assert response.status_code == 401
        assert platform_api.calls(REVIEWS_PATH) == 0

    async def test_missing_updates_is_400(self, ingest, account) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        response = await ingest.post(f"/v1/webhooks/yelp/{account_id}", params={"token": secret},
                                     json={"time": "x", "object": "business", "data": {"id": BUSINESS}})
        assert response.status_code == 400
        assert "data.updates" in response.json()["error"]["message"]

    async def test_unlinked_business_is_422(self, ingest, account) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        body = {"object": "business", "data": {"id": "other-biz", "updates": []}}
        response = await ingest.post(f"/v1/webhooks/yelp/{account_id}", params={"token": secret}, json=body)
        assert response.status_code == 422
        assert "other-biz" in response.json()["error"]["message"]

    async def test_fusion_down_is_502(self, ingest, account, platform_api, connector_settings) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        platform_api.answer(REVIEWS_PATH, {"error": "down"}, status=500)
        response = await ingest.post(f"/v1/webhooks/yelp/{account_id}", params={"token": secret},
                                     json=fixture_json("yelp/webhook_new_review.json"))
        assert response.status_code == 502
        assert f"{connector_settings.OUTBOUND_MAX_ATTEMPTS} attempts" in response.json()["error"]["message"]
        assert platform_api.calls(REVIEWS_PATH) == connector_settings.OUTBOUND_MAX_ATTEMPTS

"""Google Business Profile: Pub/Sub push, review fetch on a loopback API, polling with a cursor."""

import base64
import json

import pytest

from services.ingest.connectors.accounts import create_account
from services.ingest.connectors.google import original_text
from services.ingest.connectors.http import OutboundClient
from services.ingest.connectors.polling import poll_google_account
from services.ingest.raw_store import load_raw_payload
from tests.services.ingest.support import fixture_json, read_received

pytestmark = pytest.mark.integration

LOCATION = "accounts/1001/locations/2002"
REVIEW_PATH = f"/v4/{LOCATION}/reviews/AbFvOq-review-1"


@pytest.fixture
async def account(database, tenant_id):  # type: ignore[no-untyped-def]
    return await create_account(database, tenant_id, "google", practices={LOCATION: "cabinet-geneve"},
                                credentials={"access_token": "ya29.test-token"})


def push_body(data: object, message_id: str = "msg-1") -> dict[str, object]:
    encoded = base64.b64encode(json.dumps(data).encode()).decode()
    return {"message": {"data": encoded, "messageId": message_id, "publishTime": "2026-12-03T09:15:01Z"},
            "subscription": "projects/vigie-test/subscriptions/reviews"}


async def test_push_fetches_and_keeps_original(ingest, account, platform_api, connector_settings, database) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    platform_api.answer(REVIEW_PATH, fixture_json("google/review_translated.json"))

    response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": secret},
                                 json=push_body(fixture_json("google/notification_new_review.json")))

    assert response.status_code == 202, response.text
    [event] = await read_received(connector_settings, expected=1)
    assert event.source == "google"
    assert event.review.text == "Zahlen Sie 200 Franken oder ich schreibe weitere schlechte Bewertungen."
    assert event.review.rating == 1
    assert event.review.author_name == "Klaus Beispiel"
    assert event.review.practice_ref == "cabinet-geneve"
    assert event.raw["review"]["futureField"] == {"kept": True}
    assert platform_api.headers[0]["authorization"] == "Bearer ya29.test-token"
    raw = json.loads(await load_raw_payload(database, event.event_id))
    assert raw["message_id"] == "msg-1"
    stored = await database.raw_payloads.find_one({"_id": event.event_id})
    assert stored["received_at"] is not None


async def test_push_retries_transient_upstream(ingest, account, platform_api, connector_settings) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    platform_api.answer(REVIEW_PATH, {"error": "unavailable"}, status=503)
    platform_api.answer(REVIEW_PATH, {"error": "slow down"}, status=429, headers={"Retry-After": "0"})
    platform_api.answer(REVIEW_PATH, fixture_json("google/review_translated.json"))

    response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": secret},
                                 json=push_body(fixture_json("google/notification_new_review.json")))

    assert response.status_code == 202, response.text
    assert platform_api.calls(REVIEW_PATH) == 3


async def test_push_upstream_404_is_502(ingest, account, platform_api, connector_settings) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": secret},
                                 json=push_body(fixture_json("google/notification_new_review.json")))

    assert response.status_code == 502
    assert "404" in response.json()["error"]["message"]
    assert await read_received(connector_settings, expected=1, timeout=1) == []


async def test_other_notification_acknowledged(ingest, account) -> None:  # type: ignore[no-untyped-def]
    account_id, secret = account
    response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": secret},
                                 json=push_body({"type": "NEW_CUSTOMER_MEDIA", "location": LOCATION}))

    assert response.status_code == 202
    assert response.json()["ignored"] == 1


class TestRejected:
    async def test_wrong_token_is_401(self, ingest, account, connector_settings) -> None:  # type: ignore[no-untyped-def]
        account_id, _ = account
        response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": "guess"},
                                     json=push_body(fixture_json("google/notification_new_review.json")))
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "token_invalid"

    async def test_rotated_token_accepted(self, ingest, account, database, platform_api) -> None:  # type: ignore[no-untyped-def]
        account_id, _ = account
        await database.connector_accounts.update_one({"_id": account_id}, {"$push": {"secrets": "new-secret"}})
        platform_api.answer(REVIEW_PATH, fixture_json("google/review_translated.json"))
        response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": "new-secret"},
                                     json=push_body(fixture_json("google/notification_new_review.json")))
        assert response.status_code == 202

    async def test_bad_base64_is_400(self, ingest, account, connector_settings, database) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        body = {"message": {"data": "not base64!!", "messageId": "m"}}
        response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": secret}, json=body)
        assert response.status_code == 400
        assert "message.data" in response.json()["error"]["message"]
        assert await database.raw_payloads.count_documents({}) == 0

    async def test_unlinked_location_is_422(self, ingest, account) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        data = {"type": "NEW_REVIEW", "review": "accounts/9/locations/9/reviews/r"}
        response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": secret},
                                     json=push_body(data))
        assert response.status_code == 422
        assert "accounts/9/locations/9" in response.json()["error"]["message"]

    async def test_invalid_star_rating_is_422(self, ingest, account, platform_api) -> None:  # type: ignore[no-untyped-def]
        account_id, secret = account
        platform_api.answer(REVIEW_PATH, fixture_json("google/review_bad_rating.json"))
        response = await ingest.post(f"/v1/webhooks/google/{account_id}", params={"token": secret},
                                     json=push_body(fixture_json("google/notification_new_review.json")))
        assert response.status_code == 422
        assert "SIX" in response.json()["error"]["message"]


async def test_polling_moves_cursor(ingest, account, platform_api, connector_settings, database) -> None:  # type: ignore[no-untyped-def]
    account_id, _ = account
    translated = fixture_json("google/review_translated.json")
    anonymous = fixture_json("google/review_anonymous.json")
    list_path = f"/v4/{LOCATION}/reviews"
    platform_api.answer(list_path, {"reviews": [anonymous], "nextPageToken": "p2"})
    platform_api.answer(list_path, {"reviews": [translated]})
    app_state = ingest._transport.app.state
    account_obj = (await _accounts(database))[0]
    outbound = OutboundClient("google", connector_settings)

    first = await poll_google_account(app_state.ingest, outbound, account_obj)
    edited = {**anonymous, "comment": "Finalement déçu.", "starRating": "TWO", "updateTime": "2026-12-06T08:00:00Z"}
    platform_api.responses[list_path] = [(200, {"reviews": [edited, anonymous, translated]}, {})]
    second = await poll_google_account(app_state.ingest, outbound, account_obj)
    await outbound.close()

    assert first == 2
    assert second == 1
    events = await read_received(connector_settings, expected=3)
    assert [event.review.author_name for event in events].count(None) == 2
    cursor = await database.connector_cursors.find_one({"_id": f"google:{account_id}:{LOCATION}"})
    assert cursor["update_time"].isoformat().startswith("2026-12-06T08:00:00")


async def _accounts(database):  # type: ignore[no-untyped-def]
    from services.ingest.connectors.accounts import _account

    return [_account(document) async for document in database.connector_accounts.find({})]


@pytest.mark.parametrize(("comment", "expected"), [
    ("(Translated by Google) Good\n\n(Original)\nBien", "Bien"),
    ("Bien\n\n(Translated by Google)\nGood", "Bien"),
    ("  Plain text  ", "Plain text"),
])
def test_original_text_kept(comment: str, expected: str) -> None:
    assert original_text(comment) == expected

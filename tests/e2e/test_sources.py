"""Every source through the running stack: ingest, Kafka, scoring, MongoDB, read back through the API.

The stack's settings (tests/e2e/conftest.py) point ingest at the fake platform API served below and
give its inbound SMTP server a free port.
"""

import base64
import hashlib
import hmac
import json
import smtplib
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pymongo import MongoClient

from tests.e2e.conftest import ApiClient
from vigie.cli.import_export import parse_mapping, run_import

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "platforms"

GOOGLE_LOCATION = "accounts/1001/locations/2002"
YELP_BUSINESS = "cabinet-dentaire-test-zurich"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="module")
def platform_api(platform_api_port: int) -> Iterator[None]:
    app = FastAPI()

    @app.get(f"/v4/{GOOGLE_LOCATION}/reviews/{{review_id}}")
    async def google_review(review_id: str) -> dict[str, object]:
        return json.loads(fixture("google/review_translated.json"))

    @app.get(f"/v3/businesses/{YELP_BUSINESS}/reviews")
    async def yelp_reviews() -> dict[str, object]:
        return json.loads(fixture("yelp/fusion_reviews.json"))

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=platform_api_port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.05)
    yield
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def setup(stack, stack_settings, platform_api) -> Iterator[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Create one connector account per platform and an inbound address in the stack's database."""
    client: MongoClient[dict[str, object]] = MongoClient(str(stack["mongo_url"]))
    database = client[stack_settings.MONGO_DATABASE]
    tenant_id = str(stack["tenant_id"])
    accounts = {
        "google": {"practices": {GOOGLE_LOCATION: "e2e-google"}, "credentials": {"access_token": "t"}},
        "trustpilot": {"practices": {"loc-geneve": "e2e-trustpilot"}},
        "yelp": {"practices": {YELP_BUSINESS: "e2e-yelp"}, "credentials": {"api_key": "k"}},
        "facebook": {"practices": {"page-555": "e2e-facebook"}, "credentials": {"verify_token": "v"}},
    }
    for platform, fields in accounts.items():
        database.connector_accounts.replace_one(
            {"_id": f"e2e-{platform}"},
            {"platform": platform, "tenant_id": tenant_id, "secrets": [f"secret-{platform}"], **fields},
            upsert=True,
        )
    database.inbound_addresses.replace_one(
        {"_id": "e2e-mail+token@inbound.localhost"}, {"tenant_id": tenant_id, "practice_ref": "e2e-mail"}, upsert=True
    )
    yield {"ingest": httpx.Client(base_url=str(stack["ingest_url"]), timeout=30), "api_key": stack["api_key"]}
    client.close()


def test_google_push(setup, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    data = base64.b64encode(fixture("google/notification_new_review.json")).decode()
    response = setup["ingest"].post("/v1/webhooks/google/e2e-google", params={"token": "secret-google"},
                                    json={"message": {"data": data, "messageId": "e2e-1"}})
    assert response.status_code == 202, response.text
    [item] = api.wait_for_reviews(1, timeout=60, practice_ref="e2e-google")
    assert item["text"].startswith("Zahlen Sie 200 Franken")


def test_trustpilot_events(setup, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    token = base64.b64encode(b"vigie:secret-trustpilot").decode()
    response = setup["ingest"].post("/v1/webhooks/trustpilot/e2e-trustpilot", content=fixture("trustpilot/events.json"),
                                    headers={"Authorization": f"Basic {token}"})
    assert response.status_code == 202, response.text
    [item] = api.wait_for_reviews(1, timeout=60, practice_ref="e2e-trustpilot")
    assert item["external_id"] == "tp-review-0001"


def test_yelp_webhook(setup, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    response = setup["ingest"].post("/v1/webhooks/yelp/e2e-yelp", params={"token": "secret-yelp"},
                                    content=fixture("yelp/webhook_new_review.json"))
    assert response.status_code == 202, response.text
    items = api.wait_for_reviews(2, timeout=60, practice_ref="e2e-yelp")
    assert sorted(item["external_id"] for item in items) == ["yelp-rev-1", "yelp-rev-2"]


def test_facebook_rating(setup, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    body = fixture("facebook/rating_add.json")
    signature = "sha256=" + hmac.new(b"secret-facebook", body, hashlib.sha256).hexdigest()
    response = setup["ingest"].post("/v1/webhooks/facebook/e2e-facebook", content=body,
                                    headers={"X-Hub-Signature-256": signature})
    assert response.status_code == 202, response.text
    [item] = api.wait_for_reviews(1, timeout=60, practice_ref="e2e-facebook")
    assert item["external_id"] == "fb-story-1"


def test_forwarded_mail_over_smtp(setup, stack_settings, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    with smtplib.SMTP("127.0.0.1", stack_settings.STACK_INBOUND_SMTP_PORT, timeout=30) as smtp:
        smtp.sendmail("accueil@cabinet-test.example", ["e2e-mail+token@inbound.localhost"],
                      fixture("mail/forwarded_inline_fr.eml"))
    [item] = api.wait_for_reviews(1, timeout=60, practice_ref="e2e-mail")
    assert item["channel"] == "private_message"


def test_chat_and_eml_uploads(setup, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {setup['api_key']}"}
    chat = setup["ingest"].post("/v1/uploads/chat", params={"practice_ref": "e2e-chat"},
                                content=fixture("chat/whatsapp_android_fr.txt"), headers=headers)
    eml = setup["ingest"].post("/v1/uploads/eml", params={"practice_ref": "e2e-chat"},
                               content=fixture("mail/forwarded_attached_de.eml"), headers=headers)
    assert chat.status_code == 202, chat.text
    assert eml.status_code == 202, eml.text
    items = api.wait_for_reviews(3, timeout=60, practice_ref="e2e-chat")
    assert sorted(item["platform"] for item in items) == ["email", "whatsapp", "whatsapp"]


def test_bulk_import_cli(setup, stack, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    mapping = parse_mapping("external_id=Avis ID,author_name=Auteur,rating=Note,text=Commentaire,published_at=Date",
                            ["platform=oldtool", "practice_ref=e2e-import"])
    summary = run_import(FIXTURES / "import" / "export_fr.csv", mapping, str(stack["ingest_url"]),
                         str(setup["api_key"]))
    assert summary.accepted == 2
    assert summary.rejected == 1
    assert summary.rejected_items[0]["line"] == 4
    items = api.wait_for_reviews(2, timeout=60, practice_ref="e2e-import")
    assert len(items) == 2

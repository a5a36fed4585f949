"""Contracts: committed schemas match the models, examples validate and flow through ingest and scoring."""

import json
from pathlib import Path

import httpx
import jsonschema
import pytest

from contracts.events import ReviewReceived
from contracts.generate import SCHEMA_DIR, render, schemas
from services.ingest.app import create_app
from services.scoring.processor import ScoringProcessor
from services.scoring.records import InboundRecord
from services.scoring.runtime import build_scorer
from tests.helpers import signed_headers
from vigie.kafka import build_producer
from vigie.tenancy import create_partner, create_tenant

EXAMPLES = Path(__file__).resolve().parents[2] / "contracts" / "examples"


@pytest.mark.parametrize("name", sorted(schemas()))
def test_committed_schema_matches_model(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == render(schemas()[name]), f"run `make contracts` to regenerate {name}"


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.glob("*.json")))
def test_example_validates_against_schema(example: str) -> None:
    schema = json.loads((SCHEMA_DIR / example).read_text(encoding="utf-8"))
    document = json.loads((EXAMPLES / example).read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_invalid_example_rejected_by_schema() -> None:
    schema = json.loads((SCHEMA_DIR / "webhook.generic.v1.json").read_text(encoding="utf-8"))
    document = json.loads((EXAMPLES / "webhook.generic.v1.json").read_text(encoding="utf-8"))
    document[0]["rating"] = 7
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.integration
async def test_examples_replayed_through_ingest_and_scoring(settings, topics, database) -> None:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, "Contracts")
    partner_id, secret = await create_partner(database, tenant_id, "Contracts partner")
    body = (EXAMPLES / "webhook.generic.v1.json").read_bytes()
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://i") as client:
        response = await client.post("/v1/webhooks/generic", content=body,
                                     headers=signed_headers(partner_id, secret, body))
    assert response.status_code == 202, response.text

    received = json.loads((EXAMPLES / "reviews.received.v1.json").read_text(encoding="utf-8"))
    producer = build_producer(settings)
    await producer.start()
    try:
        processor = ScoringProcessor(settings, database, producer, build_scorer(settings))
        event = ReviewReceived.model_validate(received)
        alerts = await processor.process([InboundRecord("t", 0, 0, None, event.model_dump_json().encode(), {})])
    finally:
        await producer.stop()

    assert response.json()["accepted"] == 2
    assert [alert.category.value for alert in alerts] == ["extortion"]
    assert await database.reviews.count_documents({"external_id": "example-review-2"}) == 1

"""Write the JSON Schema of every topic and webhook body: `python -m contracts.generate`.

The schemas are generated from the pydantic models so that they cannot drift; a test fails when a
committed schema differs from what this script writes.
"""

import json
from pathlib import Path

from pydantic import BaseModel, TypeAdapter

from contracts.events import AlertRaised, ReviewReceived, ReviewScored
from contracts.reviews import ReviewCreate
from contracts.topics import Topic

SCHEMA_DIR = Path(__file__).parent / "schemas"

TOPIC_MODELS: dict[Topic, type[BaseModel]] = {
    Topic.REVIEWS_RECEIVED: ReviewReceived,
    Topic.REVIEWS_SCORED: ReviewScored,
    Topic.ALERTS_RAISED: AlertRaised,
}


def webhook_body_schema() -> dict[str, object]:
    adapter: TypeAdapter[ReviewCreate | list[ReviewCreate]] = TypeAdapter(ReviewCreate | list[ReviewCreate])
    schema = adapter.json_schema()
    schema["title"] = "GenericWebhookBody"
    schema["description"] = "One review (an object) or a batch of up to 500 (an array)."
    return schema


def schemas() -> dict[str, dict[str, object]]:
    documents = {f"{topic.value}.v1.json": model.model_json_schema() for topic, model in TOPIC_MODELS.items()}
    documents["webhook.generic.v1.json"] = webhook_body_schema()
    for name, schema in documents.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://vigie.dev/contracts/{name}"
    return documents


def render(schema: dict[str, object]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, schema in schemas().items():
        (SCHEMA_DIR / name).write_text(render(schema), encoding="utf-8")
        print(f"wrote {SCHEMA_DIR / name}")


if __name__ == "__main__":
    main()

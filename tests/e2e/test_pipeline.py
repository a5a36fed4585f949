"""Reviews through the running stack: webhook, Kafka, scoring, MongoDB, alerts, email and the API."""

import email
import json
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import ApiClient
from vigie.cli.demo import demo_file
from vigie.cli.replay import ReplayTarget, replay
from vigie.stack.manager import StackManager

pytestmark = pytest.mark.integration


def target(stack: dict[str, object]) -> ReplayTarget:
    return ReplayTarget(str(stack["ingest_url"]), str(stack["partner_id"]), str(stack["webhook_secret"]))


def wait_for_mail(mail_dir: Path, expected: int, timeout: float = 60) -> list[email.message.Message]:
    deadline = time.monotonic() + timeout
    while len(list(mail_dir.glob("*.eml"))) < expected and time.monotonic() < deadline:
        time.sleep(0.5)
    return [email.message_from_bytes(path.read_bytes()) for path in sorted(mail_dir.glob("*.eml"))]


def alert_mails(mail_dir: Path) -> set[str]:
    """Return the alert ids of the alert emails received so far (digests have none)."""
    messages = [email.message_from_bytes(path.read_bytes()) for path in mail_dir.glob("*.eml")]
    return {str(m["X-Vigie-Alert-Id"]) for m in messages if m["X-Vigie-Alert-Id"]}


def test_demo_messages_scored_and_alerted(stack, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    summary = replay([demo_file()], target(stack))
    items = {item["external_id"]: item for item in api.wait_for_reviews(summary.sent)}

    assert summary.accepted == summary.sent == 10
    assert "extortion" in items["demo-m-001"]["flagged"]
    assert "extortion" in items["demo-j-001"]["flagged"]
    assert items["demo-g-001"]["flagged"] == []
    assert "extortion" not in items["demo-g-003"]["flagged"]
    assert items["demo-g-001"]["text"].endswith("😊")

    alerts = api.http.get("/v1/alerts", params={"category": "extortion"}).json()["items"]
    # Digests land in the same folder; alert emails carry the alert id.
    mails = [m for m in wait_for_mail(Path(str(stack["mail_dir"])), len(alerts)) if m["X-Vigie-Alert-Id"]]
    subjects = [message["Subject"] for message in mails]
    assert any("chantage" in subject.lower() for subject in subjects)
    alert_ids = [message["X-Vigie-Alert-Id"] for message in mails]
    assert len(alert_ids) == len(set(alert_ids))


def test_demo_replayed_again_is_duplicate(stack, api: ApiClient) -> None:  # type: ignore[no-untyped-def]
    replay([demo_file()], target(stack))
    api.wait_for_reviews(10)
    mails_before = alert_mails(Path(str(stack["mail_dir"])))

    again = replay([demo_file()], target(stack))
    time.sleep(3)

    assert again.accepted == 0
    assert again.duplicates == 10
    assert len(api.all_reviews(practice_ref="cabinet-dentaire-demo")) == 8
    assert alert_mails(Path(str(stack["mail_dir"]))) == mails_before


def test_scoring_restart_loses_nothing(stack, stack_manager: StackManager, api: ApiClient, tmp_path) -> None:  # type: ignore[no-untyped-def]
    lines = [
        {"platform": "sms", "external_id": f"restart-{i}", "practice_ref": "cabinet-restart", "author_name": None,
         "rating": None, "text": f"Message {i} : merci pour le rendez-vous.", "language": "fr",
         "published_at": None, "channel": "private_message", "url": None}
        for i in range(30)
    ]
    source = tmp_path / "restart.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))

    stack_manager.stop_component("scoring")
    summary = replay([source], target(stack))
    stack_manager.up()
    items = api.wait_for_reviews(30, practice_ref="cabinet-restart")

    assert summary.accepted == 30
    assert sorted(item["external_id"] for item in items) == sorted(line["external_id"] for line in lines)


@pytest.mark.shared_data
def test_real_reviews_found_exactly_once(stack, api: ApiClient, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    files = [shared_data / "fr-hospitalidee-hospital.jsonl", shared_data / "fr-google-maps-public-agency.jsonl"]
    expected: dict[tuple[str, str], str] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                expected[(row["platform"], row["external_id"])] = row["practice_ref"]
    practices = sorted(set(expected.values()))

    first = replay(files, target(stack))
    found = [item for ref in practices for item in api.wait_for_reviews(
        sum(1 for value in expected.values() if value == ref), practice_ref=ref)]

    assert first.rejected == 0, first.rejected_items
    assert first.accepted == len(expected)
    keys = [(item["platform"], item["external_id"]) for item in found]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(expected)

    second = replay(files, target(stack))
    time.sleep(3)
    again = [item for ref in practices for item in api.all_reviews(practice_ref=ref)]

    assert second.accepted == 0
    assert second.duplicates == len(expected)
    assert len(again) == len(expected)

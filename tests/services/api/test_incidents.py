"""Incident workflow, evidence ZIP and its verification."""

import io
import json
import zipfile
from pathlib import Path

import httpx
import pytest

from vigie.cli.evidence import run_verify_evidence, verify_bundle
from vigie.evidence import load_chain, verify_chain

pytestmark = pytest.mark.integration


async def test_status_change_is_signed_and_logged(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    incident_id = tenant_a.ids["incident_id"]
    key = await database.api_keys.find_one({"tenant_id": tenant_a.tenant_id, "name": "admin"})

    response = await client.post(f"/v1/incidents/{incident_id}/status", headers=tenant_a.admin,
                                 json={"status": "reported_to_platform", "note": "Google form sent"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "reported_to_platform"
    assert body["status_history"][-1]["by"] == key["_id"]
    assert body["status_history"][-1]["note"] == "Google form sent"
    chain = await load_chain(database, incident_id)
    assert chain[-1]["kind"] == "status.changed"
    assert chain[-1]["content"]["from"] == "open"
    assert await verify_chain(database, incident_id) == []


async def test_invalid_transition_is_conflict(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/v1/incidents/{tenant_a.ids['incident_id']}/status", headers=tenant_a.admin,
                                 json={"status": "removed_by_platform"})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_status_transition"


async def test_removed_content_can_reopen(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    url = f"/v1/incidents/{tenant_a.ids['incident_id']}/status"
    for status in ("reported_to_platform", "removed_by_platform", "open"):
        response = await client.post(url, headers=tenant_a.admin, json={"status": status})
        assert response.status_code == 200, (status, response.text)

    assert response.json()["status"] == "open"


async def test_unknown_status_is_validation_error(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/v1/incidents/{tenant_a.ids['incident_id']}/status", headers=tenant_a.admin,
                                 json={"status": "deleted"})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_failed"
    assert response.json()["error"]["details"][0]["field"] == "status"


async def test_reader_cannot_change_status(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(f"/v1/incidents/{tenant_a.ids['incident_id']}/status", headers=tenant_a.reader,
                                 json={"status": "closed"})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


async def test_press_law_deadline_is_shown(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    response = await client.get(f"/v1/incidents/{tenant_a.ids['incident_id']}", headers=tenant_a.reader)

    # Published 31 January: three calendar months later is clamped to 30 April.
    assert response.json()["limitation_deadline"] == "2026-04-30"
    assert response.json()["severity"] == "critical"


def rewrite(archive: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.namelist():
            target.writestr(item, data if item == name else source.read(item))
    return buffer.getvalue()


async def test_evidence_zip_verifies_and_detects_tampering(client: httpx.AsyncClient, tenant_a,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    response = await client.get(f"/v1/incidents/{tenant_a.ids['incident_id']}/evidence", headers=tenant_a.reader)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"report.pdf", "incident.json", "evidence_log.json", "manifest.json"} <= set(archive.namelist())
    assert archive.read("report.pdf").startswith(b"%PDF")
    good = tmp_path / "good.zip"
    good.write_bytes(response.content)
    assert verify_bundle(good) == []
    assert run_verify_evidence(good) == 0

    edited = tmp_path / "edited.zip"
    edited.write_bytes(rewrite(response.content, "incident.json", b"{}"))
    problems = verify_bundle(edited)
    assert len(problems) == 1
    assert problems[0].startswith("incident.json: SHA-256 is")

    entries = json.loads(archive.read("evidence_log.json"))
    entries[0]["content"]["version"] = 2
    forged = tmp_path / "forged.zip"
    forged.write_bytes(rewrite(response.content, "evidence_log.json", json.dumps(entries).encode()))
    problems = verify_bundle(forged)
    assert any(problem.startswith("evidence_log.json: SHA-256 is") for problem in problems)
    assert any("entry seq 1: content was changed" in problem for problem in problems)
    assert run_verify_evidence(forged) == 1
    assert "FAILED" in capsys.readouterr().out

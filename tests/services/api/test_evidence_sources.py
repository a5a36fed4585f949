"""Raw payloads and email attachments in the evidence ZIP, linked through the incident's reviews."""

import hashlib
import io
import json
import zipfile
import zlib
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from bson import Binary

from vigie.cli.evidence import verify_bundle
from vigie.settings import Settings

pytestmark = pytest.mark.integration

SCAN = b"%PDF-1.4 scanned invoice with the demand"


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(update={"VAR_DIR": tmp_path / "var"})


def blackmail_email() -> bytes:
    message = EmailMessage()
    message["From"] = "Paul Martin <paul@example.org>"
    message["To"] = "cabinet@example.org"
    message["Subject"] = "Remise"
    message["Date"] = "Mon, 02 Jun 2025 11:15:00 +0200"
    message.set_content("Faites-moi une remise de 200 euros ou je mets une étoile partout.")
    message.add_attachment(SCAN, maintype="application", subtype="pdf", filename="facture.pdf")
    return message.as_bytes()


# Built once because each EmailMessage gets a random MIME boundary.
EMAIL = blackmail_email()


async def store_like_ingest(database, tenant_id: str, event_id: str, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    digest = hashlib.sha256(SCAN).hexdigest()
    await database.raw_payloads.insert_one({
        "_id": event_id, "tenant_id": tenant_id, "source": "eml", "content_type": "message/rfc822",
        "received_at": datetime.now(UTC), "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest(),
        "encoding": "zlib", "payload": Binary(zlib.compress(raw))})
    await database.attachments.insert_one({
        "_id": f"{tenant_id}:{digest}", "tenant_id": tenant_id, "sha256": digest, "size": len(SCAN),
        "content_type": "application/pdf", "filename": "facture.pdf", "data": Binary(SCAN),
        "stored_at": datetime.now(UTC)})


@pytest.fixture
async def archive(client: httpx.AsyncClient, tenant_a, database) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    await store_like_ingest(database, tenant_a.tenant_id, f"evt-{tenant_a.ids['message_id']}", EMAIL)
    response = await client.get(f"/v1/incidents/{tenant_a.ids['incident_id']}/evidence", headers=tenant_a.reader)
    assert response.status_code == 200, response.text
    return zipfile.ZipFile(io.BytesIO(response.content))


async def test_zip_contains_email_attachment(archive: zipfile.ZipFile) -> None:
    paths = [name for name in archive.namelist() if name.startswith("attachments/")]

    assert len(paths) == 1
    assert paths[0].endswith("facture.pdf")
    assert archive.read(paths[0]) == SCAN
    index = json.loads(archive.read("attachments.json"))
    assert index[0]["path"] == paths[0]
    assert "data" not in index[0]


async def test_zip_contains_raw_payload(archive: zipfile.ZipFile, tenant_a) -> None:  # type: ignore[no-untyped-def]
    path = f"raw/evt-{tenant_a.ids['message_id']}.eml"
    manifest = json.loads(archive.read("manifest.json"))

    assert archive.read(path) == EMAIL
    assert manifest["files"][path]["sha256"] == hashlib.sha256(EMAIL).hexdigest()
    assert "attachments/" in " ".join(manifest["files"])


async def test_zip_with_sources_still_verifies(archive: zipfile.ZipFile, tmp_path: Path) -> None:
    path = tmp_path / "evidence.zip"
    with zipfile.ZipFile(path, "w") as copy:
        for name in archive.namelist():
            copy.writestr(name, archive.read(name))

    assert verify_bundle(path) == []


async def test_zip_skips_other_tenant_attachment(client: httpx.AsyncClient, tenant_a, tenant_b, database) -> None:  # type: ignore[no-untyped-def]
    await store_like_ingest(database, tenant_b.tenant_id, "evt-of-tenant-b", EMAIL)
    await database.raw_payloads.insert_one({
        "_id": f"evt-{tenant_a.ids['message_id']}", "tenant_id": tenant_a.tenant_id, "source": "eml",
        "content_type": "message/rfc822", "payload": Binary(zlib.compress(EMAIL))})

    response = await client.get(f"/v1/incidents/{tenant_a.ids['incident_id']}/evidence", headers=tenant_a.reader)

    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert f"raw/evt-{tenant_a.ids['message_id']}.eml" in names
    assert "raw/evt-of-tenant-b.eml" not in names
    assert not [name for name in names if name.startswith("attachments/")]

"""Signed evidence ZIPs, their public-key route, and `vigie verify-evidence` against forgeries."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from vigie.cli.evidence import run_verify_evidence, verify_bundle
from vigie.evidence import append_evidence, content_hash, entry_hash
from vigie.evidence_signing import EvidenceSigner, key_id, load_public_key, signature_is_valid
from vigie.settings import Settings

pytestmark = pytest.mark.integration

ORIGINAL_TEXT = "Je mets une étoile partout si vous ne remboursez pas 200 euros."


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    # Each test generates its own development key instead of sharing the one under ./var/.
    return settings.model_copy(update={"VAR_DIR": tmp_path / "var"})


def repack(archive: bytes, replace: dict[str, bytes] | None = None, remove: tuple[str, ...] = ()) -> bytes:
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            if name not in remove:
                target.writestr(name, replace.get(name, source.read(name)))
    return buffer.getvalue()


def rehash_everything(archive: bytes, new_text: str) -> dict[str, bytes]:
    """Rewrite the note's text and recompute every hash (content, entry chain, manifest), leaving only the signature."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    entries = json.loads(source.read("evidence_log.json"))
    previous = "0" * 64
    for entry in entries:
        if entry["kind"] == "note":
            entry["content"]["text"] = new_text
        entry["content_sha256"] = content_hash(entry["content"])
        entry["previous_sha256"] = previous
        entry["entry_sha256"] = entry_hash(entry)
        previous = entry["entry_sha256"]
    log = json.dumps(entries, indent=2, ensure_ascii=False).encode()

    manifest = json.loads(source.read("manifest.json"))
    manifest["files"]["evidence_log.json"] = {"sha256": hashlib.sha256(log).hexdigest(), "bytes": len(log)}
    manifest["evidence_log"]["head_sha256"] = previous
    return {"evidence_log.json": log, "manifest.json": json.dumps(manifest, indent=2).encode()}


@pytest.fixture
async def bundle(client: httpx.AsyncClient, tenant_a, database) -> bytes:  # type: ignore[no-untyped-def]
    await append_evidence(database, tenant_a.tenant_id, tenant_a.ids["incident_id"], "note",
                          {"text": ORIGINAL_TEXT})
    await append_evidence(database, tenant_a.tenant_id, tenant_a.ids["incident_id"], "status.changed",
                          {"from": "open", "to": "reported_to_platform"})
    response = await client.get(f"/v1/incidents/{tenant_a.ids['incident_id']}/evidence", headers=tenant_a.reader)
    assert response.status_code == 200, response.text
    return response.content


@pytest.fixture
async def server_key(client: httpx.AsyncClient, tenant_a, tmp_path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    response = await client.get("/v1/evidence/public-key", headers=tenant_a.reader)
    assert response.status_code == 200, response.text
    path = tmp_path / "server-key.pem"
    path.write_text(response.json()["public_key_pem"])
    return path, response.json()["key_id"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


class TestPublicKeyRoute:
    async def test_returns_pem_and_key_id(self, client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
        response = await client.get("/v1/evidence/public-key", headers=tenant_a.reader)

        assert response.status_code == 200
        body = response.json()
        assert body["algorithm"] == "Ed25519"
        assert body["key_id"] == key_id(load_public_key(body["public_key_pem"].encode()))

    async def test_same_key_for_every_tenant(self, client: httpx.AsyncClient, tenant_a, tenant_b) -> None:  # type: ignore[no-untyped-def]
        first = await client.get("/v1/evidence/public-key", headers=tenant_a.reader)
        second = await client.get("/v1/evidence/public-key", headers=tenant_b.reader)

        assert first.json() == second.json()
        assert tenant_a.tenant_id not in first.text

    async def test_requires_api_key(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/v1/evidence/public-key")

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"


class TestSignedBundle:
    async def test_contains_signature_and_key(self, bundle: bytes, server_key: tuple[Path, str]) -> None:
        archive = zipfile.ZipFile(io.BytesIO(bundle))
        manifest_bytes = archive.read("manifest.json")
        manifest = json.loads(manifest_bytes)
        public_key = load_public_key(server_key[0].read_bytes())

        assert {"manifest.sig", "public-key.pem"} <= set(archive.namelist())
        assert manifest["format"] == "vigie-evidence/2"
        assert manifest["signature"]["key_id"] == server_key[1]
        assert manifest["evidence_log"]["entries"] == 4
        assert signature_is_valid(public_key, archive.read("manifest.sig"), manifest_bytes)
        assert archive.read("public-key.pem") == server_key[0].read_bytes()

    async def test_verifies_with_pinned_key(self, bundle: bytes, server_key: tuple[Path, str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
        path = write(tmp_path, "good.zip", bundle)

        assert run_verify_evidence(path, server_key[0]) == 0
        output = capsys.readouterr().out
        assert f"signed by the pinned key {server_key[1]}" in output
        assert "NOTE" not in output

    async def test_unpinned_success_says_signer_unproven(self, bundle: bytes, server_key: tuple[Path, str],
                                                         tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = write(tmp_path, "good.zip", bundle)

        assert run_verify_evidence(path) == 0
        output = capsys.readouterr().out
        assert f"signature valid for key {server_key[1]} found in the file" in output
        assert "pass --public-key with the key from GET /v1/evidence/public-key" in output


class TestRehashedForgery:
    """A forger edits a text, then recomputes the content, entry and manifest hashes."""

    async def test_keeping_original_signature_fails_unpinned(self, bundle: bytes, tmp_path: Path) -> None:
        forged = write(tmp_path, "forged.zip", repack(bundle, rehash_everything(bundle, "Texte réécrit.")))

        problems = verify_bundle(forged)

        assert len(problems) == 1
        assert problems[0].startswith("manifest.sig: the signature over manifest.json is invalid")
        assert run_verify_evidence(forged) == 1

    async def test_keeping_original_signature_fails_pinned(self, bundle: bytes, server_key: tuple[Path, str],
                                                           tmp_path: Path) -> None:
        forged = write(tmp_path, "forged.zip", repack(bundle, rehash_everything(bundle, "Texte réécrit.")))

        problems = verify_bundle(forged, load_public_key(server_key[0].read_bytes()))

        assert problems == [f"manifest.sig: the signature over manifest.json is invalid for the pinned key "
                            f"{server_key[1]}, so the manifest was changed or not signed by that key"]
        assert run_verify_evidence(forged, server_key[0]) == 1

    async def test_attacker_key_fails_pinned(self, bundle: bytes, server_key: tuple[Path, str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
        attacker = EvidenceSigner(Ed25519PrivateKey.generate())
        files = rehash_everything(bundle, "Texte réécrit.")
        manifest = json.loads(files["manifest.json"])
        manifest["signature"]["key_id"] = attacker.key_id
        files["manifest.json"] = json.dumps(manifest).encode()
        files["manifest.sig"] = attacker.sign(files["manifest.json"])
        files["public-key.pem"] = attacker.public_key_pem
        forged = write(tmp_path, "resigned.zip", repack(bundle, files))

        assert run_verify_evidence(forged, server_key[0]) == 1
        output = capsys.readouterr().out
        assert f"signed with key {attacker.key_id}, but --public-key is key {server_key[1]}" in output
        assert "FAILED: 2 problem(s)" in output

    async def test_attacker_key_passes_unpinned_with_note(self, bundle: bytes, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
        # Without a pinned key nothing ties the file to the server: this is why the NOTE is printed.
        attacker = EvidenceSigner(Ed25519PrivateKey.generate())
        files = rehash_everything(bundle, "Texte réécrit.")
        manifest = json.loads(files["manifest.json"])
        manifest["signature"]["key_id"] = attacker.key_id
        files["manifest.json"] = json.dumps(manifest).encode()
        files["manifest.sig"] = attacker.sign(files["manifest.json"])
        files["public-key.pem"] = attacker.public_key_pem
        forged = write(tmp_path, "resigned.zip", repack(bundle, files))

        assert run_verify_evidence(forged) == 0
        assert f"signature valid for key {attacker.key_id} found in the file" in capsys.readouterr().out


class TestMalformedBundle:
    @pytest.mark.parametrize("name", ["manifest.json", "manifest.sig", "evidence_log.json"])
    async def test_missing_file_is_named(self, bundle: bytes, tmp_path: Path, name: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
        path = write(tmp_path, "partial.zip", repack(bundle, remove=(name,)))

        assert run_verify_evidence(path) == 1
        assert f"{name} is missing from the archive" in capsys.readouterr().out

    @pytest.mark.parametrize("name", ["manifest.json", "evidence_log.json"])
    async def test_invalid_json_is_named(self, bundle: bytes, tmp_path: Path, name: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
        path = write(tmp_path, "corrupt.zip", repack(bundle, {name: b'{"files": '}))

        assert run_verify_evidence(path) == 1
        assert f"{name} is not valid JSON" in capsys.readouterr().out

    async def test_manifest_not_object_is_named(self, bundle: bytes, tmp_path: Path) -> None:
        path = write(tmp_path, "list.zip", repack(bundle, {"manifest.json": b"[]"}))

        assert verify_bundle(path) == ["manifest.json must be a JSON object, found list"]

    async def test_garbage_signature_is_invalid(self, bundle: bytes, tmp_path: Path) -> None:
        path = write(tmp_path, "garbage.zip", repack(bundle, {"manifest.sig": b"not base64!"}))

        problems = verify_bundle(path)

        assert len(problems) == 1
        assert problems[0].startswith("manifest.sig: the signature over manifest.json is invalid")

    async def test_missing_embedded_key_asks_for_pin(self, bundle: bytes, server_key: tuple[Path, str],
                                                     tmp_path: Path) -> None:
        path = write(tmp_path, "nokey.zip", repack(bundle, remove=("public-key.pem",)))

        problems = verify_bundle(path)

        assert len(problems) == 1
        assert "pass --public-key" in problems[0]
        assert verify_bundle(path, load_public_key(server_key[0].read_bytes())) == []

    async def test_missing_zip_is_usage_error(self, tmp_path: Path) -> None:
        assert run_verify_evidence(tmp_path / "absent.zip") == 2

    async def test_invalid_public_key_is_usage_error(self, bundle: bytes, tmp_path: Path) -> None:
        path = write(tmp_path, "good.zip", bundle)
        pem = write(tmp_path, "bad.pem", b"not a key")

        assert run_verify_evidence(path, pem) == 2
        assert run_verify_evidence(path, tmp_path / "absent.pem") == 2

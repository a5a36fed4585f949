"""`vigie verify-evidence FILE.zip [--public-key PEM]`: check an exported evidence file.

Checks run in order: the Ed25519 signature over `manifest.json`, the SHA-256 of every file the
manifest lists, then the hash chain of `evidence_log.json` against the chain head in the manifest.
Without --public-key the signature is checked with the key inside the archive, which proves that
nothing changed since signing but not who signed.
"""

import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from vigie.evidence import GENESIS_HASH, verify_entries
from vigie.evidence_signing import SigningKeyError, key_id, load_public_key, signature_is_valid

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "public-key.pem"
EVIDENCE_LOG = "evidence_log.json"
ENTRY_FIELDS = ("incident_id", "seq", "kind", "recorded_at", "content", "content_sha256", "previous_sha256",
                "entry_sha256")


class BundleFormatError(ValueError):
    """Raised when a file the verification needs is missing from the archive or is not valid JSON."""


@dataclass
class Verification:
    problems: list[str] = field(default_factory=list)
    # Id of the key whose signature verified; None when the signature did not verify.
    signer_key_id: str | None = None
    pinned: bool = False


def verify_bundle(path: Path, pinned_key: Ed25519PublicKey | None = None) -> list[str]:
    """Return every signature problem, difference from the manifest and break in the chain."""
    return check_bundle(path, pinned_key).problems


def check_bundle(path: Path, pinned_key: Ed25519PublicKey | None = None) -> Verification:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return Verification([f"{path}: not a readable ZIP file ({exc})"])
    with archive:
        try:
            manifest_bytes = _read(archive, MANIFEST)
            manifest = _parse_json_object(MANIFEST, manifest_bytes)
            signature = _read(archive, SIGNATURE)
        except BundleFormatError as exc:
            return Verification([str(exc)])

        result = Verification(pinned=pinned_key is not None)
        _check_signature(archive, manifest, manifest_bytes, signature, pinned_key, result)
        result.problems += _check_files(archive, manifest)
        result.problems += _check_log(archive, manifest)
    return result


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError as exc:
        raise BundleFormatError(f"{name} is missing from the archive, so it cannot be verified") from exc


def _parse_json(name: str, data: bytes) -> Any:
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleFormatError(f"{name} is not valid JSON ({exc})") from exc


def _parse_json_object(name: str, data: bytes) -> dict[str, Any]:
    value = _parse_json(name, data)
    if not isinstance(value, dict):
        raise BundleFormatError(f"{name} must be a JSON object, found {type(value).__name__}")
    return value


def _check_signature(
    archive: zipfile.ZipFile, manifest: dict[str, Any], manifest_bytes: bytes, signature: bytes,
    pinned_key: Ed25519PublicKey | None, result: Verification,
) -> None:
    recorded = manifest.get("signature", {})
    recorded_id = recorded.get("key_id") if isinstance(recorded, dict) else None

    if pinned_key is not None:
        pinned_id = key_id(pinned_key)
        if recorded_id != pinned_id:
            result.problems.append(f"{MANIFEST}: signed with key {recorded_id}, but --public-key is key {pinned_id}")
        if not signature_is_valid(pinned_key, signature, manifest_bytes):
            result.problems.append(f"{SIGNATURE}: the signature over {MANIFEST} is invalid for the pinned key "
                                   f"{pinned_id}, so the manifest was changed or not signed by that key")
            return
        result.signer_key_id = pinned_id
        return

    try:
        embedded = load_public_key(_read(archive, PUBLIC_KEY))
    except (BundleFormatError, SigningKeyError) as exc:
        result.problems.append(f"{PUBLIC_KEY}: {exc}; pass --public-key with the key from "
                               "GET /v1/evidence/public-key")
        return
    embedded_id = key_id(embedded)
    if recorded_id != embedded_id:
        result.problems.append(f"{MANIFEST}: signed with key {recorded_id}, but {PUBLIC_KEY} is key {embedded_id}")
    if not signature_is_valid(embedded, signature, manifest_bytes):
        result.problems.append(f"{SIGNATURE}: the signature over {MANIFEST} is invalid for key {embedded_id} "
                               f"from {PUBLIC_KEY}, so the manifest was changed after signing")
        return
    result.signer_key_id = embedded_id


def _check_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> list[str]:
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        return [f"{MANIFEST}: `files` is missing or not an object"]
    names = set(archive.namelist())
    unlisted = sorted(names - set(listed) - {MANIFEST, SIGNATURE, PUBLIC_KEY})
    problems = [f"{name}: in the archive but not in the manifest" for name in unlisted]
    for name, expected in sorted(listed.items()):
        if name not in names:
            problems.append(f"{name}: listed in the manifest but missing from the archive")
            continue
        recorded = expected.get("sha256") if isinstance(expected, dict) else None
        actual = hashlib.sha256(archive.read(name)).hexdigest()
        if actual != recorded:
            problems.append(f"{name}: SHA-256 is {actual}, the manifest records {recorded}")
    return problems


def _check_log(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> list[str]:
    try:
        entries = _parse_json(EVIDENCE_LOG, _read(archive, EVIDENCE_LOG))
    except BundleFormatError as exc:
        return [str(exc)]
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        return [f"{EVIDENCE_LOG}: must be a JSON list of entry objects"]
    for position, entry in enumerate(entries, start=1):
        missing = [name for name in ENTRY_FIELDS if name not in entry]
        if missing:
            return [f"{EVIDENCE_LOG}: entry {position} lacks {', '.join(missing)}"]

    expected = manifest.get("evidence_log", {})
    if not isinstance(expected, dict):
        expected = {}
    try:
        problems = [f"{EVIDENCE_LOG}: {problem}" for problem in verify_entries(entries)]
    except (TypeError, ValueError) as exc:
        return [f"{EVIDENCE_LOG}: an entry has a value of the wrong type ({exc})"]
    head = str(entries[-1]["entry_sha256"]) if entries else GENESIS_HASH
    if expected.get("entries") != len(entries):
        problems.append(f"{EVIDENCE_LOG}: contains {len(entries)} entries, "
                        f"the manifest records {expected.get('entries')}")
    if expected.get("head_sha256") != head:
        problems.append(f"{EVIDENCE_LOG}: chain head is {head}, the manifest records {expected.get('head_sha256')}")
    return problems


def run_verify_evidence(path: Path, public_key_path: Path | None = None) -> int:
    """Print the verification of `path`. Exit status: 0 verified, 1 problems found, 2 unusable input."""
    if not path.exists():
        print(f"error: file not found: {path}", file=sys.stderr)
        return 2
    pinned_key = None
    if public_key_path is not None:
        try:
            pinned_key = load_public_key(public_key_path.read_bytes())
        except OSError as exc:
            print(f"error: cannot read --public-key {public_key_path}: {exc.strerror}", file=sys.stderr)
            return 2
        except SigningKeyError as exc:
            print(f"error: --public-key {public_key_path}: {exc}", file=sys.stderr)
            return 2

    result = check_bundle(path, pinned_key)
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"FAILED: {len(result.problems)} problem(s) in {path}")
        return 1
    if result.pinned:
        print(f"OK: {path} is signed by the pinned key {result.signer_key_id}, matches its manifest "
              "and its evidence chain is intact")
        return 0
    # Not "OK": anyone can re-sign a forged file with a key of their own, so only a pinned key proves origin.
    print(f"UNVERIFIED ORIGIN: {path} matches its manifest and its evidence chain is intact")
    print(f"NOTE: signature valid for key {result.signer_key_id} found in the file; pass --public-key with the "
          "key from GET /v1/evidence/public-key to prove it was issued by your Vigie server")
    return 0

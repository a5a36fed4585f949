"""`vigie verify-evidence FILE.zip`: check an exported evidence file against its manifest and hash chain."""

import hashlib
import json
import zipfile
from pathlib import Path

from vigie.evidence import GENESIS_HASH, verify_entries

MANIFEST = "manifest.json"


def verify_bundle(path: Path) -> list[str]:
    """Return every difference between the archive and its manifest, and every break in the chain."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return [f"{path}: not a readable ZIP file ({exc})"]
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            return [f"{MANIFEST} is missing from the archive"]
        manifest = json.loads(archive.read(MANIFEST))
        listed: dict[str, dict[str, object]] = manifest.get("files", {})
        unlisted = sorted(names - set(listed) - {MANIFEST})
        problems = [f"{name}: in the archive but not in the manifest" for name in unlisted]
        for name, expected in sorted(listed.items()):
            if name not in names:
                problems.append(f"{name}: listed in the manifest but missing from the archive")
                continue
            actual = hashlib.sha256(archive.read(name)).hexdigest()
            if actual != expected["sha256"]:
                problems.append(f"{name}: SHA-256 is {actual}, the manifest records {expected['sha256']}")
        if "evidence_log.json" in names:
            problems += _verify_log(json.loads(archive.read("evidence_log.json")), manifest.get("evidence_log", {}))
    return problems


def _verify_log(entries: list[dict[str, object]], expected: dict[str, object]) -> list[str]:
    problems = [f"evidence_log.json: {problem}" for problem in verify_entries(entries)]
    head = str(entries[-1]["entry_sha256"]) if entries else GENESIS_HASH
    if expected.get("entries") != len(entries):
        problems.append(f"evidence_log.json: contains {len(entries)} entries, "
                        f"the manifest records {expected.get('entries')}")
    if expected.get("head_sha256") != head:
        problems.append(f"evidence_log.json: chain head is {head}, the manifest records {expected.get('head_sha256')}")
    return problems


def run_verify_evidence(path: Path) -> int:
    if not path.exists():
        print(f"error: file not found: {path}")
        return 2
    problems = verify_bundle(path)
    for problem in problems:
        print(problem)
    if problems:
        print(f"FAILED: {len(problems)} problem(s) in {path}")
        return 1
    print(f"OK: {path} matches its manifest and its evidence chain is intact")
    return 0

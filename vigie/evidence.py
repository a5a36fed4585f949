"""Append-only, hash-chained evidence log of incidents (collection `evidence_log`).

Each entry stores the SHA-256 of its canonical content, the hash of the previous entry of the same
incident and its own hash over both, so editing, removing or reordering an entry breaks the chain.
The hashes cover only JSON values: `content` is stored after a canonical JSON round trip and
`recorded_at` is cut to milliseconds (MongoDB's precision), so a chain exported as JSON verifies
with the same functions as one read from the database.
"""

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from vigie.mongo import Document

COLLECTION = "evidence_log"
GENESIS_HASH = "0" * 64
APPEND_ATTEMPTS = 20


class EvidenceAppendError(RuntimeError):
    """Raised when an entry cannot take the next sequence number after every attempt."""


def canonical_json(value: object) -> str:
    """Serialise `value` with sorted keys and no spaces. Datetimes become UTC ISO strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return format_timestamp(value)
    raise TypeError(f"evidence content must be JSON values or datetimes, got {type(value).__name__}")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_timestamp(moment: datetime) -> str:
    """Format as UTC with millisecond precision. Naive datetimes are taken as UTC, as pymongo returns them."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _timestamp_text(value: object) -> str:
    if isinstance(value, datetime):
        return format_timestamp(value)
    return format_timestamp(datetime.fromisoformat(str(value)))


def content_hash(content: object) -> str:
    return sha256_hex(canonical_json(content))


def entry_hash(entry: Mapping[str, Any]) -> str:
    """Hash the fields that identify an entry and its place in the chain."""
    chained = {
        "incident_id": entry["incident_id"],
        "seq": entry["seq"],
        "kind": entry["kind"],
        "recorded_at": _timestamp_text(entry["recorded_at"]),
        "content_sha256": entry["content_sha256"],
        "previous_sha256": entry["previous_sha256"],
    }
    return sha256_hex(canonical_json(chained))


def build_entry(
    tenant_id: str, incident_id: str, seq: int, kind: str, content: Mapping[str, Any],
    previous_sha256: str, recorded_at: datetime,
) -> Document:
    normalised = json.loads(canonical_json(content))
    moment = recorded_at.astimezone(UTC)
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    entry: Document = {
        "_id": "evd_" + uuid.uuid4().hex[:20],
        "tenant_id": tenant_id,
        "incident_id": incident_id,
        "seq": seq,
        "kind": kind,
        "content": normalised,
        "recorded_at": moment,
        "content_sha256": content_hash(normalised),
        "previous_sha256": previous_sha256,
    }
    entry["entry_sha256"] = entry_hash(entry)
    return entry


def verify_entries(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    """Check one incident's entries in `seq` order and return every problem found (empty if intact)."""
    problems: list[str] = []
    previous = GENESIS_HASH
    ordered = sorted(entries, key=lambda entry: int(entry["seq"]))
    for expected_seq, entry in enumerate(ordered, start=1):
        seq = entry["seq"]
        if seq != expected_seq:
            problems.append(
                f"entry seq {seq}: expected seq {expected_seq}, so an entry is missing or duplicated"
            )
        if entry["previous_sha256"] != previous:
            problems.append(f"entry seq {seq}: previous_sha256 {entry['previous_sha256']} does not match "
                            f"the hash of the entry before it, {previous}")
        actual_content = content_hash(entry["content"])
        if actual_content != entry["content_sha256"]:
            problems.append(f"entry seq {seq}: content was changed; its SHA-256 is {actual_content}, "
                            f"the entry records {entry['content_sha256']}")
        actual_entry = entry_hash(entry)
        if actual_entry != entry["entry_sha256"]:
            problems.append(f"entry seq {seq}: entry_sha256 is {entry['entry_sha256']}, "
                            f"recomputed {actual_entry}")
        previous = str(entry["entry_sha256"])
    return problems


async def append_evidence(
    database: AsyncDatabase[Document], tenant_id: str, incident_id: str, kind: str, content: dict[str, Any],
) -> Document:
    """Append an entry to the incident's chain and return it.

    Concurrent writers race for the next `seq`. The unique index on (incident_id, seq) lets one win,
    and the others reread the tail and try again.
    """
    collection = database[COLLECTION]
    for _ in range(APPEND_ATTEMPTS):
        last = await collection.find_one({"incident_id": incident_id}, sort=[("seq", DESCENDING)])
        seq = 1 if last is None else int(last["seq"]) + 1  # type: ignore[call-overload]
        previous = GENESIS_HASH if last is None else str(last["entry_sha256"])
        entry = build_entry(tenant_id, incident_id, seq, kind, content, previous, datetime.now(UTC))
        try:
            await collection.insert_one(entry)
        except DuplicateKeyError:
            continue
        return entry
    raise EvidenceAppendError(
        f"could not append to the evidence log of incident {incident_id!r} after {APPEND_ATTEMPTS} attempts, "
        "because other writers kept taking the next seq; retry later"
    )


async def load_chain(database: AsyncDatabase[Document], incident_id: str) -> list[Document]:
    cursor = database[COLLECTION].find({"incident_id": incident_id}).sort("seq", ASCENDING)
    return [entry async for entry in cursor]


async def verify_chain(database: AsyncDatabase[Document], incident_id: str) -> list[str]:
    """Verify the stored chain of an incident and return the problems found (empty if intact)."""
    return verify_entries(await load_chain(database, incident_id))

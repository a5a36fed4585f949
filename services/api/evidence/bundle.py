"""The evidence ZIP of an incident: PDF report, JSON, raw payloads, evidence log, attachments and a signed manifest.

`manifest.json` lists the SHA-256 of every other file, the head of the evidence chain and the id of the
signing key, so that `vigie verify-evidence FILE.zip` can tell exactly what changed after export.
`manifest.sig` is the server's Ed25519 signature over the exact bytes of `manifest.json`, and
`public-key.pem` a copy of the public key. Neither is listed in the manifest: the signature cannot
cover itself, and the key is bound by its id.
"""

import hashlib
import io
import json
import re
import zipfile
from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from services.api.evidence.legal import qualifications
from services.api.evidence.pdf import render_report
from services.api.evidence.sources import attachment_hashes, event_ids, load_raw_files
from services.api.repository import TenantRepository
from vigie.evidence import GENESIS_HASH, format_timestamp, load_chain
from vigie.evidence_signing import ALGORITHM, EvidenceSigner
from vigie.incidents import limitation_deadline
from vigie.mongo import Document

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "public-key.pem"
# Version 2 added the signature; version 1 archives have no manifest.sig.
FORMAT = "vigie-evidence/2"


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=_default).encode("utf-8")


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, bytes):
        return None
    return str(value)


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80] or "file"


def chronology(reviews: list[Document]) -> list[dict[str, Any]]:
    """List every stored version of every review, oldest capture first."""
    items = []
    for review in reviews:
        for version in review.get("versions", []) or []:  # type: ignore[attr-defined]
            items.append({
                "captured_at": version.get("received_at"),
                "published_at": version.get("published_at") or review.get("published_at"),
                "channel": review.get("channel") or "review", "author": version.get("author_name"),
                "platform": review.get("platform"),
                "url": review.get("url"), "text": version.get("text"),
                "sha256": version.get("content_sha256"), "review_id": review["_id"],
            })
    return sorted(items, key=lambda item: item["captured_at"] or datetime.min.replace(tzinfo=UTC))


async def build_bundle(
    database: AsyncDatabase[Document], tenant_id: str, incident: Document, signer: EvidenceSigner,
) -> bytes:
    repository = TenantRepository(database, tenant_id)
    review_ids = list(incident.get("review_ids", []) or [])  # type: ignore[call-overload]
    reviews = await repository.find_many("reviews", {"_id": {"$in": review_ids}}, sort=(("first_received_at", 1),))
    alerts = await repository.find_many("alerts", {"_id": {"$in": list(incident.get("alert_ids", []) or [])}},  # type: ignore[call-overload]
                                        sort=(("raised_at", 1),))
    raw_files = await load_raw_files(repository, event_ids(reviews))
    attachments = await repository.find_many(
        "attachments", {"sha256": {"$in": attachment_hashes(reviews, raw_files)}}, sort=(("_id", 1),),
    )
    practice = await repository.find_by("practices", {"practice_ref": incident.get("practice_ref")}) or {}
    chain = [entry for entry in await load_chain(database, str(incident["_id"])) if entry["tenant_id"] == tenant_id]

    language = str(practice.get("locale") or "fr")
    country = str(practice.get("country") or "FR")
    kinds = [str(incident.get("kind")), *[str(category) for category in incident.get("categories", []) or []]]  # type: ignore[attr-defined]
    chain_head = str(chain[-1]["entry_sha256"]) if chain else GENESIS_HASH
    generated_at = datetime.now(UTC)

    files: dict[str, bytes] = {
        "report.pdf": render_report(language, practice, incident, limitation_deadline(incident),
                                    qualifications(country, kinds, language,
                                                   public=any(review.get("channel", "review") == "review"
                                                              for review in reviews)),
                                    chronology(reviews), chain_head,
                                    generated_at),
        "incident.json": _json_bytes({"incident": incident, "practice": practice, "reviews": reviews,
                                      "alerts": alerts}),
        "evidence_log.json": _json_bytes(chain),
    }
    attachment_index = []
    for attachment in attachments:
        content = attachment.get("data")
        entry = {key: value for key, value in attachment.items() if key != "data"}
        if isinstance(content, bytes):
            prefix = str(attachment.get("sha256", ""))[:16]
            path = f"attachments/{prefix}-{_safe_name(str(attachment.get('filename', 'file')))}"
            files[path] = content
            entry["path"] = path
        attachment_index.append(entry)
    files["attachments.json"] = _json_bytes(attachment_index)
    for raw_file in raw_files:
        files[raw_file.path] = raw_file.data
    files["raw_payloads.json"] = _json_bytes([
        {"event_id": raw_file.event_id, "content_type": raw_file.content_type, "path": raw_file.path,
         "sha256_at_ingest": raw_file.sha256} for raw_file in raw_files
    ])

    manifest = {
        "format": FORMAT, "incident_id": incident["_id"], "tenant_id": tenant_id,
        "generated_at": format_timestamp(generated_at),
        "files": {path: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                  for path, data in sorted(files.items())},
        "evidence_log": {"entries": len(chain), "head_sha256": chain_head},
        "signature": {"algorithm": ALGORITHM, "key_id": signer.key_id, "file": SIGNATURE,
                      "public_key_file": PUBLIC_KEY},
    }
    manifest_bytes = _json_bytes(manifest)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, signer.sign(manifest_bytes))
        archive.writestr(PUBLIC_KEY, signer.public_key_pem)
    return buffer.getvalue()

"""`vigie replay FILE...`: post JSONL reviews through the signed generic webhook, in batches."""

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from services.ingest.signing import sign

MAX_ATTEMPTS = 5
MAX_LISTED_REJECTIONS = 20


@dataclass
class ReplayTarget:
    ingest_url: str
    partner_id: str
    webhook_secret: str


@dataclass
class ReplaySummary:
    sent: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejected_items: list[dict[str, object]] = field(default_factory=list)

    def reject(self, source: str, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.rejected_items) < MAX_LISTED_REJECTIONS:
            self.rejected_items.append({"source": source, "line": line, "reason": reason})

    def as_dict(self) -> dict[str, object]:
        return {"sent": self.sent, "accepted": self.accepted, "duplicates": self.duplicates,
                "rejected": self.rejected, "rejected_items": self.rejected_items}


class ReplayInterruptedError(Exception):
    """Raised when ingest cannot be reached; `summary` counts what was accepted before."""

    def __init__(self, message: str, summary: "ReplaySummary"):
        super().__init__(message)
        self.summary = summary


def read_items(paths: list[Path], summary: ReplaySummary) -> Iterator[tuple[str, int, object]]:
    """Yield (file, line number, parsed object); lines that are not JSON are counted as rejected."""
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                summary.sent += 1
                try:
                    item = json.loads(line)
                    json.dumps(item, ensure_ascii=False).encode("utf-8")
                except json.JSONDecodeError as exc:
                    summary.reject(str(path), number, f"invalid JSON: {exc.msg}")
                    continue
                except UnicodeEncodeError:
                    summary.reject(str(path), number, "contains a lone UTF-16 surrogate; fix the text")
                    continue
                yield str(path), number, item


def _post_batch(client: httpx.Client, target: ReplayTarget, body: bytes) -> httpx.Response:
    webhook_id = "msg_" + uuid.uuid4().hex
    for attempt in range(1, MAX_ATTEMPTS + 1):
        timestamp = int(time.time())
        headers = {
            "content-type": "application/json",
            "webhook-id": webhook_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(target.webhook_secret, webhook_id, timestamp, body),
            "X-Vigie-Partner": target.partner_id,
        }
        try:
            response = client.post(f"{target.ingest_url}/v1/webhooks/generic", content=body, headers=headers)
            if response.status_code < 500:
                return response
        except httpx.TransportError:
            if attempt == MAX_ATTEMPTS:
                raise
        time.sleep(min(2**attempt * 0.1, 3.0))
    return response


def _tally(summary: ReplaySummary, batch: list[tuple[str, int, object]], response: httpx.Response) -> None:
    if response.status_code == 202:
        body = response.json()
        summary.accepted += body["accepted"]
        summary.duplicates += body["duplicates"]
        for rejected in body["rejected"]:
            source, line, _ = batch[rejected["index"]]
            reasons = "; ".join(f"{e['field']}: {e['message']}" for e in rejected["errors"])
            summary.reject(source, line, reasons)
        return
    error = response.json().get("error", {}) if response.headers.get("content-type", "").startswith(
        "application/json") else {}
    details = {str(d.get("field")): d.get("message") for d in error.get("details", [])}
    for index, (source, line, _) in enumerate(batch):
        reason = details.get(f"[{index}]") or next(
            (message for key, message in details.items() if key.startswith(f"[{index}].")), None)
        summary.reject(source, line, f"HTTP {response.status_code} {error.get('code', '')}: "
                                     f"{reason or error.get('message', response.text[:200])}")


def replay(paths: list[Path], target: ReplayTarget, batch_size: int = 100) -> ReplaySummary:
    summary = ReplaySummary()
    batch: list[tuple[str, int, object]] = []
    with httpx.Client(timeout=60) as client:
        try:
            for item in read_items(paths, summary):
                batch.append(item)
                if len(batch) == batch_size:
                    _send(client, target, batch, summary)
                    batch = []
            if batch:
                _send(client, target, batch, summary)
        except httpx.TransportError as exc:
            raise ReplayInterruptedError(
                f"cannot reach ingest at {target.ingest_url} ({type(exc).__name__}) after {MAX_ATTEMPTS} attempts; "
                "start it with `vigie stack up` or pass --ingest-url. Items counted as accepted are stored; "
                "replaying the files again is safe.",
                summary,
            ) from exc
    return summary


def _send(client: httpx.Client, target: ReplayTarget, batch: list[tuple[str, int, object]],
          summary: ReplaySummary) -> None:
    body = json.dumps([item for _, _, item in batch], ensure_ascii=False).encode("utf-8")
    _tally(summary, batch, _post_batch(client, target, body))

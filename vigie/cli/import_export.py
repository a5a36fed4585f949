"""`vigie import FILE --mapping ...`: bring reviews and messages exported by another tool into Vigie.

Rows are mapped to the generic review shape here, so that mapping mistakes are reported per line before
anything is sent, then posted in batches to ingest's `POST /v1/uploads/import` with a tenant API key.
Going through ingest rather than publishing to Kafka directly keeps one path for every review: the same
validation, duplicate check, raw-payload storage and metrics, and the operator needs an API key only,
not broker and database credentials.
"""

import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

MAX_LISTED_REJECTIONS = 20
MAX_ATTEMPTS = 5
TARGET_FIELDS = ("platform", "external_id", "practice_ref", "author_name", "rating", "text", "language",
                 "published_at", "channel", "url")
REQUIRED_FIELDS = ("platform", "external_id", "practice_ref", "text")
DATE_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%d")


class MappingError(Exception):
    """Raised when the mapping is malformed or a row cannot be mapped with it."""


@dataclass(frozen=True)
class Mapping:
    """Target field to source column, plus constant values for fields the file does not hold."""

    columns: dict[str, str]
    constants: dict[str, str] = field(default_factory=dict)


def parse_mapping(spec: str, constants: list[str] | None = None) -> Mapping:
    """Read `field=column,field=column` or a JSON file `{"field": "column"}`; `constants` are `field=value`."""
    path = Path(spec)
    if spec.endswith(".json") and path.exists():
        columns = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(columns, dict):
            raise MappingError(f"{spec} must hold a JSON object of field to column")
    else:
        columns = dict(_pair(part, "--mapping") for part in spec.split(",") if part.strip())
    fixed = dict(_pair(item, "--set") for item in constants or [])
    unknown = sorted((set(columns) | set(fixed)) - set(TARGET_FIELDS))
    if unknown:
        raise MappingError(f"unknown target fields {unknown}; use some of {list(TARGET_FIELDS)}")
    missing = [name for name in REQUIRED_FIELDS if name not in columns and name not in fixed]
    if missing:
        raise MappingError(f"no column or --set value for {missing}; e.g. --mapping text=Comment "
                           "--set platform=google --set practice_ref=cabinet-1")
    return Mapping(columns={str(k): str(v) for k, v in columns.items()}, constants=fixed)


def _pair(text: str, option: str) -> tuple[str, str]:
    name, separator, value = text.partition("=")
    if not separator or not name.strip() or not value.strip():
        raise MappingError(f"{option} entry {text!r} is not field=value")
    return name.strip(), value.strip()


def read_rows(path: Path, file_format: str | None = None) -> Iterator[tuple[int, dict[str, object]]]:
    """Yield (line number, row) from a CSV (delimiter sniffed: comma, semicolon or tab) or JSONL file."""
    file_format = file_format or ("jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "csv")
    text = path.read_text(encoding="utf-8-sig")
    if file_format == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MappingError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise MappingError(f"{path}:{number}: a JSONL line must be an object")
            yield number, row
        return
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    for row in reader:
        yield reader.line_num, dict(row)


def map_row(row: dict[str, object], mapping: Mapping) -> dict[str, object]:
    """Return the generic review of one row; raises MappingError naming the column and the fix."""
    review: dict[str, object] = dict(mapping.constants)
    for target, column in mapping.columns.items():
        if column not in row:
            raise MappingError(f"column {column!r} (for {target}) is not in the row; columns are {sorted(row)}")
        value = row[column]
        review[target] = None if value in ("", None) else value
    if review.get("rating") is not None:
        review["rating"] = _rating(review["rating"], mapping.columns.get("rating", "rating"))
    if review.get("published_at") is not None:
        review["published_at"] = _date(str(review["published_at"]), mapping.columns.get("published_at", ""))
    for name in ("external_id", "text"):
        if review.get(name) is not None:
            review[name] = str(review[name])
    if review.get("text") is None:
        review["text"] = ""
    return review


def _rating(value: object, column: str) -> int:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        raise MappingError(f"rating {value!r} in column {column!r} is not a number from 1 to 5") from None
    if not 1 <= number <= 5:
        raise MappingError(f"rating {value!r} in column {column!r} is outside 1 to 5")
    return round(number)


def _date(value: str, column: str) -> str:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    for date_format in DATE_FORMATS:
        if parsed is not None:
            break
        try:
            parsed = datetime.strptime(value, date_format)
        except ValueError:
            continue
    if parsed is None:
        raise MappingError(f"date {value!r} in column {column!r} is not ISO 8601 or dd/mm/yyyy [hh:mm]")
    # NOTE: a date without a zone is taken as UTC; exports of French and Swiss tools usually mean local time.
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).isoformat()


@dataclass
class ImportSummary:
    rows: int = 0
    sent: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejected_items: list[dict[str, object]] = field(default_factory=list)

    def reject(self, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.rejected_items) < MAX_LISTED_REJECTIONS:
            self.rejected_items.append({"line": line, "reason": reason})

    def as_dict(self) -> dict[str, object]:
        return {"rows": self.rows, "sent": self.sent, "accepted": self.accepted, "duplicates": self.duplicates,
                "rejected": self.rejected, "rejected_items": self.rejected_items}


def run_import(path: Path, mapping: Mapping, ingest_url: str, api_key: str, batch_size: int = 200,
               file_format: str | None = None, transport: httpx.BaseTransport | None = None) -> ImportSummary:
    summary = ImportSummary()
    batch: list[tuple[int, dict[str, object]]] = []
    with httpx.Client(base_url=ingest_url, timeout=60, transport=transport,
                      headers={"Authorization": f"Bearer {api_key}"}) as http:
        for line, row in read_rows(path, file_format):
            summary.rows += 1
            try:
                batch.append((line, {"review": map_row(row, mapping), "raw": row}))
            except MappingError as exc:
                summary.reject(line, str(exc))
            if len(batch) >= batch_size:
                _post(http, path, batch, summary)
                batch = []
        if batch:
            _post(http, path, batch, summary)
    return summary


def _post(http: httpx.Client, path: Path, batch: list[tuple[int, dict[str, object]]], summary: ImportSummary) -> None:
    body = {"source_file": path.name, "items": [item for _, item in batch]}
    response = None
    for attempt in range(MAX_ATTEMPTS):
        response = http.post("/v1/uploads/import", json=body)
        if response.status_code not in (502, 503, 504):
            break
        time.sleep(min(2**attempt, 30))
    assert response is not None
    summary.sent += len(batch)
    if response.status_code == 422:
        reasons: dict[int, list[str]] = {}
        for detail in response.json()["error"]["details"]:
            index = int(str(detail["field"]).split("]")[0].lstrip("["))
            reasons.setdefault(index, []).append(f"{detail['field']}: {detail['message']}")
        for index, messages in reasons.items():
            summary.reject(batch[index][0], "; ".join(messages))
        return
    if response.status_code != 202:
        raise MappingError(f"ingest answered HTTP {response.status_code}: {response.text[:300]}")
    result = response.json()
    summary.accepted += result["accepted"]
    summary.duplicates += result["duplicates"]
    for rejected in result["rejected"]:
        summary.reject(batch[rejected["index"]][0], "; ".join(e["message"] for e in rejected["errors"]))

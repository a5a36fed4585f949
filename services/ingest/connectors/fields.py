"""Reading fields out of platform payloads, with errors that name the field and the fix."""

from datetime import UTC, datetime

from pydantic import ValidationError

from contracts.reviews import ReviewCreate
from vigie.http import ErrorDetail, validation_details


class PayloadError(Exception):
    """Raised when a platform payload lacks a field or has an invalid value; the item is rejected."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def details(self) -> list[ErrorDetail]:
        return [ErrorDetail(field=self.field, message=self.message)]


def as_object(value: object, field: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise PayloadError(field, f"expected a JSON object, got {type(value).__name__}")
    return value


def required_str(document: dict[str, object], key: str, prefix: str = "") -> str:
    value = document.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PayloadError(prefix + key, f"missing or empty; the platform always sends {key!r}")
    return value


def optional_str(document: dict[str, object], key: str, prefix: str = "") -> str | None:
    value = document.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PayloadError(prefix + key, f"expected a string, got {type(value).__name__}")
    return value


def parse_time(value: object, field: str) -> datetime | None:
    """Parse an RFC 3339 time; a time without an offset is taken as UTC."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PayloadError(field, f"expected an RFC 3339 time string, got {type(value).__name__}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise PayloadError(field, f"{value!r} is not an RFC 3339 time such as 2026-12-03T09:15:00Z") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def build_review(fields: dict[str, object]) -> ReviewCreate:
    """Validate the mapped fields as the generic shape, raising PayloadError on the first invalid one."""
    try:
        return ReviewCreate.model_validate(fields)
    except ValidationError as exc:
        detail = validation_details(list(exc.errors()))[0]  # type: ignore[arg-type]
        raise PayloadError(detail.field or "review", detail.message) from None

"""Reading and decoding a webhook body under a size limit."""

import json

from fastapi import Request

from vigie.http import ApiError


async def read_limited_body(request: Request, max_bytes: int) -> bytes:
    """Return the body, raising 413 as soon as it is known to exceed `max_bytes`, before reading it whole."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(int(declared), max_bytes)

    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, max_bytes: int) -> ApiError:
    return ApiError(
        413,
        "body_too_large",
        f"The body has at least {size} bytes; the limit is {max_bytes} bytes. Split the batch.",
    )


def decode_json(body: bytes) -> object:
    """Parse JSON, raising 400 on invalid UTF-8, invalid JSON or a lone surrogate in any string."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_encoding", f"The body is not valid UTF-8 at byte {exc.start}.") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, "invalid_json", f"The body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None
    path = _find_lone_surrogate(document, "")
    if path is not None:
        raise ApiError(
            400,
            "lone_surrogate",
            f"The string at {path or 'the top level'} contains a lone UTF-16 surrogate; send valid Unicode.",
        )
    return document


def _find_lone_surrogate(value: object, path: str) -> str | None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path
        return None
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _find_lone_surrogate(item, f"{path}[{index}]")
            if found is not None:
                return found
    if isinstance(value, dict):
        for key, item in value.items():
            found = _find_lone_surrogate(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    return None

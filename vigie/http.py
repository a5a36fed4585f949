"""Shared parts of every Vigie HTTP service: one error shape, health and metrics routes, request context."""

import time
import uuid
from collections.abc import Awaitable, Callable

import structlog
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from vigie.logs import get_logger
from vigie.metrics import HTTP_REQUEST_SECONDS, HTTP_REQUESTS, render_latest

log = get_logger(__name__)

CORRELATION_HEADER = "X-Correlation-Id"

ReadinessCheck = Callable[[], Awaitable[None]]


class ErrorDetail(BaseModel):
    field: str | None = None
    message: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """The one error shape of every Vigie API: a stable code, a message, optional details."""

    error: ErrorBody


class ApiError(Exception):
    """Raise to respond with the shared error shape. `code` is stable, and `message` is for people."""

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        details: list[ErrorDetail] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers


def error_response(
    status_code: int, code: str, message: str, details: list[ErrorDetail] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=details or []))
    return JSONResponse(status_code=status_code, content=body.model_dump(), headers=headers)


# Error types of date and time fields, whose messages do not say which format is expected.
DATETIME_ERRORS = ("datetime_parsing", "datetime_from_date_parsing", "datetime_type", "date_parsing")
MAX_SHOWN_INPUT_CHARS = 60


def describe_error(error: dict[str, object]) -> str:
    """Return pydantic's message with the rejected value and, for dates, the expected format."""
    message = str(error.get("msg"))
    value = error.get("input")
    if isinstance(value, (str, int, float, bool)) and error.get("type") != "missing":
        shown = repr(value)
        if len(shown) > MAX_SHOWN_INPUT_CHARS:
            shown = shown[:MAX_SHOWN_INPUT_CHARS] + "..."
        message += f" (got {shown})"
    if error.get("type") in DATETIME_ERRORS:
        message += "; use ISO 8601, e.g. 2026-12-03T09:15:00Z"
    return message


def validation_details(errors: list[dict[str, object]]) -> list[ErrorDetail]:
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]  # type: ignore[attr-defined]
        details.append(ErrorDetail(field=".".join(location) or None, message=describe_error(error)))
    return details


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = validation_details(list(exc.errors()))
        return error_response(422, "validation_failed", "The request is invalid; see details.", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))


def install_request_context(app: FastAPI, service: str) -> None:
    """Bind a correlation id to every log line of a request and count it by route and status."""

    @app.middleware("http")
    async def _context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        correlation_id = request.headers.get(CORRELATION_HEADER) or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(
            correlation_id=correlation_id, method=request.method, path=request.url.path
        )
        request.state.correlation_id = correlation_id
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            structlog.contextvars.unbind_contextvars("correlation_id", "method", "path")
        route = request.scope.get("route")
        route_path = getattr(route, "path", "unmatched")
        source = getattr(request.state, "source", "-")
        HTTP_REQUESTS.labels(service, route_path, source, str(response.status_code)).inc()
        HTTP_REQUEST_SECONDS.labels(service, route_path).observe(time.perf_counter() - started)
        response.headers[CORRELATION_HEADER] = correlation_id
        return response


def health_router(checks: dict[str, ReadinessCheck]) -> APIRouter:
    """Return routes `/healthz` (the process runs), `/readyz` (its dependencies respond) and `/metrics`."""
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                await check()
                results[name] = "ok"
            except Exception as exc:
                log.warning("readiness check failed", check=name, error=repr(exc))
                results[name] = f"failed: {type(exc).__name__}"
        ready = all(value == "ok" for value in results.values())
        return JSONResponse(status_code=200 if ready else 503, content={"ready": ready, "checks": results})

    @router.get("/metrics")
    async def metrics() -> Response:
        payload, content_type = render_latest()
        return Response(content=payload, media_type=content_type)

    return router

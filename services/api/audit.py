"""Audit log of API access (collection `audit_log`): who called which route, with what outcome.

Entries hold the key id, the route template and the status, never a body or a query string, so no
review text or reviewer name reaches the log.
"""

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from fastapi import FastAPI, Request, Response
from pymongo.errors import PyMongoError

from vigie.logs import get_logger

log = get_logger(__name__)


def install_audit_log(app: FastAPI) -> None:
    @app.middleware("http")
    async def _audit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        principal = getattr(request.state, "principal", None)
        if principal is None:
            return response

        route = request.scope.get("route")
        entry = {
            "_id": "aud_" + uuid.uuid4().hex, "tenant_id": principal.tenant_id, "key_id": principal.key_id,
            "method": request.method,
            "route": getattr(route, "path", "unmatched"), "status": response.status_code,
            "at": datetime.now(UTC),
            "correlation_id": getattr(request.state, "correlation_id", None),
        }
        try:
            await app.state.api.database.audit_log.insert_one(entry)
        except PyMongoError as exc:
            # The response is already computed; losing one audit entry must not fail the request.
            log.error("audit log write failed", key_id=principal.key_id, route=entry["route"], error=repr(exc))
        return response

"""`GET /v1/incidents/{id}/evidence`: the incident's evidence file as a ZIP."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from services.api.auth import Principal, require_scope
from services.api.evidence.bundle import build_bundle
from services.api.routes.incidents import load_incident
from vigie.http import ErrorResponse

router = APIRouter(prefix="/v1/incidents", tags=["evidence"],
                   responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})


@router.get("/{incident_id}/evidence", response_class=Response,
            responses={200: {"content": {"application/zip": {}},
                             "description": "report.pdf, incident.json, evidence_log.json, attachments, manifest.json"},
                       404: {"model": ErrorResponse}})
async def download_evidence(
    incident_id: str, request: Request, principal: Annotated[Principal, Depends(require_scope("read"))],
) -> Response:
    incident = await load_incident(request, principal, incident_id)
    archive = await build_bundle(request.app.state.api.database, principal.tenant_id, incident)
    return Response(content=archive, media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="evidence-{incident_id}.zip"'})

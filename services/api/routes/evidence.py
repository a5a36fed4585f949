"""`GET /v1/incidents/{id}/evidence`: the incident's signed evidence file as a ZIP.

`GET /v1/evidence/public-key`: the key that verifies those files, the same for every tenant.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel

from services.api.auth import Principal, require_scope
from services.api.evidence.bundle import build_bundle
from services.api.routes.incidents import load_incident
from vigie.evidence_signing import ALGORITHM, EvidenceSigner
from vigie.http import ErrorResponse

router = APIRouter(prefix="/v1", tags=["evidence"],
                   responses={401: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})


class EvidencePublicKey(BaseModel):
    algorithm: str
    key_id: str
    public_key_pem: str


@router.get("/incidents/{incident_id}/evidence", response_class=Response,
            responses={200: {"content": {"application/zip": {}},
                             "description": "report.pdf, incident.json, evidence_log.json, attachments, "
                                            "manifest.json, manifest.sig, public-key.pem"},
                       404: {"model": ErrorResponse}})
async def download_evidence(
    incident_id: str, request: Request, principal: Annotated[Principal, Depends(require_scope("read"))],
) -> Response:
    incident = await load_incident(request, principal, incident_id)
    state = request.app.state.api
    archive = await build_bundle(state.database, principal.tenant_id, incident, state.evidence_signer)
    return Response(content=archive, media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="evidence-{incident_id}.zip"'})


@router.get("/evidence/public-key", response_model=EvidencePublicKey)
async def evidence_public_key(
    request: Request, _: Annotated[Principal, Depends(require_scope("read"))],
) -> EvidencePublicKey:
    """Return the public key that verifies evidence files, to pin with `vigie verify-evidence --public-key`."""
    signer: EvidenceSigner = request.app.state.api.evidence_signer
    return EvidencePublicKey(algorithm=ALGORITHM, key_id=signer.key_id,
                             public_key_pem=signer.public_key_pem.decode("ascii"))

"""Every route of the gateway, called with another tenant's ids, answers 404 and leaks nothing.

Routes are enumerated from the OpenAPI document, so a new route fails here until its path
parameters are listed in ID_PARAMETERS (and then it must answer 404 for another tenant's ids).
"""

import re

import httpx
import pytest

from services.api.app import create_app
from vigie.settings import Settings

pytestmark = pytest.mark.integration

ID_PARAMETERS = {"incident_id", "review_id", "practice_ref", "key_id"}
FIXED_PARAMETERS = {"kind": "dsa_notice", "period": "weekly"}
BODIES = {
    ("POST", "/v1/practices"): {"practice_ref": "cabinet-new", "name": "New"},
    ("PATCH", "/v1/practices/{practice_ref}"): {"name": "Renamed"},
    ("POST", "/v1/keys"): {"name": "probe", "scopes": ["read"]},
    ("POST", "/v1/incidents/{incident_id}/status"): {"status": "closed"},
    ("POST", "/v1/reply-checks"): {"text": "Merci pour votre message."},
    ("POST", "/v1/privacy/erasures"): {"author_name": "Paul Martin"},
}
QUERIES = {("GET", "/v1/feed"): {"max_events": "1"}}


def operations() -> list[tuple[str, str]]:
    spec = create_app(Settings()).openapi()
    return sorted((method.upper(), path) for path, item in spec["paths"].items() for method in item
                  if path.startswith("/v1/"))


def parameters_of(path: str) -> list[str]:
    return re.findall(r"{(\w+)}", path)


def test_every_path_parameter_is_classified() -> None:
    for method, path in operations():
        unknown = set(parameters_of(path)) - ID_PARAMETERS - set(FIXED_PARAMETERS)
        assert not unknown, f"{method} {path}: add {unknown} to ID_PARAMETERS or FIXED_PARAMETERS"


@pytest.mark.parametrize(("method", "path"), operations())
async def test_other_tenant_ids_are_not_found(client: httpx.AsyncClient, tenant_a, tenant_b, database,  # type: ignore[no-untyped-def]
                                              method: str, path: str) -> None:
    await database.practices.insert_one({"tenant_id": tenant_a.tenant_id, "practice_ref": "a-only",
                                         "verified": False})
    key = await database.api_keys.find_one({"tenant_id": tenant_a.tenant_id, "name": "admin"})
    values = {**tenant_a.ids, "practice_ref": "a-only", "key_id": key["_id"], **FIXED_PARAMETERS}
    url = path.format(**{name: values[name] for name in parameters_of(path)})

    response = await client.request(method, url, headers=tenant_b.admin, json=BODIES.get((method, path)),
                                    params=QUERIES.get((method, path)))

    if set(parameters_of(path)) & ID_PARAMETERS:
        assert response.status_code == 404, response.text
        assert response.json()["error"]["code"].endswith("not_found")
    else:
        assert response.status_code < 300, response.text
    # An error message may repeat the id the caller sent, but nothing else of tenant A.
    markers = (tenant_a.tenant_id, "inc_a", "rev_rev_a", "rev_msg_a", "alr_a", "Cabinet a", "a-only", key["_id"])
    for marker in markers:
        if marker not in url:
            assert marker not in response.text


@pytest.mark.parametrize(("method", "path"), operations())
async def test_missing_key_is_unauthenticated(client: httpx.AsyncClient, method: str, path: str) -> None:
    url = path.format(**{name: "x" for name in parameters_of(path)})

    response = await client.request(method, url, json=BODIES.get((method, path)))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"

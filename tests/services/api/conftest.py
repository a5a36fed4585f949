"""A gateway app on the real database, with two tenants that each own seeded data."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from services.api.app import create_app
from tests.services.api.seed import seed_tenant
from vigie.settings import Settings
from vigie.tenancy import create_api_key, create_tenant


@dataclass
class Tenant:
    tenant_id: str
    admin: dict[str, str]
    reader: dict[str, str]
    ids: dict[str, str]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def make_tenant(database, name: str, suffix: str) -> Tenant:  # type: ignore[no-untyped-def]
    tenant_id = await create_tenant(database, name)
    admin = await create_api_key(database, tenant_id, ("read", "write", "admin"), "admin")
    reader = await create_api_key(database, tenant_id, ("read",), "reader")
    return Tenant(tenant_id, bearer(admin), bearer(reader), await seed_tenant(database, tenant_id, suffix))


@pytest.fixture
async def app(settings: Settings, database) -> AsyncIterator[FastAPI]:  # type: ignore[no-untyped-def]
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api") as http:
        yield http


@pytest.fixture
async def tenant_a(database) -> Tenant:  # type: ignore[no-untyped-def]
    return await make_tenant(database, "Tenant A", "a")


@pytest.fixture
async def tenant_b(database) -> Tenant:  # type: ignore[no-untyped-def]
    return await make_tenant(database, "Tenant B", "b")

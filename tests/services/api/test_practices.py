"""Practice settings and inbound addresses through the API, on the real database."""

import httpx
import pytest

pytestmark = pytest.mark.integration

NOTIFY = {
    "emails": ["dr@cabinet.fr"],
    "channels": ["email"],
    "min_severity": {"off_topic": "high", "*": "low"},
    "quiet_hours": {"start": "20:00", "end": "07:30", "timezone": "Europe/Paris"},
    "digests": {"daily": False, "weekly": True, "hour": 8, "weekday": 5},
}


async def create(client: httpx.AsyncClient, headers: dict[str, str], **fields: object) -> httpx.Response:
    return await client.post("/v1/practices", headers=headers, json={"practice_ref": "cabinet-x", **fields})


async def test_patch_notify_is_stored(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    assert (await create(client, tenant_a.admin)).status_code == 201

    response = await client.patch("/v1/practices/cabinet-x", headers=tenant_a.admin, json={"notify": NOTIFY})

    assert response.status_code == 200, response.text
    assert response.json()["notify"] == NOTIFY
    stored = await database.practices.find_one({"tenant_id": tenant_a.tenant_id, "practice_ref": "cabinet-x"})
    assert stored["notify"] == NOTIFY


async def test_create_notify_is_stored(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    response = await create(client, tenant_a.admin, notify=NOTIFY, locale="de-CH")

    assert response.status_code == 201, response.text
    fetched = (await client.get("/v1/practices/cabinet-x", headers=tenant_a.admin)).json()
    assert fetched["notify"] == NOTIFY
    assert fetched["locale"] == "de-CH"


async def test_stored_notify_reaches_notifier(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    from services.notifier.preferences import load_preferences

    await create(client, tenant_a.admin, notify=NOTIFY)

    preferences = await load_preferences(database, tenant_a.tenant_id, "cabinet-x")

    assert preferences.emails == ("dr@cabinet.fr",)
    assert preferences.channels == ("email",)
    assert preferences.quiet_hours is not None
    assert preferences.digests.daily is False
    assert preferences.digests.weekday == 5


@pytest.mark.parametrize("notify", [
    {"emails": ["not-an-address"]},
    {"channels": ["sms"]},
    {"min_severity": {"blackmail": "high"}},
    {"min_severity": {"threat": "severe"}},
    {"quiet_hours": {"start": "25:00", "end": "07:00"}},
    {"quiet_hours": {"start": "8pm", "end": "07:00"}},
    {"quiet_hours": {"start": "20:00", "end": "20:00"}},
    {"quiet_hours": {"start": "20:00", "end": "07:00", "timezone": "Mars/Olympus"}},
    {"digests": {"hour": 24}},
    {"digests": {"weekday": 0}},
    {"sms": True},
])
async def test_invalid_notify_is_rejected(client: httpx.AsyncClient, tenant_a, notify: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    await create(client, tenant_a.admin)

    response = await client.patch("/v1/practices/cabinet-x", headers=tenant_a.admin, json={"notify": notify})

    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"


async def test_unknown_field_is_named(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    await create(client, tenant_a.admin)

    patched = await client.patch("/v1/practices/cabinet-x", headers=tenant_a.admin, json={"alerts": {}})
    created = await client.post("/v1/practices", headers=tenant_a.admin,
                                json={"practice_ref": "cabinet-y", "colour": "blue"})

    assert patched.status_code == 422
    assert "alerts" in patched.text
    assert created.status_code == 422
    assert "colour" in created.text


async def test_inbound_address_created(client: httpx.AsyncClient, tenant_a, database, settings) -> None:  # type: ignore[no-untyped-def]
    await create(client, tenant_a.admin)
    before = (await client.get("/v1/practices/cabinet-x", headers=tenant_a.admin)).json()

    response = await client.post("/v1/practices/cabinet-x/inbound-address", headers=tenant_a.admin)

    assert before["inbound_address"] is None
    assert response.status_code == 201, response.text
    address = response.json()["inbound_address"]
    assert address.startswith("cabinet-x+")
    assert address.endswith(f"@{settings.INBOUND_SMTP_DOMAIN}")
    stored = await database.inbound_addresses.find_one({"_id": address})
    assert stored["tenant_id"] == tenant_a.tenant_id
    assert stored["practice_ref"] == "cabinet-x"
    fetched = (await client.get("/v1/practices/cabinet-x", headers=tenant_a.admin)).json()
    assert fetched["inbound_address"] == address


async def test_inbound_address_rotation(client: httpx.AsyncClient, tenant_a, database) -> None:  # type: ignore[no-untyped-def]
    await create(client, tenant_a.admin)
    url = "/v1/practices/cabinet-x/inbound-address"
    first = (await client.post(url, headers=tenant_a.admin)).json()["inbound_address"]

    second = (await client.post(url, headers=tenant_a.admin)).json()["inbound_address"]

    assert second != first
    assert (await database.inbound_addresses.find_one({"_id": first}))["disabled"] is True
    assert (await database.inbound_addresses.find_one({"_id": second})).get("disabled") is not True
    listed = (await client.get("/v1/practices", headers=tenant_a.admin)).json()["items"]
    assert [item["inbound_address"] for item in listed if item["practice_ref"] == "cabinet-x"] == [second]


async def test_inbound_address_needs_write(client: httpx.AsyncClient, tenant_a) -> None:  # type: ignore[no-untyped-def]
    await create(client, tenant_a.admin)

    response = await client.post("/v1/practices/cabinet-x/inbound-address", headers=tenant_a.reader)

    assert response.status_code == 403

"""The development tenant of the embedded stack, on the real broker and database."""

from pathlib import Path

import pytest

from vigie.settings import Settings
from vigie.stack.bootstrap import DEMO_PRACTICES, bootstrap_development

pytestmark = pytest.mark.integration


async def test_demo_inbound_addresses_stable(settings: Settings, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = await bootstrap_development(settings, tmp_path)
    second = await bootstrap_development(settings, tmp_path)

    addresses = first["inbound_addresses"]
    assert set(addresses) == {practice["practice_ref"] for practice in DEMO_PRACTICES}
    assert second["inbound_addresses"] == addresses
    for practice_ref, address in addresses.items():
        assert address.startswith(f"{practice_ref}+")
        assert address.endswith(f"@{settings.INBOUND_SMTP_DOMAIN}")
        stored = await database.inbound_addresses.find_one({"_id": address})
        assert stored["tenant_id"] == first["tenant_id"]
        assert stored["practice_ref"] == practice_ref

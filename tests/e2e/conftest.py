"""The whole embedded stack, started once for the end-to-end tests on ports of its own."""

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from vigie.settings import Settings
from vigie.stack.manager import StackManager
from vigie.stack.processes import free_port


@pytest.fixture(scope="session")
def platform_api_port() -> int:
    """Port of the fake platform API (Google, Yelp) that the stack's ingest calls in the tests."""
    return free_port()


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory: pytest.TempPathFactory, platform_api_port: int) -> Settings:
    return Settings(
        ENVIRONMENT="test",
        VAR_DIR=tmp_path_factory.mktemp("stack-var"),
        STACK_BROKER_PORT=free_port(),
        STACK_MONGO_PORT=free_port(),
        SMTP_PORT=free_port(),
        INGEST_PORT=free_port(),
        SCORING_WEB_PORT=free_port(),
        NOTIFIER_PORT=free_port(),
        API_PORT=free_port(),
        STACK_INBOUND_SMTP_PORT=free_port(),
        GOOGLE_API_BASE_URL=f"http://127.0.0.1:{platform_api_port}",
        YELP_API_BASE_URL=f"http://127.0.0.1:{platform_api_port}",
        KAFKA_TOPIC_PARTITIONS=2,
        # The tests poll the API while waiting; the per-key limit is tested on its own.
        API_RATE_LIMIT_PER_MINUTE=100_000,
        API_RATE_LIMIT_BURST=10_000,
    )


@pytest.fixture(scope="session")
def stack_manager(stack_settings: Settings) -> Iterator[StackManager]:
    manager = StackManager(stack_settings)
    try:
        yield manager
    finally:
        manager.down()


@pytest.fixture(scope="session")
def stack(stack_manager: StackManager) -> dict[str, object]:
    return stack_manager.up()


@pytest.fixture(scope="session")
def shared_data(stack_settings: Settings) -> Path:
    path = stack_settings.SHARED_DATA / "reviews"
    if not path.is_dir():
        pytest.skip(f"real review data not found at {path}; set VIGIE_SHARED_DATA to the shared data folder")
    return path


class ApiClient:
    def __init__(self, info: dict[str, object]):
        self.http = httpx.Client(base_url=str(info["api_url"]), timeout=30,
                                 headers={"Authorization": f"Bearer {info['api_key']}"})

    def all_reviews(self, **params: object) -> list[dict[str, object]]:
        items: list[dict[str, object]] = []
        cursor = None
        while True:
            query = {"limit": 200, **params, **({"cursor": cursor} if cursor else {})}
            response = self.http.get("/v1/reviews", params=query)
            if response.status_code == 429:
                time.sleep(float(response.headers.get("Retry-After", "1")))
                continue
            page = response.raise_for_status().json()
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                return items

    def wait_for_reviews(self, expected: int, timeout: float = 180, **params: object) -> list[dict[str, object]]:
        deadline = time.monotonic() + timeout
        items = self.all_reviews(**params)
        while len(items) < expected and time.monotonic() < deadline:
            time.sleep(1)
            items = self.all_reviews(**params)
        return items


@pytest.fixture(scope="session")
def api(stack: dict[str, object]) -> ApiClient:
    return ApiClient(stack)

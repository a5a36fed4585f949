"""Fixtures that start the real broker (Tansu) and database (SecantusDB) on loopback.

Both servers start once per test session; each test gets its own topic prefix and database name so
that tests never see each other's data.
"""

import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from vigie.kafka import ensure_topics
from vigie.mongo import Document, ensure_indexes
from vigie.settings import Settings
from vigie.stack.processes import free_port, secantus_command, spawn, stop, tansu_command, wait_for_port


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-logs")


@pytest.fixture(scope="session")
def kafka_bootstrap(server_logs: Path) -> Iterator[str]:
    port = free_port()
    log_path = server_logs / "tansu.log"
    process = spawn(tansu_command(port), log_path)
    try:
        wait_for_port("tansu", process, port, log_path, timeout=20)
        yield f"127.0.0.1:{port}"
    finally:
        stop(process.pid)


@pytest.fixture(scope="session")
def mongo_url(server_logs: Path) -> Iterator[str]:
    port = free_port()
    log_path = server_logs / "secantus.log"
    process: subprocess.Popen[bytes] = spawn(secantus_command(port, ":memory:"), log_path)
    try:
        wait_for_port("secantusdb", process, port, log_path, timeout=60)
        yield f"mongodb://127.0.0.1:{port}/?directConnection=true"
    finally:
        stop(process.pid)


@pytest.fixture
def settings(kafka_bootstrap: str, mongo_url: str) -> Settings:
    """Settings pointing at the session's servers, with a topic prefix and database of this test's own."""
    unique = uuid.uuid4().hex[:10]
    return Settings(
        ENVIRONMENT="test",
        LOG_FORMAT="console",
        KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        KAFKA_TOPIC_PREFIX=f"t{unique}.",
        KAFKA_TOPIC_PARTITIONS=2,
        MONGO_URL=mongo_url,  # type: ignore[arg-type]
        MONGO_DATABASE=f"vigie_test_{unique}",
    )


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[object]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(
        settings.MONGO_URL.get_secret_value(), tz_aware=True
    )
    db = client[settings.MONGO_DATABASE]
    await ensure_indexes(db)
    try:
        yield db
    finally:
        await client.drop_database(settings.MONGO_DATABASE)
        await client.close()


@pytest.fixture
async def topics(settings: Settings) -> list[str]:
    return await ensure_topics(settings)

"""The clients the scoring worker holds, created inside faust's event loop on first use."""

import asyncio

from aiokafka import AIOKafkaProducer
from pymongo import AsyncMongoClient

from contracts.risk import Category
from services.scoring.engine import TextScorer
from services.scoring.near_duplicates import NearDuplicateIndex
from services.scoring.processor import ScoringProcessor
from services.scoring.signals_stage import SignalTables, StreamSignals
from vigie.kafka import build_producer
from vigie.logs import get_logger
from vigie.mongo import Document, build_client, ensure_indexes, get_database, ping
from vigie.settings import Settings

log = get_logger(__name__)


def build_scorer(settings: Settings) -> TextScorer:
    thresholds = {Category(name): value for name, value in settings.SCORING_THRESHOLDS.items()}
    return TextScorer(thresholds=thresholds or None)


class ScoringRuntime:
    def __init__(self, settings: Settings, tables: SignalTables | None = None):
        self._settings = settings
        self._tables = tables
        self._lock = asyncio.Lock()
        self._processor: ScoringProcessor | None = None
        self._client: AsyncMongoClient[Document] | None = None
        self._producer: AIOKafkaProducer | None = None

    async def processor(self) -> ScoringProcessor:
        async with self._lock:
            if self._processor is None:
                self._processor = await self._build()
            return self._processor

    async def _build(self) -> ScoringProcessor:
        self._producer = build_producer(self._settings)
        await self._producer.start()
        self._client = build_client(self._settings)
        database = get_database(self._client, self._settings)
        await ensure_indexes(database)
        log.info("scoring started", bootstrap=self._settings.KAFKA_BOOTSTRAP_SERVERS)
        scorer = build_scorer(self._settings)
        signals = None
        if self._tables is not None:
            threshold = scorer.thresholds[Category.FAKE_SUSPECT]
            signals = StreamSignals(self._tables, NearDuplicateIndex(database), threshold)
        return ScoringProcessor(self._settings, database, self._producer, scorer, signals)

    async def readiness(self) -> dict[str, str]:
        checks = {"kafka": "not started", "mongodb": "not started"}
        if self._producer is not None:
            try:
                await self._producer.client.fetch_all_metadata()
                checks["kafka"] = "ok"
            except Exception as exc:
                checks["kafka"] = f"failed: {type(exc).__name__}"
        if self._client is not None:
            try:
                await ping(get_database(self._client, self._settings))
                checks["mongodb"] = "ok"
            except Exception as exc:
                checks["mongodb"] = f"failed: {type(exc).__name__}"
        return checks

    async def close(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
        if self._client is not None:
            await self._client.close()
        log.info("scoring stopped")

"""The faust-streaming application of the scoring service.

Every topic, faust's internal ones included, is created by `vigie.kafka.ensure_topics` before the worker
starts, with the configured partition count. Values are read as raw bytes and decoded by the
processor, so an undecodable record reaches the dead-letter topic instead of crashing the agent.
"""

from typing import Any

import faust
from faust.web import Request, Response, View

from contracts.topics import Topic, topic_name
from services.scoring.records import InboundRecord
from services.scoring.runtime import ScoringRuntime
from services.scoring.tables import FaustSignalTables, create_tables
from vigie.kafka import decode_headers
from vigie.lag import report_consumer_lag
from vigie.logs import get_logger
from vigie.metrics import render_latest
from vigie.settings import Settings

log = get_logger(__name__)


def create_app(settings: Settings) -> faust.App:
    app = faust.App(
        f"{settings.KAFKA_TOPIC_PREFIX}vigie-scoring",
        broker=f"kafka://{settings.KAFKA_BOOTSTRAP_SERVERS}",
        store="memory://",
        autodiscover=False,
        topic_partitions=settings.KAFKA_TOPIC_PARTITIONS,
        topic_replication_factor=settings.KAFKA_REPLICATION_FACTOR,
        broker_session_timeout=settings.KAFKA_SESSION_TIMEOUT_SECONDS,
        broker_heartbeat_interval=settings.KAFKA_HEARTBEAT_INTERVAL_SECONDS,
        broker_rebalance_timeout=settings.KAFKA_REBALANCE_TIMEOUT_SECONDS,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        web_enabled=True,
        web_host=settings.SCORING_WEB_HOST,
        web_bind=settings.SCORING_WEB_HOST,
        web_port=settings.SCORING_WEB_PORT,
        web_metrics_enabled=False,
    )
    tables = create_tables(app)
    runtime = ScoringRuntime(settings, FaustSignalTables(tables))
    received = app.topic(
        topic_name(Topic.REVIEWS_RECEIVED, settings.KAFKA_TOPIC_PREFIX),
        key_serializer="raw",
        value_serializer="raw",
        partitions=settings.KAFKA_TOPIC_PARTITIONS,
    )

    @app.agent(received)
    async def score_reviews(stream: faust.StreamT[Any]) -> None:
        processor = await runtime.processor()
        # faust-streaming 0.15 has take_events at run time but not in its StreamT type.
        async for events in stream.take_events(  # type: ignore[attr-defined]
            settings.SCORING_BATCH_SIZE, within=settings.SCORING_BATCH_WITHIN_SECONDS
        ):
            records = [
                InboundRecord(
                    topic=event.message.topic,
                    partition=event.message.partition,
                    offset=event.message.offset,
                    key=event.message.key,
                    value=event.message.value,
                    headers=decode_headers(event.message.headers),
                )
                for event in events
            ]
            await processor.process(records)

    @app.task
    async def report_lag() -> None:
        # The lag of this worker's own group, read from the broker, for the growing-lag alert rule.
        await report_consumer_lag(settings, {app.conf.id: [received.get_topic_name()]})

    @app.page("/healthz")
    async def healthz(web: View, request: Request) -> Response:
        return web.json({"status": "ok"})

    @app.page("/readyz")
    async def readyz(web: View, request: Request) -> Response:
        checks = await runtime.readiness()
        ready = all(value == "ok" for value in checks.values())
        return web.json({"ready": ready, "checks": checks}, status=200 if ready else 503)

    @app.page("/metrics")
    async def metrics(web: View, request: Request) -> Response:
        payload, content_type = render_latest()
        # aiohttp rejects a charset inside `content_type`, and Prometheus' content type carries one.
        return web.bytes(payload, headers={"Content-Type": content_type})

    # faust's signal type expects a `signal` keyword that it always passes inside **kwargs.
    @app.on_before_shutdown.connect  # type: ignore[arg-type]
    async def close_clients(app: faust.App, **_: Any) -> None:
        await runtime.close()

    return app

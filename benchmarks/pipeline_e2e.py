"""End-to-end pipeline benchmark: replay N reviews through a fresh embedded stack.

Prints accepted/s (webhook), stored/s (MongoDB), latency percentiles from webhook to stored and from
webhook to alert, and the raw aiokafka produce rate measured in the same run, so the ratio shows what
the pipeline costs. It uses the first N reviews of fr-trustpilot-shops.jsonl when the data set is
present, and our own generated texts otherwise. One item in 50 is a blackmail message, so alerts flow too.

    .venv/bin/python benchmarks/pipeline_e2e.py --reviews 5000
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _data import REPO, read_jsonl
from aiokafka import AIOKafkaProducer
from pymongo import AsyncMongoClient

from services.ingest.signing import sign
from vigie.settings import Settings
from vigie.stack.manager import StackManager
from vigie.stack.processes import free_port

BLACKMAIL = "Faites-moi une remise de 40 % sur la facture {i}, sinon je mets une étoile sur Google."


def load_reviews(count: int) -> list[dict[str, object]]:
    path = Path(os.environ.get("VIGIE_SHARED_DATA", REPO.parent / "shared" / "data")) / "reviews"
    source = path / "fr-trustpilot-shops.jsonl"
    rows: list[dict[str, object]] = []
    if source.exists():
        rows = [row for _, row in zip(range(count), read_jsonl(source), strict=False)]
    while len(rows) < count:
        i = len(rows)
        rows.append({"platform": "bench", "external_id": f"gen-{i}", "practice_ref": f"cabinet-{i % 40}",
                     "author_name": None, "rating": 1 + i % 5, "text": f"Avis numéro {i} : accueil correct, attente.",
                     "language": "fr", "published_at": None, "channel": "review", "url": None})
    for i in range(0, count, 50):
        rows[i] = {**rows[i], "platform": "bench-sms", "external_id": f"blackmail-{i}", "channel": "private_message",
                   "text": BLACKMAIL.format(i=i), "rating": None}
    return rows


def percentiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return f"p50 {pick(0.5) * 1000:.0f} ms, p95 {pick(0.95) * 1000:.0f} ms, p99 {pick(0.99) * 1000:.0f} ms"


async def raw_produce_rate(bootstrap: str, rows: list[dict[str, object]]) -> float:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        payloads = [json.dumps(row, ensure_ascii=False).encode() for row in rows]
        started = time.perf_counter()
        futures = [await producer.send("bench.raw-produce", payload) for payload in payloads]
        await asyncio.gather(*futures)
        return len(payloads) / (time.perf_counter() - started)
    finally:
        await producer.stop()


async def post_all(info: dict[str, object], rows: list[dict[str, object]], batch: int, concurrency: int) -> float:
    semaphore = asyncio.Semaphore(concurrency)

    async def post(client: httpx.AsyncClient, chunk: list[dict[str, object]], number: int) -> None:
        body = json.dumps(chunk, ensure_ascii=False).encode()
        async with semaphore:
            timestamp = int(time.time())
            webhook_id = f"bench-{number}-{timestamp}"
            headers = {"content-type": "application/json", "webhook-id": webhook_id,
                       "webhook-timestamp": str(timestamp), "X-Vigie-Partner": str(info["partner_id"]),
                       "webhook-signature": sign(str(info["webhook_secret"]), webhook_id, timestamp, body)}
            response = await client.post(f"{info['ingest_url']}/v1/webhooks/generic", content=body, headers=headers)
            response.raise_for_status()

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=120) as client:
        chunks = [rows[i:i + batch] for i in range(0, len(rows), batch)]
        await asyncio.gather(*(post(client, chunk, n) for n, chunk in enumerate(chunks)))
    return time.perf_counter() - started


async def measure(info: dict[str, object], rows: list[dict[str, object]], args: argparse.Namespace) -> None:
    raw_rate = await raw_produce_rate(str(info["kafka_bootstrap_servers"]), rows)
    client: AsyncMongoClient = AsyncMongoClient(str(info["mongo_url"]), tz_aware=True)
    database = client["vigie"]
    tenant = str(info["tenant_id"])

    started = time.perf_counter()
    post_seconds = await post_all(info, rows, args.batch, args.concurrency)
    while await database.reviews.count_documents({"tenant_id": tenant}) < len(rows):
        if time.perf_counter() - started > args.timeout:
            print("timed out waiting for every review to be stored", file=sys.stderr)
            break
        await asyncio.sleep(0.2)
    stored_seconds = time.perf_counter() - started

    stored = [(d["updated_at"] - d["versions"][0]["received_at"]).total_seconds()
              async for d in database.reviews.find({"tenant_id": tenant}, {"updated_at": 1, "versions.received_at": 1})]
    received = {d["_id"]: d["versions"][0]["received_at"]
                async for d in database.reviews.find({"tenant_id": tenant, "flagged": "extortion"},
                                                     {"versions.received_at": 1})}
    alerted = [(a["raised_at"] - received[a["review_id"]]).total_seconds()
               async for a in database.alerts.find({"tenant_id": tenant, "category": "extortion"})
               if a["review_id"] in received]
    await client.close()

    print(f"reviews: {len(rows)} in batches of {args.batch}, {args.concurrency} concurrent requests")
    print(f"raw aiokafka produce (acks=all, linger 5 ms): {raw_rate:,.0f} messages/s")
    print(f"accepted (webhook 202): {len(rows) / post_seconds:,.0f} reviews/s  "
          f"({len(rows) / post_seconds / raw_rate:.1%} of raw produce)")
    print(f"stored (MongoDB): {len(stored) / stored_seconds:,.0f} reviews/s")
    print(f"latency webhook -> stored: {percentiles(stored)}")
    print(f"latency webhook -> alert: {percentiles(alerted)} over {len(alerted)} alerts")
    if stored:
        print(f"mean webhook -> stored: {statistics.mean(stored) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=2000, help="Number of reviews to replay.")
    parser.add_argument("--batch", type=int, default=100, help="Reviews per webhook request (1-500).")
    parser.add_argument("--concurrency", type=int, default=4, help="Webhook requests in flight.")
    parser.add_argument("--timeout", type=float, default=600, help="Seconds to wait for every review to be stored.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vigie-bench-") as var_dir:
        settings = Settings(VAR_DIR=Path(var_dir), LOG_LEVEL="WARNING", STACK_BROKER_PORT=free_port(),
                            STACK_MONGO_PORT=free_port(), SMTP_PORT=free_port(), INGEST_PORT=free_port(),
                            SCORING_WEB_PORT=free_port(), NOTIFIER_PORT=free_port(), API_PORT=free_port())
        manager = StackManager(settings)
        try:
            info = manager.up()
            asyncio.run(measure(info, load_reviews(args.reviews), args))
        finally:
            manager.down()


if __name__ == "__main__":
    main()

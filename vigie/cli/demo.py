"""`vigie demo` (what `make run` calls): start the stack, replay the demo file, report, wait for Ctrl-C."""

import json
import signal
import sys
import time
from importlib import resources
from pathlib import Path

import httpx

from vigie.cli.replay import ReplayTarget, replay
from vigie.settings import Settings
from vigie.stack.manager import StackManager


def demo_file() -> Path:
    return Path(str(resources.files("vigie.demo").joinpath("reviews.jsonl")))


def _wait_for_reviews(api_url: str, api_key: str, expected: int, timeout: float = 120) -> list[dict[str, object]]:
    headers = {"Authorization": f"Bearer {api_key}"}
    deadline = time.monotonic() + timeout
    items: list[dict[str, object]] = []
    while time.monotonic() < deadline:
        items = httpx.get(f"{api_url}/v1/reviews", params={"limit": 200}, headers=headers, timeout=10).json()["items"]
        if len(items) >= expected:
            break
        time.sleep(0.5)
    return items


def _report(info: dict[str, object], items: list[dict[str, object]], mails_before: set[Path]) -> None:
    print("\nWhat Vigie found in the demo reviews and messages:", file=sys.stderr)
    for item in sorted(items, key=lambda entry: str(entry["external_id"])):
        flags = ", ".join(item["flagged"]) or "-"  # type: ignore[arg-type]
        print(f"  {item['external_id']:<12} {item['platform']:<9} {item['channel']:<16} flags: {flags}",
              file=sys.stderr)
    time.sleep(2)
    mails = sorted(set(Path(str(info["mail_dir"])).glob("*.eml")) - mails_before)
    alerts = [path for path in mails if b"X-Vigie-Alert-Id:" in path.read_bytes()]
    print(f"\nEmails sent by this run: {len(alerts)} alerts and {len(mails) - len(alerts)} digests, "
          f"in {info['mail_dir']}", file=sys.stderr)
    print(f"API documentation: {info['api_docs_url']}  (API key: {info['api_key']})", file=sys.stderr)
    print(f"Logs: {info['log_dir']}", file=sys.stderr)
    print("Press Ctrl-C to stop every process this command started.", file=sys.stderr)


def run_demo(settings: Settings) -> int:
    manager = StackManager(settings)
    # SIGINT is set explicitly because a shell starts background jobs with it ignored; SIGTERM (from a
    # supervisor or `kill`) stops the stack as Ctrl-C does.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("Starting the embedded stack (broker, database, SMTP sink, four services)...", file=sys.stderr)
    try:
        info = manager.up()
        mails_before = set(Path(str(info["mail_dir"])).glob("*.eml"))
        target = ReplayTarget(str(info["ingest_url"]), str(info["partner_id"]), str(info["webhook_secret"]))
        summary = replay([demo_file()], target)
        print(json.dumps(summary.as_dict()), file=sys.stderr)
        items = _wait_for_reviews(str(info["api_url"]), str(info["api_key"]), summary.sent)
        _report(info, items, mails_before)
        print(json.dumps(info))
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        print("\nStopping every process this command started...", file=sys.stderr)
        print("Stopped: " + ", ".join(manager.down()), file=sys.stderr)
    return 0

"""The notifier's periodic work: deferred alerts, incident updates, digests, and the webhook sender."""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from services.notifier.digests.schedule import DigestRunner
from services.notifier.dispatcher import AlertDispatcher
from services.notifier.webhooks import WebhookQueue, WebhookSender
from vigie.logs import get_logger

log = get_logger(__name__)


async def _run_step(name: str, step: Callable[[], Awaitable[int]]) -> None:
    try:
        count = await step()
    except Exception as exc:
        log.error("periodic step failed", step=name, error=repr(exc))
        return
    if count:
        log.info("periodic step done", step=name, count=count)


async def run_periodic(dispatcher: AlertDispatcher, digests: DigestRunner, stopping: asyncio.Event,
                       interval_seconds: float) -> None:
    while not stopping.is_set():
        await _run_step("alerts.release_deferred", dispatcher.release_deferred)
        await _run_step("alerts.send_updates", dispatcher.send_due_updates)
        await _run_step("digests.send", digests.send_due)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=interval_seconds)


async def run_webhook_sender(sender: WebhookSender, queue: WebhookQueue, stopping: asyncio.Event,
                             interval_seconds: float) -> None:
    """Send due webhooks whenever the queue is woken up, and at least every interval for retries."""
    while not stopping.is_set():
        queue.wakeup.clear()
        await _run_step("webhooks.send", sender.send_due)
        waiters = {asyncio.ensure_future(queue.wakeup.wait()), asyncio.ensure_future(stopping.wait())}
        _, pending = await asyncio.wait(waiters, timeout=interval_seconds, return_when=asyncio.FIRST_COMPLETED)
        for waiter in pending:
            waiter.cancel()

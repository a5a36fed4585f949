"""Stream signals on batches of events, with plain-dict tables and the real database."""

from datetime import UTC, datetime, timedelta

import pytest

from contracts.risk import Category
from services.scoring.near_duplicates import NearDuplicateIndex
from services.scoring.runtime import build_scorer
from services.scoring.signals_stage import BURSTS, DictSignalTables, StreamSignals
from tests.factories import received_event
from vigie.settings import Settings

pytestmark = pytest.mark.integration

START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def low_review(i: int):  # type: ignore[no-untyped-def]
    return received_event("ten_s", f"low-{i}", f"Très mauvais cabinet, avis numéro {i}.", rating=1,
                          author_name=f"Auteur {i}", published_at=(START + timedelta(hours=i)).isoformat())


async def test_burst_opens_campaign_once_counted(database) -> None:  # type: ignore[no-untyped-def]
    tables = DictSignalTables()
    signals = StreamSignals(tables, NearDuplicateIndex(database), threshold=0.5)
    scorer = build_scorer(Settings())
    events = [low_review(i) for i in range(6)]
    items = [(e, f"rev_{i}", scorer.score(e.review.text, rating=1), True) for i, e in enumerate(events)]

    outcomes = await signals.apply(items)
    redelivered = await signals.apply([(e, rid, r, False) for e, rid, r, _ in items])

    campaign_ids = {o.campaign_id for o in outcomes if o.campaign_id}
    assert len(campaign_ids) == 1
    assert outcomes[-1].risk.categories[Category.FAKE_SUSPECT].flagged
    assert any(e.rule == "fake_suspect.review_burst" for e in outcomes[-1].evidence)
    assert all(o.campaign_id is None for o in redelivered)
    low_times = tables.get(BURSTS, "ten_s:cabinet-1")["low_times"]  # type: ignore[index]
    assert len(low_times) == 6


async def test_message_near_burst_finds_campaign(database) -> None:  # type: ignore[no-untyped-def]
    signals = StreamSignals(DictSignalTables(), NearDuplicateIndex(database), threshold=0.5)
    scorer = build_scorer(Settings())
    events = [low_review(i) for i in range(6)]
    await signals.apply([(e, f"rev_{i}", scorer.score(e.review.text, rating=1), True) for i, e in enumerate(events)])
    message = received_event("ten_s", "msg", "Payez et nous retirons les avis.", channel="private_message",
                             rating=None, published_at=(START + timedelta(days=1)).isoformat())
    far_message = received_event("ten_s", "old", "Payez.", channel="private_message", rating=None,
                                 published_at=(START - timedelta(days=30)).isoformat())

    assert signals.nearby_campaign(message) is not None
    assert signals.nearby_campaign(far_message) is None

import json

from contracts.risk import Category
from services.scoring.engine import TextScorer
from services.scoring.engine.signals import (
    AUTHOR_MAX_PRACTICES,
    DAY_SECONDS,
    find_near_duplicates,
    merge_signal_evidence,
    minhash_signature,
    update_author_activity,
    update_language_profile,
    update_rating_burst,
)

START = 1_790_000_000.0


def test_rating_burst_opens_campaign_above_baseline() -> None:
    state = None
    for day in range(30):  # one low rating every ten days: a quiet practice
        state, status = update_rating_burst(
            state, practice_id="p1", rating=1 if day % 10 == 0 else 5, timestamp=START + day * DAY_SECONDS
        )
    assert not status.campaign_open

    burst_start = START + 30 * DAY_SECONDS
    for hour in range(6):
        state, status = update_rating_burst(
            state, practice_id="p1", rating=1, timestamp=burst_start + hour * 3600
        )
    assert status.campaign_open
    assert status.campaign_id == f"p1:{int(burst_start + 4 * 3600)}"
    json.dumps(state)


def test_rating_burst_campaign_closes_after_quiet() -> None:
    state = None
    for hour in range(6):
        state, status = update_rating_burst(state, practice_id="p2", rating=2, timestamp=START + hour * 3600)
    assert status.campaign_open
    state, status = update_rating_burst(state, practice_id="p2", rating=5, timestamp=START + 5 * DAY_SECONDS)
    assert not status.campaign_open


def test_rating_burst_ignores_high_ratings() -> None:
    state = None
    for hour in range(20):
        state, status = update_rating_burst(state, practice_id="p3", rating=5, timestamp=START + hour * 60)
    assert not status.campaign_open
    assert status.window_count == 0


def test_near_duplicates_across_practices() -> None:
    original = "Cabinet sale, dentiste brutal, attente de deux heures, fuyez ce cabinet au plus vite !"
    copy = "Cabinet sale, dentiste brutal, attente de deux heures. Fuyez ce cabinet au plus vite!!"
    other = "Accueil chaleureux et soins sans douleur, merci à toute l'équipe."
    state, matches = find_near_duplicates(
        None, review_id="r1", practice_id="a", signature=minhash_signature(original), timestamp=START
    )
    assert matches == []
    state, matches = find_near_duplicates(
        state, review_id="r2", practice_id="b", signature=minhash_signature(other), timestamp=START + 1
    )
    assert matches == []
    state, matches = find_near_duplicates(
        state, review_id="r3", practice_id="c", signature=minhash_signature(copy), timestamp=START + 2
    )
    assert [match.review_id for match in matches] == ["r1"]
    assert matches[0].similarity >= 0.8
    json.dumps(state)


def test_near_duplicates_skip_same_practice_and_expire() -> None:
    text = "Très bon dentiste, je recommande à tous mes proches sans hésiter une seconde."
    signature = minhash_signature(text)
    state, _ = find_near_duplicates(
        None, review_id="r1", practice_id="a", signature=signature, timestamp=START
    )
    state, matches = find_near_duplicates(
        state, review_id="r2", practice_id="a", signature=signature, timestamp=START + 1
    )
    assert matches == []
    state, matches = find_near_duplicates(
        state, review_id="r3", practice_id="b", signature=signature, timestamp=START + 40 * DAY_SECONDS
    )
    assert matches == []
    assert set(state["entries"]) == {"r3"}


def test_author_velocity_counts_distinct_practices() -> None:
    state = None
    for index in range(AUTHOR_MAX_PRACTICES):
        state, status = update_author_activity(state, practice_id=f"p{index}", timestamp=START + index * 3600)
    assert status.suspicious
    state, status = update_author_activity(None, practice_id="p0", timestamp=START)
    assert not status.suspicious


def test_unusual_language_needs_history() -> None:
    state = None
    for _ in range(25):
        state, status = update_language_profile(state, language="fr")
    assert not status.unusual
    state, status = update_language_profile(state, language="en")
    assert status.unusual
    assert status.share == 0.0


def test_merge_signal_evidence_raises_fake_suspect(scorer: TextScorer) -> None:
    risk = scorer.score("Très bien.")
    _, status = update_author_activity(None, practice_id="p", timestamp=START)
    assert not risk.categories[Category.FAKE_SUSPECT].flagged
    merged = merge_signal_evidence(risk, [status.evidence()], threshold=0.5)
    assert merged.categories[Category.FAKE_SUSPECT].flagged
    assert merged.categories[Category.FAKE_SUSPECT].evidence[-1].rule == "fake_suspect.author_velocity"
    assert not risk.categories[Category.FAKE_SUSPECT].flagged

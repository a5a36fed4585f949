"""Stream signals for fake_suspect, as pure functions over JSON-serialisable state dicts.

Each `update_*` function (and `find_near_duplicates`) takes the state stored for one key (None for a new
key) and one event, and returns the new state and a status. The caller stores the new state, for example in
a faust table keyed as the function's docstring states. When the status is suspicious, the caller passes
`status.evidence()` to `merge_signal_evidence`. No function reads the clock: timestamps are event times in
seconds since the epoch, so replays are deterministic. States never contain review text.
"""

import random
import re
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from contracts.risk import Category, CategoryScore, Evidence, Risk
from services.scoring.engine.fake_review import rating_contradiction
from services.scoring.engine.normalise import fold

State = dict[str, Any]

DAY_SECONDS = 86_400

# Weight of each stream signal when merged into the fake_suspect score.
SIGNAL_WEIGHTS = {
    "fake_suspect.review_burst": 0.6,
    "fake_suspect.near_duplicate": 0.7,
    "fake_suspect.author_velocity": 0.55,
    "fake_suspect.rating_contradicts_text": 0.6,
    "fake_suspect.unusual_language": 0.3,
}

__all__ = [
    "AuthorStatus",
    "BurstStatus",
    "DuplicateMatch",
    "LanguageStatus",
    "find_near_duplicates",
    "merge_signal_evidence",
    "minhash_signature",
    "rating_contradiction",
    "update_author_activity",
    "update_language_profile",
    "update_rating_burst",
]


# (a) Review bombing ---------------------------------------------------------------------------------------

BURST_WINDOW_SECONDS = 2 * DAY_SECONDS
BURST_MIN_REVIEWS = 5
# A burst needs this many times the practice's usual number of low ratings in a window.
BURST_FACTOR = 4.0
# Before any history, a practice is assumed to get this many 1-2 star reviews a day.
BASELINE_PRIOR_PER_DAY = 0.2
BASELINE_ALPHA = 0.1
CAMPAIGN_QUIET_SECONDS = 3 * DAY_SECONDS


@dataclass(frozen=True, slots=True)
class BurstStatus:
    campaign_open: bool
    campaign_id: str | None
    window_count: int
    expected_count: float

    def evidence(self) -> Evidence:
        return Evidence(
            rule="fake_suspect.review_burst",
            detail=(
                f"{self.window_count} reviews of 1-2 stars in {BURST_WINDOW_SECONDS // 3600} h,"
                f" about {self.expected_count:.1f} expected"
            ),
        )


def update_rating_burst(
    state: State | None, *, practice_id: str, rating: int | None, timestamp: float
) -> tuple[State, BurstStatus]:
    """Track 1-2 star reviews of one practice; open a campaign when they burst above its baseline.

    Key the state by practice. The baseline is an exponentially weighted mean of low ratings per day.
    A campaign opens when the last BURST_WINDOW_SECONDS hold at least BURST_MIN_REVIEWS low ratings and
    BURST_FACTOR times the baseline, and it closes after CAMPAIGN_QUIET_SECONDS without a low rating.
    Its id is "<practice_id>:<opening timestamp>", stable while it stays open.
    """
    state = (
        dict(state)
        if state
        else {
            "low_times": [],
            "baseline_per_day": BASELINE_PRIOR_PER_DAY,
            "day": None,
            "day_count": 0,
            "campaign": None,
        }
    )
    _roll_baseline(state, int(timestamp // DAY_SECONDS))

    low = rating is not None and rating <= 2
    times = [t for t in state["low_times"] if timestamp - t < BURST_WINDOW_SECONDS]
    if low:
        times.append(timestamp)
        state["day_count"] += 1
    state["low_times"] = times

    campaign = state["campaign"]
    if campaign and timestamp - campaign["last_low_at"] > CAMPAIGN_QUIET_SECONDS:
        campaign = None
    expected = state["baseline_per_day"] * BURST_WINDOW_SECONDS / DAY_SECONDS
    bursting = len(times) >= BURST_MIN_REVIEWS and len(times) >= BURST_FACTOR * expected
    if bursting and campaign is None:
        campaign = {"id": f"{practice_id}:{int(timestamp)}", "last_low_at": timestamp}
    if campaign and low:
        campaign = {**campaign, "last_low_at": timestamp}
    state["campaign"] = campaign

    status = BurstStatus(
        campaign is not None, campaign["id"] if campaign else None, len(times), round(expected, 3)
    )
    return state, status


def _roll_baseline(state: State, day: int) -> None:
    # Fold finished days into the mean, counting days without low ratings as zeros.
    # NOTE: low ratings of a campaign also enter the baseline once their day ends. That raises the bar
    # for a second wave, so keep them out if repeated attacks go unflagged.
    if state["day"] is None:
        state["day"] = day
        return
    elapsed = day - state["day"]
    if elapsed <= 0:
        return
    baseline = (1 - BASELINE_ALPHA) * state["baseline_per_day"] + BASELINE_ALPHA * state["day_count"]
    baseline *= (1 - BASELINE_ALPHA) ** (elapsed - 1)
    state.update(baseline_per_day=round(baseline, 6), day=day, day_count=0)


# (b) Near-duplicate texts ---------------------------------------------------------------------------------

MINHASH_PERMUTATIONS = 64
LSH_BANDS = 16
SHINGLE_CHARS = 5
DUPLICATE_SIMILARITY = 0.8
DUPLICATE_RETENTION_SECONDS = 30 * DAY_SECONDS
DUPLICATE_MAX_ENTRIES = 5_000
_MERSENNE = (1 << 31) - 1
# Fixed seed: signatures must match across processes and releases. Not for security, so S311 does not apply.
_rng = random.Random(20261201)  # noqa: S311
_PERM_A = np.array([_rng.randrange(1, _MERSENNE) for _ in range(MINHASH_PERMUTATIONS)], dtype=np.uint64)
_PERM_B = np.array([_rng.randrange(0, _MERSENNE) for _ in range(MINHASH_PERMUTATIONS)], dtype=np.uint64)
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    review_id: str
    practice_id: str
    similarity: float

    def evidence(self) -> Evidence:
        return Evidence(
            rule="fake_suspect.near_duplicate",
            detail=f"{self.similarity:.0%} similar to review {self.review_id} of practice {self.practice_id}",
        )


def minhash_signature(text: str) -> list[int]:
    """Return a MinHash signature (MINHASH_PERMUTATIONS ints) of the text's 5-character shingles.

    Case, accents, punctuation and spacing are ignored. The share of equal positions in two signatures
    estimates the Jaccard similarity of the two shingle sets.
    """
    cleaned = _NON_WORD.sub(" ", fold(text)).strip()
    if len(cleaned) < SHINGLE_CHARS:
        cleaned = cleaned.ljust(SHINGLE_CHARS)
    shingles = {cleaned[i : i + SHINGLE_CHARS] for i in range(len(cleaned) - SHINGLE_CHARS + 1)}
    hashes = np.array([zlib.crc32(s.encode()) for s in shingles], dtype=np.uint64) % _MERSENNE
    permuted = (_PERM_A[:, None] * hashes[None, :] + _PERM_B[:, None]) % _MERSENNE
    return [int(value) for value in permuted.min(axis=1)]


def find_near_duplicates(
    state: State | None, *, review_id: str, practice_id: str, signature: list[int], timestamp: float
) -> tuple[State, list[DuplicateMatch]]:
    """Find recent reviews of other practices with a signature at least DUPLICATE_SIMILARITY similar.

    The review is then added to the state.

    Use one state for all practices that should be compared (for example one key per language).
    Candidates come from LSH buckets (LSH_BANDS bands of the signature). The state keeps signatures for
    DUPLICATE_RETENTION_SECONDS and at most DUPLICATE_MAX_ENTRIES, oldest dropped first.
    """
    state = (
        {"entries": dict(state["entries"]), "buckets": dict(state["buckets"])}
        if state
        else {"entries": {}, "buckets": {}}
    )
    _evict(state, timestamp)
    keys = band_keys(signature)

    candidates = {rid for key in keys for rid in state["buckets"].get(key, ())}
    matches = []
    for candidate in sorted(candidates):
        entry = state["entries"].get(candidate)
        if entry is None or entry["practice_id"] == practice_id or candidate == review_id:
            continue
        equal = sum(a == b for a, b in zip(signature, entry["signature"], strict=True))
        similarity = equal / MINHASH_PERMUTATIONS
        if similarity >= DUPLICATE_SIMILARITY:
            matches.append(DuplicateMatch(candidate, entry["practice_id"], round(similarity, 3)))

    state["entries"][review_id] = {
        "practice_id": practice_id,
        "timestamp": timestamp,
        "signature": list(signature),
    }
    for key in keys:
        state["buckets"][key] = [*state["buckets"].get(key, ()), review_id]
    return state, matches


def band_keys(signature: list[int]) -> list[str]:
    rows = len(signature) // LSH_BANDS
    return [
        f"{band}:{zlib.crc32(repr(signature[band * rows : (band + 1) * rows]).encode())}"
        for band in range(LSH_BANDS)
    ]


def _evict(state: State, now: float) -> None:
    entries = state["entries"]
    expired = [
        rid for rid, entry in entries.items() if now - entry["timestamp"] > DUPLICATE_RETENTION_SECONDS
    ]
    overflow = len(entries) - len(expired) - DUPLICATE_MAX_ENTRIES
    if overflow > 0:
        oldest = sorted(
            (entry["timestamp"], rid) for rid, entry in entries.items() if rid not in set(expired)
        )
        expired += [rid for _, rid in oldest[:overflow]]
    if not expired:
        return
    removed = set(expired)
    for rid in removed:
        del entries[rid]
    state["buckets"] = {
        key: kept
        for key, ids in state["buckets"].items()
        if (kept := [rid for rid in ids if rid not in removed])
    }


# (c) One author, many practices ---------------------------------------------------------------------------

AUTHOR_WINDOW_SECONDS = 7 * DAY_SECONDS
AUTHOR_MAX_PRACTICES = 5


@dataclass(frozen=True, slots=True)
class AuthorStatus:
    suspicious: bool
    practice_count: int

    def evidence(self) -> Evidence:
        return Evidence(
            rule="fake_suspect.author_velocity",
            detail=(
                f"author reviewed {self.practice_count} practices"
                f" in {AUTHOR_WINDOW_SECONDS // DAY_SECONDS} days"
            ),
        )


def update_author_activity(
    state: State | None, *, practice_id: str, timestamp: float
) -> tuple[State, AuthorStatus]:
    """Record one review by an author; suspicious once the author reviewed AUTHOR_MAX_PRACTICES or more
    distinct practices within AUTHOR_WINDOW_SECONDS. Key the state by platform and author."""
    events = [
        event for event in (state or {}).get("events", []) if timestamp - event[0] < AUTHOR_WINDOW_SECONDS
    ]
    events.append([timestamp, practice_id])
    practices = len({event[1] for event in events})
    return {"events": events}, AuthorStatus(practices >= AUTHOR_MAX_PRACTICES, practices)


# (e) Language unusual for the practice --------------------------------------------------------------------

LANGUAGE_MIN_HISTORY = 20
LANGUAGE_RARE_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class LanguageStatus:
    unusual: bool
    language: str
    share: float

    def evidence(self) -> Evidence:
        return Evidence(
            rule="fake_suspect.unusual_language",
            detail=f"{self.language} is {self.share:.1%} of this practice's earlier reviews",
        )


def update_language_profile(state: State | None, *, language: str) -> tuple[State, LanguageStatus]:
    """Check a review's language against the practice's earlier reviews, then count it.

    Key the state by practice. Unusual means the practice has LANGUAGE_MIN_HISTORY or more earlier reviews
    and fewer than LANGUAGE_RARE_SHARE of them are in this language.
    """
    counts = dict((state or {}).get("counts", {}))
    total = sum(counts.values())
    share = counts.get(language, 0) / total if total else 0.0
    unusual = total >= LANGUAGE_MIN_HISTORY and share < LANGUAGE_RARE_SHARE
    counts[language] = counts.get(language, 0) + 1
    return {"counts": counts}, LanguageStatus(unusual, language, round(share, 4))


# Merging -----------------------------------------------------------------------------------------------


def merge_signal_evidence(risk: Risk, evidence: list[Evidence], threshold: float) -> Risk:
    """Return a copy of `risk` whose fake_suspect score also counts stream-signal evidence.

    Scores combine as independent evidence (1 - prod(1 - weight)); rules missing from SIGNAL_WEIGHTS
    raise KeyError. The category is flagged when the new score reaches `threshold`.
    """
    current = risk.categories[Category.FAKE_SUSPECT]
    remaining = 1.0 - current.score
    for item in evidence:
        remaining *= 1.0 - SIGNAL_WEIGHTS[item.rule]
    score = round(1.0 - remaining, 4)
    merged = CategoryScore(score=score, flagged=score >= threshold, evidence=[*current.evidence, *evidence])
    return risk.model_copy(update={"categories": {**risk.categories, Category.FAKE_SUSPECT: merged}})

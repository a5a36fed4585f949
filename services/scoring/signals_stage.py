"""Stream signals for `fake_suspect`: what one review means next to the practice's other reviews.

Per-practice state (low-rating bursts, usual languages) and per-author state live in faust tables, read
and written through `SignalTables`; near-duplicate texts across practices live in MongoDB. Only new
review versions update the state: a redelivered event must not count twice.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from contracts.events import ReviewReceived
from contracts.risk import Category, Evidence, Risk
from services.scoring.engine.signals import (
    merge_signal_evidence,
    update_author_activity,
    update_language_profile,
    update_rating_burst,
)
from services.scoring.near_duplicates import Candidate, NearDuplicateIndex

State = dict[str, object]


class SignalTables(Protocol):
    """Key-value state by table name; faust tables in the worker, plain dicts in unit tests."""

    def get(self, table: str, key: str) -> State | None: ...

    def set(self, table: str, key: str, value: State) -> None: ...


class DictSignalTables:
    def __init__(self) -> None:
        self.tables: dict[str, dict[str, State]] = {}

    def get(self, table: str, key: str) -> State | None:
        return self.tables.get(table, {}).get(key)

    def set(self, table: str, key: str, value: State) -> None:
        self.tables.setdefault(table, {})[key] = value


BURSTS = "practice-bursts"
LANGUAGES = "practice-languages"
AUTHORS = "author-activity"
TABLES = (BURSTS, LANGUAGES, AUTHORS)

# An extortion message this close to a practice's burst of low ratings joins the burst's incident.
NEARBY_SECONDS = 3 * 86_400


@dataclass
class SignalOutcome:
    risk: Risk
    campaign_id: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


def practice_state_key(event: ReviewReceived) -> str:
    """Return the key ingest uses for the event, so a table key lives in the event's own partition."""
    return f"{event.tenant_id}:{event.review.practice_ref}"


def event_time(event: ReviewReceived) -> float:
    moment: datetime = event.review.published_at or event.received_at
    return moment.timestamp()


class StreamSignals:
    def __init__(self, tables: SignalTables, near_duplicates: NearDuplicateIndex, threshold: float):
        self._tables = tables
        self._near_duplicates = near_duplicates
        self._threshold = threshold

    async def apply(self, items: list[tuple[ReviewReceived, str, Risk, bool]]) -> list[SignalOutcome]:
        """Return each item's risk with stream evidence merged; `items` are (event, review id, risk, is new)."""
        fresh = [(event, review_id) for event, review_id, _, new in items if new and _is_review(event)]
        duplicates = await self._near_duplicates.match_and_add(
            [Candidate(review_id, event.tenant_id, event.review.practice_ref, event.review.text)
             for event, review_id in fresh]
        )
        duplicate_evidence: dict[str, list[Evidence]] = {}
        for match in duplicates:
            # Another tenant's review id is not shown: it would reveal that tenant's data.
            other = match.other_review_id if match.same_tenant else "of another Vigie tenant"
            duplicate_evidence.setdefault(match.review_id, []).append(
                Evidence(rule="fake_suspect.near_duplicate",
                         detail=f"{match.similarity:.0%} similar to review {other} on another practice")
            )

        outcomes = []
        for event, review_id, risk, new in items:
            if not (new and _is_review(event)):
                outcomes.append(SignalOutcome(risk))
                continue
            evidence, campaign_id = self._per_event(event)
            evidence += duplicate_evidence.get(review_id, [])
            merged = merge_signal_evidence(risk, evidence, self._threshold) if evidence else risk
            outcomes.append(SignalOutcome(merged, campaign_id, evidence))
        return outcomes

    def nearby_campaign(self, event: ReviewReceived) -> str | None:
        """Return the practice's campaign if its last low rating is within NEARBY_SECONDS of the event."""
        state = self._tables.get(BURSTS, practice_state_key(event)) or {}
        campaign = state.get("campaign")
        if not isinstance(campaign, dict):
            return None
        if abs(event_time(event) - float(campaign["last_low_at"])) > NEARBY_SECONDS:
            return None
        return str(campaign["id"])

    def _per_event(self, event: ReviewReceived) -> tuple[list[Evidence], str | None]:
        key = practice_state_key(event)
        timestamp = event_time(event)
        evidence: list[Evidence] = []

        burst_state, burst = update_rating_burst(
            self._tables.get(BURSTS, key), practice_id=key, rating=event.review.rating, timestamp=timestamp
        )
        self._tables.set(BURSTS, key, burst_state)
        campaign_id = burst.campaign_id if burst.campaign_open and _is_low(event) else None
        if campaign_id is not None:
            evidence.append(burst.evidence())

        language = event.review.language or "other"
        language_state, language_status = update_language_profile(self._tables.get(LANGUAGES, key), language=language)
        self._tables.set(LANGUAGES, key, language_state)
        if language_status.unusual:
            evidence.append(language_status.evidence())

        if event.review.author_name:
            author_key = f"{event.tenant_id}:{event.review.platform}:{event.review.author_name.casefold()}"
            author_state, author = update_author_activity(
                self._tables.get(AUTHORS, author_key), practice_id=key, timestamp=timestamp
            )
            self._tables.set(AUTHORS, author_key, author_state)
            if author.suspicious:
                evidence.append(author.evidence())
        return evidence, campaign_id


def _is_review(event: ReviewReceived) -> bool:
    return event.review.channel.value == "review"


def _is_low(event: ReviewReceived) -> bool:
    return event.review.rating is not None and event.review.rating <= 2


def fake_suspect_flagged(risk: Risk) -> bool:
    return risk.categories[Category.FAKE_SUSPECT].flagged

"""Persist scored reviews in MongoDB: one document per review, every version kept.

A review is identified by tenant, platform and external id (a unique index). Its document contains the
current text and risk plus `versions`, the list of every text and rating received with their times, so
an edit after a demand (1 star changed to 5) stays visible. A redelivered event changes nothing.

NOTE: the read-then-write below relies on one consumer owning a practice's partition at a time. During a
rebalance two workers may briefly overlap; the version filter on each write makes the loser fail loudly
instead of overwriting.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import ReplaceOne
from pymongo.asynchronous.database import AsyncDatabase

from contracts.events import ReviewReceived
from contracts.ids import review_id_for
from contracts.risk import Risk
from vigie.mongo import Document


class ConcurrentWriteError(Exception):
    """Raised when a review changed under us between read and write; the batch is retried."""


@dataclass
class StoredVersion:
    review_id: str
    version: int
    changed: bool
    risk: Risk


def _version_entry(event: ReviewReceived, version: int, risk: Risk) -> Document:
    review = event.review
    return {
        "version": version,
        "event_id": event.event_id,
        "content_sha256": event.content_sha256,
        "text": review.text,
        "rating": review.rating,
        "author_name": review.author_name,
        "published_at": review.published_at,
        "received_at": event.received_at,
        "scorer_version": risk.scorer_version,
        "flagged": [category.value for category in risk.flagged()],
    }


def _document(event: ReviewReceived, review_id: str, versions: list[Document], risk: Risk, first: datetime) -> Document:
    review = event.review
    return {
        "_id": review_id,
        "tenant_id": event.tenant_id,
        "platform": review.platform,
        "external_id": review.external_id,
        "practice_ref": review.practice_ref,
        "channel": review.channel.value,
        "author_name": review.author_name,
        "rating": review.rating,
        "text": review.text,
        "language": review.language,
        "published_at": review.published_at,
        "url": review.url,
        "content_sha256": event.content_sha256,
        "version": len(versions),
        "versions": versions,
        "risk": risk.model_dump(mode="json"),
        "flagged": [category.value for category in risk.flagged()],
        "max_score": risk.max_score,
        "status": "active",
        "source": event.source,
        "last_event_id": event.event_id,
        "correlation_id": event.correlation_id,
        "first_received_at": first,
        "updated_at": datetime.now(UTC),
    }


class ReviewStore:
    def __init__(self, database: AsyncDatabase[Document]):
        self._reviews = database.reviews

    async def known(self, events: list[ReviewReceived]) -> set[int]:
        """Return the indexes of events whose content is already stored (redeliveries and repeats)."""
        ids = [review_id_for(e.tenant_id, e.review.platform, e.review.external_id) for e in events]
        current = {
            doc["_id"]: doc
            async for doc in self._reviews.find({"_id": {"$in": ids}}, {"content_sha256": 1, "versions.event_id": 1})
        }
        known = set()
        for index, (event, review_id) in enumerate(zip(events, ids, strict=True)):
            document = current.get(review_id)
            if document is None:
                continue
            event_ids = {version["event_id"] for version in document["versions"]}  # type: ignore[attr-defined]
            if document["content_sha256"] == event.content_sha256 or event.event_id in event_ids:
                known.add(index)
        return known

    async def save(self, scored: list[tuple[ReviewReceived, Risk]]) -> list[StoredVersion]:
        """Write a batch in order and return, per event, the version it maps to."""
        ids = [review_id_for(e.tenant_id, e.review.platform, e.review.external_id) for e, _ in scored]
        current: dict[str, Document] = {
            str(doc["_id"]): doc async for doc in self._reviews.find({"_id": {"$in": ids}})
        }
        expected_version = {review_id: doc["version"] for review_id, doc in current.items()}

        dirty: set[str] = set()
        results = [
            self._apply(current, dirty, event, risk, review_id)
            for (event, risk), review_id in zip(scored, ids, strict=True)
        ]
        operations = [
            ReplaceOne(
                {"_id": review_id, "version": expected_version[review_id]} if review_id in expected_version
                else {"_id": review_id},
                current[review_id],
                upsert=review_id not in expected_version,
            )
            for review_id in sorted(dirty)
        ]
        if operations:
            outcome = await self._reviews.bulk_write(operations, ordered=True)
            written = outcome.matched_count + outcome.upserted_count
            if written != len(operations):
                raise ConcurrentWriteError(f"{len(operations) - written} reviews changed during the write")
        return results

    def _apply(
        self, current: dict[str, Document], dirty: set[str], event: ReviewReceived, risk: Risk, review_id: str
    ) -> StoredVersion:
        if event.action == "delete":
            return self._apply_deletion(current, dirty, event, risk, review_id)
        existing = current.get(review_id)
        if existing is None:
            document = _document(event, review_id, [_version_entry(event, 1, risk)], risk, event.received_at)
            current[review_id] = document
            dirty.add(review_id)
            return StoredVersion(review_id, 1, True, risk)

        versions: list[Document] = list(existing["versions"])  # type: ignore[call-overload]
        already_seen = any(v["event_id"] == event.event_id for v in versions)
        same_content = existing["content_sha256"] == event.content_sha256
        if already_seen or same_content:
            stored_risk = Risk.model_validate(existing["risk"])
            return StoredVersion(review_id, int(existing["version"]), False, stored_risk)  # type: ignore[call-overload]

        versions.append(_version_entry(event, len(versions) + 1, risk))
        document = _document(event, review_id, versions, risk, existing["first_received_at"])  # type: ignore[arg-type]
        current[review_id] = document
        dirty.add(review_id)
        return StoredVersion(review_id, len(versions), True, risk)

    def _apply_deletion(
        self, current: dict[str, Document], dirty: set[str], event: ReviewReceived, risk: Risk, review_id: str
    ) -> StoredVersion:
        """Mark the review deleted and keep its text and versions, which are the evidence of what was published."""
        existing = current.get(review_id)
        if existing is not None and existing.get("status") == "deleted":
            stored_risk = Risk.model_validate(existing["risk"])
            return StoredVersion(review_id, int(existing["version"]), False, stored_risk)  # type: ignore[call-overload]

        changed = existing is None
        if existing is None:
            # Deleted before we saw it: store what the deletion carried so that a trace of the review exists.
            document = _document(event, review_id, [_version_entry(event, 1, risk)], risk, event.received_at)
        else:
            document = dict(existing)
        document.update(
            {"status": "deleted", "deleted_at": event.received_at, "deletion_event_id": event.event_id,
             "updated_at": datetime.now(UTC)}
        )
        current[review_id] = document
        dirty.add(review_id)
        stored_risk = Risk.model_validate(document["risk"])
        return StoredVersion(review_id, int(document["version"]), changed, stored_risk)  # type: ignore[call-overload]

"""Near-duplicate texts across practices, found through MinHash signatures.

MongoDB stores the signatures of the last RETENTION so that every worker compares against every
practice; each worker keeps an in-memory LSH index of them, loads what other workers stored since its last
look before each batch, and writes its own batch in one request. Querying MongoDB for the band keys of
every review instead cost about two seconds per batch of 200 on SecantusDB.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from services.scoring.engine.signals import (
    DUPLICATE_SIMILARITY,
    MINHASH_PERMUTATIONS,
    band_keys,
    minhash_signature,
)
from vigie.mongo import Document

RETENTION = timedelta(days=30)
# NOTE: the in-memory index is capped; past this many recent reviews the oldest are not compared.
MAX_ENTRIES = 200_000
# Texts this short are alike by chance ("Très bien !"), so they are not compared.
MIN_CHARS = 60
DUPLICATE_KEY_ERROR = 11000


@dataclass(frozen=True)
class Candidate:
    review_id: str
    tenant_id: str
    practice_ref: str
    text: str


@dataclass(frozen=True)
class NearDuplicate:
    review_id: str
    other_review_id: str
    same_tenant: bool
    similarity: float


@dataclass(frozen=True)
class _Entry:
    tenant_id: str
    practice_ref: str
    signature: list[int]
    stored_at: datetime


class NearDuplicateIndex:
    def __init__(self, database: AsyncDatabase[Document]):
        self._signatures = database.text_signatures
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._buckets: dict[str, set[str]] = {}
        self._loaded_until = datetime.now(UTC) - RETENTION

    async def match_and_add(self, candidates: list[Candidate]) -> list[NearDuplicate]:
        """Return matches of each candidate against recent reviews of other practices, then store them."""
        eligible = [candidate for candidate in candidates if len(candidate.text) >= MIN_CHARS]
        if not eligible:
            return []
        await self._load_new()

        now = datetime.now(UTC)
        matches = []
        for candidate in eligible:
            signature = minhash_signature(candidate.text)
            matches.extend(self._match(candidate, signature))
            self._add(candidate.review_id, _Entry(candidate.tenant_id, candidate.practice_ref, signature, now))
        await self._store(eligible, now)
        return matches

    def _match(self, candidate: Candidate, signature: list[int]) -> list[NearDuplicate]:
        found = []
        others = {rid for key in band_keys(signature) for rid in self._buckets.get(key, ())}
        for other_id in sorted(others):
            other = self._entries[other_id]
            if other_id == candidate.review_id or (
                other.tenant_id == candidate.tenant_id and other.practice_ref == candidate.practice_ref
            ):
                continue
            equal = sum(a == b for a, b in zip(signature, other.signature, strict=True))
            similarity = equal / MINHASH_PERMUTATIONS
            if similarity >= DUPLICATE_SIMILARITY:
                found.append(NearDuplicate(candidate.review_id, other_id, other.tenant_id == candidate.tenant_id,
                                           round(similarity, 3)))
        return found

    def _add(self, review_id: str, entry: _Entry) -> None:
        if review_id in self._entries:
            self._remove(review_id)
        self._entries[review_id] = entry
        for key in band_keys(entry.signature):
            self._buckets.setdefault(key, set()).add(review_id)
        while len(self._entries) > MAX_ENTRIES:
            self._remove(next(iter(self._entries)))

    def _remove(self, review_id: str) -> None:
        entry = self._entries.pop(review_id)
        for key in band_keys(entry.signature):
            bucket = self._buckets.get(key)
            if bucket is not None:
                bucket.discard(review_id)
                if not bucket:
                    del self._buckets[key]

    async def _load_new(self) -> None:
        """Load the signatures other workers stored since the last load, and forget expired ones."""
        cursor = self._signatures.find({"stored_at": {"$gt": self._loaded_until}}).sort("stored_at", ASCENDING)
        async for document in cursor:
            stored_at: datetime = document["stored_at"]  # type: ignore[assignment]
            self._loaded_until = max(self._loaded_until, stored_at)
            if str(document["_id"]) not in self._entries:
                self._add(str(document["_id"]), _Entry(str(document["tenant_id"]), str(document["practice_ref"]),
                                                       list(document["signature"]), stored_at))  # type: ignore[call-overload]
        expiry = datetime.now(UTC) - RETENTION
        while self._entries and next(iter(self._entries.values())).stored_at < expiry:
            self._remove(next(iter(self._entries)))

    async def _store(self, eligible: list[Candidate], now: datetime) -> None:
        documents = [
            {"_id": c.review_id, "tenant_id": c.tenant_id, "practice_ref": c.practice_ref,
             "signature": self._entries[c.review_id].signature, "stored_at": now}
            for c in eligible
        ]
        try:
            await self._signatures.insert_many(documents, ordered=False)
        except BulkWriteError as exc:
            # A redelivered review keeps its first signature.
            if any(error["code"] != DUPLICATE_KEY_ERROR for error in exc.details["writeErrors"]):
                raise

"""Near-duplicate texts across practices, found through MinHash signatures kept in MongoDB.

The signatures live in MongoDB rather than in a faust table because every worker must compare against
every practice's recent reviews, and that state is too large to re-send to a changelog on each review.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pymongo import ReplaceOne
from pymongo.asynchronous.database import AsyncDatabase

from services.scoring.engine.signals import (
    DUPLICATE_SIMILARITY,
    MINHASH_PERMUTATIONS,
    band_keys,
    minhash_signature,
)
from vigie.mongo import Document

RETENTION = timedelta(days=30)
# Texts this short are alike by chance ("Très bien !"), so they are not compared.
MIN_CHARS = 60


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


class NearDuplicateIndex:
    def __init__(self, database: AsyncDatabase[Document]):
        self._signatures = database.text_signatures

    async def match_and_add(self, candidates: list[Candidate]) -> list[NearDuplicate]:
        """Return matches of each candidate against stored reviews of other practices, then store them."""
        eligible = [candidate for candidate in candidates if len(candidate.text) >= MIN_CHARS]
        if not eligible:
            return []
        signatures = {c.review_id: minhash_signature(c.text) for c in eligible}
        keys = {c.review_id: band_keys(signatures[c.review_id]) for c in eligible}
        all_keys = sorted({key for values in keys.values() for key in values})
        since = datetime.now(UTC) - RETENTION
        stored = [
            document
            async for document in self._signatures.find({"bands": {"$in": all_keys}, "stored_at": {"$gte": since}})
        ]

        matches = []
        for candidate in eligible:
            for other in stored:
                if other["_id"] == candidate.review_id or (
                    other["tenant_id"] == candidate.tenant_id and other["practice_ref"] == candidate.practice_ref
                ):
                    continue
                equal = sum(a == b for a, b in zip(signatures[candidate.review_id], other["signature"], strict=True))
                similarity = equal / MINHASH_PERMUTATIONS
                if similarity >= DUPLICATE_SIMILARITY:
                    matches.append(NearDuplicate(candidate.review_id, str(other["_id"]),
                                                 other["tenant_id"] == candidate.tenant_id, round(similarity, 3)))
        await self._store(eligible, signatures, keys)
        return matches

    async def _store(self, eligible: list[Candidate], signatures: dict[str, list[int]],
                     keys: dict[str, list[str]]) -> None:
        now = datetime.now(UTC)
        operations = [
            ReplaceOne(
                {"_id": candidate.review_id},
                {"tenant_id": candidate.tenant_id, "practice_ref": candidate.practice_ref,
                 "signature": signatures[candidate.review_id], "bands": keys[candidate.review_id],
                 "stored_at": now},
                upsert=True,
            )
            for candidate in eligible
        ]
        await self._signatures.bulk_write(operations, ordered=False)

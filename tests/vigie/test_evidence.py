"""The hash-chained evidence log, as pure functions and against the real database."""

import asyncio
from datetime import UTC, datetime

import pytest

from vigie.evidence import (
    GENESIS_HASH,
    append_evidence,
    build_entry,
    entry_hash,
    load_chain,
    verify_chain,
    verify_entries,
)


def chain(length: int) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    previous = GENESIS_HASH
    for seq in range(1, length + 1):
        content = {"n": seq, "at": datetime(2026, 1, seq, tzinfo=UTC)}
        recorded_at = datetime(2026, 2, 1, 12, 0, 0, 123456, tzinfo=UTC)
        entry = build_entry("ten_a", "inc_a", seq, "note", content, previous, recorded_at)
        entries.append(entry)
        previous = str(entry["entry_sha256"])
    return entries


class TestVerifyEntries:
    def test_intact_chain_has_no_problems(self) -> None:
        assert verify_entries(chain(3)) == []

    def test_changed_content_is_named(self) -> None:
        entries = chain(3)
        entries[1]["content"] = {"n": 99}
        problems = verify_entries(entries)
        assert len(problems) == 1
        assert problems[0].startswith("entry seq 2: content was changed")

    def test_removed_entry_breaks_sequence_and_link(self) -> None:
        entries = chain(3)
        del entries[1]
        problems = verify_entries(entries)
        assert any("expected seq 2" in problem for problem in problems)
        assert any("previous_sha256" in problem for problem in problems)

    def test_rewritten_timestamp_changes_entry_hash(self) -> None:
        entries = chain(2)
        entries[0]["recorded_at"] = datetime(2020, 1, 1, tzinfo=UTC)
        assert verify_entries(entries) == [
            f"entry seq 1: entry_sha256 is {entries[0]['entry_sha256']}, recomputed {entry_hash(entries[0])}"
        ]

    def test_iso_strings_verify_like_datetimes(self) -> None:
        entries = chain(2)
        for entry in entries:
            entry["recorded_at"] = entry["recorded_at"].isoformat()  # type: ignore[attr-defined]
        assert verify_entries(entries) == []


@pytest.mark.integration
class TestAppendEvidence:
    async def test_appended_chain_verifies(self, database) -> None:  # type: ignore[no-untyped-def]
        first = await append_evidence(database, "ten_a", "inc_1", "incident.opened", {"status": "open"})
        second = await append_evidence(database, "ten_a", "inc_1", "status.changed", {"status": "closed"})

        assert first["seq"] == 1
        assert second["previous_sha256"] == first["entry_sha256"]
        assert await verify_chain(database, "inc_1") == []

    async def test_concurrent_appends_get_distinct_seqs(self, database) -> None:  # type: ignore[no-untyped-def]
        appends = [append_evidence(database, "ten_a", "inc_2", "note", {"n": n}) for n in range(8)]
        await asyncio.gather(*appends)

        entries = await load_chain(database, "inc_2")
        assert [entry["seq"] for entry in entries] == list(range(1, 9))
        assert await verify_chain(database, "inc_2") == []

    async def test_tampered_database_entry_is_reported(self, database) -> None:  # type: ignore[no-untyped-def]
        await append_evidence(database, "ten_a", "inc_3", "note", {"text": "original"})
        await database.evidence_log.update_one({"incident_id": "inc_3"}, {"$set": {"content.text": "edited"}})

        problems = await verify_chain(database, "inc_3")
        assert len(problems) == 1
        assert "content was changed" in problems[0]

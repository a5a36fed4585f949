"""Near-duplicate matching across practices, shared through the real database."""

import pytest

from services.scoring.near_duplicates import Candidate, NearDuplicateIndex

pytestmark = pytest.mark.integration

TEXT = ("Cabinet catastrophique, personnel désagréable et attente interminable, je déconseille vivement "
        "à tout le monde de prendre rendez-vous ici.")


async def test_copy_on_other_practice_matches(database) -> None:  # type: ignore[no-untyped-def]
    index = NearDuplicateIndex(database)
    await index.match_and_add([Candidate("rev_a", "ten_1", "cabinet-a", TEXT)])
    matches = await index.match_and_add([Candidate("rev_b", "ten_1", "cabinet-b", TEXT.replace("vivement", "fort"))])

    assert [(m.review_id, m.other_review_id, m.same_tenant) for m in matches] == [("rev_b", "rev_a", True)]
    assert matches[0].similarity >= 0.8


async def test_same_practice_and_short_texts_ignored(database) -> None:  # type: ignore[no-untyped-def]
    index = NearDuplicateIndex(database)
    await index.match_and_add([Candidate("rev_a", "ten_1", "cabinet-a", TEXT),
                               Candidate("s1", "ten_1", "c-x", "Bien.")])
    same_practice = await index.match_and_add([Candidate("rev_c", "ten_1", "cabinet-a", TEXT)])
    short = await index.match_and_add([Candidate("s2", "ten_1", "c-y", "Bien.")])

    assert same_practice == []
    assert short == []


async def test_other_worker_signatures_loaded(database) -> None:  # type: ignore[no-untyped-def]
    first_worker = NearDuplicateIndex(database)
    second_worker = NearDuplicateIndex(database)
    await first_worker.match_and_add([Candidate("rev_a", "ten_1", "cabinet-a", TEXT)])
    matches = await second_worker.match_and_add([Candidate("rev_z", "ten_2", "cabinet-z", TEXT)])

    assert [(m.other_review_id, m.same_tenant) for m in matches] == [("rev_a", False)]

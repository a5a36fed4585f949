"""Deleted reviews stay in MongoDB, marked deleted, with every version they had."""

import pytest

from services.scoring.runtime import build_scorer
from services.scoring.store import ReviewStore
from tests.factories import received_event
from vigie.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def scorer(settings: Settings):  # type: ignore[no-untyped-def]
    return build_scorer(settings)


async def save(store: ReviewStore, scorer, *events):  # type: ignore[no-untyped-def]
    scored = [(event, scorer.score(event.review.text, channel=event.review.channel.value,
                                   rating=event.review.rating)) for event in events]
    return await store.save(scored)


async def test_deletion_keeps_versions(database, scorer) -> None:  # type: ignore[no-untyped-def]
    store = ReviewStore(database)
    first = received_event("ten_1", "g-del-1", "Payez 50 euros ou je laisse une étoile.")
    edited = received_event("ten_1", "g-del-1", "Très bon cabinet.", rating=5)
    deletion = received_event("ten_1", "g-del-1", "Très bon cabinet.", rating=5).model_copy(
        update={"event_id": "evt-delete-1", "action": "delete"}
    )

    await save(store, scorer, first)
    await save(store, scorer, edited)
    [result] = await save(store, scorer, deletion)
    document = await database.reviews.find_one({"_id": result.review_id})

    assert document["status"] == "deleted"
    assert document["deleted_at"] is not None
    assert document["deletion_event_id"] == "evt-delete-1"
    assert [version["rating"] for version in document["versions"]] == [1, 5]
    assert document["versions"][0]["text"] == "Payez 50 euros ou je laisse une étoile."
    assert result.version == 2
    assert result.changed is False


async def test_repeated_deletion_changes_nothing(database, scorer) -> None:  # type: ignore[no-untyped-def]
    store = ReviewStore(database)
    await save(store, scorer, received_event("ten_1", "g-del-2", "Bon accueil."))
    deletion = received_event("ten_1", "g-del-2", "").model_copy(update={"event_id": "evt-d2", "action": "delete"})
    await save(store, scorer, deletion)
    first = await database.reviews.find_one({"external_id": "g-del-2"})

    again = deletion.model_copy(update={"event_id": "evt-d2-again"})
    await save(store, scorer, again)
    second = await database.reviews.find_one({"external_id": "g-del-2"})

    assert second["deletion_event_id"] == "evt-d2"
    assert second["deleted_at"] == first["deleted_at"]
    assert second["text"] == "Bon accueil."


async def test_deletion_of_unseen_review_stored(database, scorer) -> None:  # type: ignore[no-untyped-def]
    store = ReviewStore(database)
    deletion = received_event("ten_1", "g-del-3", "Texte supprimé.").model_copy(
        update={"event_id": "evt-d3", "action": "delete"}
    )

    [result] = await save(store, scorer, deletion)
    document = await database.reviews.find_one({"_id": result.review_id})

    assert result.changed is True
    assert document["status"] == "deleted"
    assert document["text"] == "Texte supprimé."
    assert len(document["versions"]) == 1


async def test_edit_after_delete_reactivates(database, scorer) -> None:  # type: ignore[no-untyped-def]
    store = ReviewStore(database)
    await save(store, scorer, received_event("ten_1", "g-del-4", "Premier texte."))
    await save(store, scorer, received_event("ten_1", "g-del-4", "").model_copy(
        update={"event_id": "evt-d4", "action": "delete"}))
    await save(store, scorer, received_event("ten_1", "g-del-4", "Texte republié."))
    document = await database.reviews.find_one({"external_id": "g-del-4"})

    assert document["status"] == "active"
    assert [version["text"] for version in document["versions"]] == ["Premier texte.", "Texte republié."]

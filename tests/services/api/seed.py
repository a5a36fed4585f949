"""Documents shaped as scoring stores them, with our own texts, for gateway tests."""

import hashlib
from datetime import UTC, datetime, timedelta

from services.scoring.engine import TextScorer
from vigie.evidence import append_evidence

PUBLISHED = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


def review_document(tenant_id: str, review_id: str, text: str, *, channel: str = "review", rating: int | None = 1,
                    author_name: str = "Paul Martin", received: datetime | None = None,
                    practice_ref: str = "cabinet-1") -> dict[str, object]:
    received = received or datetime.now(UTC)
    risk = TextScorer().score(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    version = {"version": 1, "event_id": f"evt-{review_id}", "content_sha256": digest, "text": text,
               "rating": rating, "author_name": author_name, "published_at": PUBLISHED, "received_at": received,
               "scorer_version": risk.scorer_version, "flagged": [c.value for c in risk.flagged()]}
    return {
        "_id": review_id, "tenant_id": tenant_id, "platform": "google", "external_id": f"g-{review_id}",
        "practice_ref": practice_ref, "channel": channel, "author_name": author_name, "rating": rating,
        "text": text, "language": "fr", "published_at": PUBLISHED, "url": f"https://maps.example/r/{review_id}",
        "content_sha256": digest, "version": 1, "versions": [version], "risk": risk.model_dump(mode="json"),
        "flagged": [c.value for c in risk.flagged()], "max_score": risk.max_score, "status": "active",
        "first_received_at": received, "updated_at": received,
    }


async def seed_tenant(database, tenant_id: str, suffix: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Store a practice, a blackmail message, a review, an alert and an incident; return their ids."""
    now = datetime.now(UTC)
    message_id, review_id = f"rev_msg_{suffix}", f"rev_rev_{suffix}"
    incident_id, alert_id = f"inc_{suffix}", f"alr_{suffix}"
    await database.practices.insert_one({
        "tenant_id": tenant_id, "practice_ref": "cabinet-1", "name": f"Cabinet {suffix}", "country": "FR",
        "profession": "dentist", "locale": "fr", "time_zone": "Europe/Paris", "address": "1 rue de la Paix",
        "platform_profiles": [{"platform": "google", "url": "https://maps.example/p/1"}],
        "contact": {"name": "Dr Test", "role": "Practitioner", "email": "dr@example.org"}, "verified": True})
    await database.reviews.insert_many([
        review_document(tenant_id, message_id, "Faites-moi une remise de 200 euros ou je mets une étoile partout.",
                        channel="private_message", rating=None, received=now - timedelta(minutes=2)),
        review_document(tenant_id, review_id, "Paul Martin dit : dentiste incompétent et escroc, à fuir.",
                        received=now - timedelta(minutes=1)),
    ])
    await database.alerts.insert_one({
        "_id": alert_id, "tenant_id": tenant_id, "practice_ref": "cabinet-1", "review_id": message_id,
        "platform": "google", "external_id": f"g-{message_id}", "category": "extortion", "severity": "critical",
        "score": 0.95, "evidence": [{"rule": "extortion.test", "text": "remise de 200 euros ou je mets une étoile"}],
        "incident_key": f"author:{suffix}", "raised_at": now, "status": "sent"})
    await database.incidents.insert_one({
        "_id": incident_id, "tenant_id": tenant_id, "practice_ref": "cabinet-1", "incident_key": f"author:{suffix}",
        "kind": "extortion", "categories": ["extortion", "defamation"], "severity_rank": 3, "status": "open",
        "status_history": [{"status": "open", "at": now, "by": "vigie-scoring", "note": None}],
        "review_ids": [message_id, review_id], "alert_ids": [alert_id], "opened_at": now, "updated_at": now,
        "first_published_at": PUBLISHED})
    for document_id in (message_id, review_id):
        await append_evidence(database, tenant_id, incident_id, "review_version",
                              {"review_id": document_id, "version": 1})
    return {"incident_id": incident_id, "review_id": review_id, "message_id": message_id, "alert_id": alert_id,
            "practice_ref": "cabinet-1"}

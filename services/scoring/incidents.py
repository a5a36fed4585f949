"""Group alerts into incidents and record each item in the incident's evidence log.

An incident is what the practice acts on: a blackmail message with the reviews of the same author, a
campaign of fake reviews with the message that demands money to stop it, or one defamatory review. Keys:
- `campaign:<campaign id>` for a burst of low ratings and any extortion message around it;
- `author:<tenant>:<practice>:<author>` for an extortion or threat by a named author, which the
  author's earlier and later reviews and messages join;
- `review:<review id>` otherwise.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from contracts.events import AlertRaised, ReviewReceived, Severity
from contracts.risk import Category
from vigie.evidence import append_evidence
from vigie.mongo import Document

SEVERITY_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}
LINKING_CATEGORIES = (Category.EXTORTION, Category.THREAT)
OPEN_STATUSES = ("open", "reported_to_platform", "complaint_filed")


def incident_id_for(tenant_id: str, incident_key: str) -> str:
    return "inc_" + hashlib.sha256(f"{tenant_id}\x1f{incident_key}".encode()).hexdigest()[:24]


def author_key(event: ReviewReceived) -> str | None:
    if not event.review.author_name:
        return None
    name = " ".join(event.review.author_name.casefold().split())
    return f"author:{event.tenant_id}:{event.review.practice_ref}:{name}"


def incident_kind(incident_key: str, category: Category) -> str:
    return "campaign" if incident_key.startswith("campaign:") else category.value


@dataclass
class IncidentItem:
    event: ReviewReceived
    review_id: str
    version: int
    alerts: list[AlertRaised]


class IncidentRecorder:
    def __init__(self, database: AsyncDatabase[Document]):
        self._database = database

    async def open_author_incidents(self, events: list[ReviewReceived]) -> set[str]:
        """Return the author keys among `events` that already have an open incident."""
        keys = sorted({key for event in events if (key := author_key(event))})
        if not keys:
            return set()
        cursor = self._database.incidents.find(
            {"incident_key": {"$in": keys}, "status": {"$in": list(OPEN_STATUSES)}}, {"incident_key": 1}
        )
        return {str(document["incident_key"]) async for document in cursor}

    async def record(self, items: list[IncidentItem], joining: dict[str, str]) -> None:
        """Upsert the incidents of `items`' alerts, add reviews that join an open incident, log evidence.

        `joining` maps review ids without an alert of their own to the incident key they join.
        """
        now = datetime.now(UTC)
        operations = []
        touched: dict[str, tuple[str, list[IncidentItem]]] = {}
        for item in items:
            for alert in item.alerts:
                operations.append(self._upsert(alert, item, now))
                incident_id = incident_id_for(alert.tenant_id, alert.incident_key)
                touched.setdefault(incident_id, (alert.tenant_id, []))[1].append(item)
            key = joining.get(item.review_id)
            if key is not None and not item.alerts:
                incident_id = incident_id_for(item.event.tenant_id, key)
                operations.append(UpdateOne({"_id": incident_id},
                                            {"$addToSet": {"review_ids": item.review_id}, "$set": {"updated_at": now}}))
                touched.setdefault(incident_id, (item.event.tenant_id, []))[1].append(item)
        if operations:
            await self._database.incidents.bulk_write(operations, ordered=True)
        for incident_id, (tenant_id, members) in touched.items():
            await self._log(incident_id, tenant_id, members)

    def _upsert(self, alert: AlertRaised, item: IncidentItem, now: datetime) -> UpdateOne:
        published = item.event.review.published_at or item.event.received_at
        return UpdateOne(
            {"_id": incident_id_for(alert.tenant_id, alert.incident_key)},
            {
                "$setOnInsert": {
                    "tenant_id": alert.tenant_id, "practice_ref": alert.practice_ref,
                    "incident_key": alert.incident_key, "kind": incident_kind(alert.incident_key, alert.category),
                    "status": "open", "opened_at": now,
                    "status_history": [{"status": "open", "at": now, "by": "vigie-scoring", "note": None}],
                },
                "$addToSet": {
                    "review_ids": {"$each": [item.review_id, *alert.related_review_ids]},
                    "alert_ids": alert.alert_id,
                    "categories": alert.category.value,
                },
                "$max": {"severity_rank": SEVERITY_RANK[alert.severity]},
                "$min": {"first_published_at": published},
                "$set": {"updated_at": now},
            },
            upsert=True,
        )

    async def _log(self, incident_id: str, tenant_id: str, members: list[IncidentItem]) -> None:
        """Append each review version once per incident, so a redelivered event adds nothing to the chain.

        The check reads the log, so that after a crash between storing a review and logging it, the
        redelivered event still gets its entry.
        """
        seen: set[tuple[str, int]] = set()
        for item in members:
            if (item.review_id, item.version) in seen or await self._logged(incident_id, item):
                continue
            seen.add((item.review_id, item.version))
            review = item.event.review
            await append_evidence(self._database, tenant_id, incident_id, "review_version", {
                "review_id": item.review_id, "version": item.version, "platform": review.platform,
                "external_id": review.external_id, "channel": review.channel.value, "url": review.url,
                "author_name": review.author_name, "rating": review.rating, "text": review.text,
                "published_at": review.published_at, "received_at": item.event.received_at,
                "content_sha256": item.event.content_sha256, "event_id": item.event.event_id,
                "alerts": [{"alert_id": a.alert_id, "category": a.category.value, "score": a.score,
                            "evidence": [e.model_dump() for e in a.evidence]} for a in item.alerts],
            })

    async def _logged(self, incident_id: str, item: IncidentItem) -> bool:
        found = await self._database.evidence_log.find_one(
            {"incident_id": incident_id, "kind": "review_version",
             "content.review_id": item.review_id, "content.version": item.version},
            {"_id": 1},
        )
        return found is not None


def choose_incident_key(
    event: ReviewReceived, review_id: str, campaign_id: str | None, nearby_campaign_id: str | None,
    open_author_keys: set[str], categories: list[Category],
) -> str:
    """Pick the incident an item's alerts belong to (see the module docstring for the keys)."""
    if campaign_id is not None:
        return f"campaign:{campaign_id}"
    links = any(category in LINKING_CATEGORIES for category in categories)
    is_message = event.review.channel.value != "review"
    if links and is_message and nearby_campaign_id is not None:
        return f"campaign:{nearby_campaign_id}"
    key = author_key(event)
    if key is not None and (key in open_author_keys or links):
        return key
    return f"review:{review_id}"

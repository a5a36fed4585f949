"""Alert rules: which risk flags become alerts, their severity, and the key that groups them into an incident."""

import hashlib
from datetime import UTC, datetime

from contracts.events import AlertRaised, ReviewReceived, Severity
from contracts.risk import Category, Risk

# Categories raised per review; fake_suspect is raised per campaign by the stream signals instead.
PER_REVIEW_CATEGORIES = (
    Category.EXTORTION,
    Category.THREAT,
    Category.DEFAMATION,
    Category.INSULT,
    Category.PERSONAL_DATA,
)


def severity_of(category: Category, score: float) -> Severity:
    if category in (Category.EXTORTION, Category.THREAT):
        return Severity.CRITICAL if score >= 0.8 else Severity.HIGH
    if category in (Category.DEFAMATION, Category.INSULT):
        return Severity.HIGH if score >= 0.8 else Severity.MEDIUM
    if category in (Category.PERSONAL_DATA, Category.FAKE_SUSPECT):
        return Severity.MEDIUM
    return Severity.LOW


def alert_id_for(review_id: str, version: int, category: Category) -> str:
    """Return the same id for the same review version and category, so redeliveries dedupe downstream."""
    digest = hashlib.sha256(f"{review_id}|{version}|{category.value}".encode()).hexdigest()
    return "alr_" + digest[:24]


def flagged_alert_categories(risk: Risk) -> list[Category]:
    return [c for c in PER_REVIEW_CATEGORIES if (r := risk.categories.get(c)) is not None and r.flagged]


def _source_fields(event: ReviewReceived, review_id: str) -> dict[str, object]:
    """Return the fields every alert copies from the event it was raised on."""
    review = event.review
    return {
        "correlation_id": event.correlation_id, "tenant_id": event.tenant_id, "practice_ref": review.practice_ref,
        "review_id": review_id, "platform": review.platform, "external_id": review.external_id,
        "channel": review.channel.value, "url": review.url, "published_at": review.published_at,
        "raised_at": datetime.now(UTC),
    }


def campaign_alert(
    event: ReviewReceived, review_id: str, campaign_id: str, risk: Risk, related_review_ids: list[str]
) -> AlertRaised:
    """Return the one alert of a campaign: every review of the burst maps to the same alert id."""
    result = risk.categories[Category.FAKE_SUSPECT]
    return AlertRaised(
        **_source_fields(event, review_id),  # type: ignore[arg-type]
        alert_id="alr_" + hashlib.sha256(f"campaign|{event.tenant_id}|{campaign_id}".encode()).hexdigest()[:24],
        category=Category.FAKE_SUSPECT,
        severity=Severity.HIGH,
        score=result.score,
        evidence=result.evidence,
        incident_key=f"campaign:{campaign_id}",
        related_review_ids=related_review_ids,
    )


def alerts_for(
    event: ReviewReceived, review_id: str, version: int, risk: Risk, incident_key: str | None = None
) -> list[AlertRaised]:
    alerts = []
    for category in PER_REVIEW_CATEGORIES:
        result = risk.categories.get(category)
        if result is None or not result.flagged:
            continue
        alerts.append(
            AlertRaised(
                **_source_fields(event, review_id),  # type: ignore[arg-type]
                alert_id=alert_id_for(review_id, version, category),
                category=category,
                severity=severity_of(category, result.score),
                score=result.score,
                evidence=result.evidence,
                incident_key=incident_key or f"review:{review_id}",
            )
        )
    return alerts

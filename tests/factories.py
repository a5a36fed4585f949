"""Events built for tests, with our own texts."""

from datetime import UTC, datetime

from contracts.events import AlertRaised, ReviewReceived, Severity
from contracts.reviews import ReviewCreate
from contracts.risk import Category, Evidence
from services.ingest.publisher import content_sha256


def alert_event(tenant_id: str, practice_ref: str = "cabinet-1", alert_id: str = "alr_test0001") -> AlertRaised:
    text = "Faites-moi une remise ou je mets une étoile"
    return AlertRaised(
        alert_id=alert_id,
        correlation_id="corr-test",
        tenant_id=tenant_id,
        practice_ref=practice_ref,
        review_id="rev_test0001",
        platform="google",
        external_id="g-1",
        channel="private_message",
        url="https://maps.example/r/g-1",
        published_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
        category=Category.EXTORTION,
        severity=Severity.CRITICAL,
        score=0.95,
        evidence=[Evidence(rule="extortion.test", start=0, end=len(text), text=text)],
        incident_key="review:rev_test0001",
        raised_at=datetime.now(UTC),
    )


def received_event(tenant_id: str, external_id: str, text: str, event_id: str | None = None,
                   **fields: object) -> ReviewReceived:
    review = ReviewCreate.model_validate(
        {"platform": "google", "external_id": external_id, "practice_ref": "cabinet-1", "author_name": "A. B.",
         "rating": 1, "text": text, "language": None, "published_at": "2026-12-01T10:00:00Z",
         "channel": "review", "url": None, **fields}
    )
    return ReviewReceived(
        event_id=event_id or f"evt-{external_id}-{content_sha256(review)[:8]}",
        correlation_id="corr-test",
        tenant_id=tenant_id,
        partner_id="prt_test",
        source="generic",
        received_at=datetime.now(UTC),
        content_sha256=content_sha256(review),
        review=review,
    )

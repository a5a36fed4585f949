"""Made-up alerts and digests used by the start-up template check and by `render_samples`."""

from datetime import UTC, date, datetime

from contracts.events import AlertRaised, Severity
from contracts.risk import Category, Evidence
from services.notifier.alert_email import IncidentUpdate, render_alert
from services.notifier.digests.data import DigestData, Period
from services.notifier.digests.message import digest_context
from services.notifier.i18n import render
from services.notifier.preferences import Preferences, build_preferences

SAMPLE_TEXT = "Offrez-moi le détartrage ou je laisse une étoile et je préviens tout le quartier."


def sample_preferences(locale: str) -> Preferences:
    practice = {"name": "Cabinet dentaire du Parc", "locale": locale, "notify": {"emails": ["dr@cabinet.example"]}}
    return build_preferences({}, practice, "ten_sample", "cabinet-parc")


def sample_alert(category: Category = Category.EXTORTION, channel: str = "review",
                 platform: str = "google") -> AlertRaised:
    demand = SAMPLE_TEXT.split(" et ")[0]
    return AlertRaised(
        alert_id="alr_sample", correlation_id="corr-sample", tenant_id="ten_sample", practice_ref="cabinet-parc",
        review_id="rev_sample", platform=platform, external_id="g-sample", channel=channel,
        url="https://maps.example/reviews/g-sample", published_at=datetime(2026, 12, 3, 8, 30, tzinfo=UTC),
        category=category, severity=Severity.CRITICAL, score=0.93,
        evidence=[Evidence(rule="sample", start=0, end=len(demand), text=demand)],
        incident_key="review:rev_sample", raised_at=datetime(2026, 12, 3, 8, 31, tzinfo=UTC),
    )


def sample_digest(kind: str = "weekly") -> DigestData:
    preferences = sample_preferences("fr-FR")
    period = Period(kind, date(2026, 11, 30), preferences.timezone)  # type: ignore[arg-type]
    first = datetime(2026, 11, 30, 9, tzinfo=UTC)
    series_length = 8 if kind == "weekly" else 14
    return DigestData(
        practice_ref="cabinet-parc", practice_name="Cabinet dentaire du Parc", period=period, total_new=12,
        platforms=[{"name": "Google", "count": 9, "average": 3.4}, {"name": "Trustpilot", "count": 3, "average": 4.7}],
        average=3.75, previous_average=4.4, trend="down",
        series=[(period.shifted(offset - series_length + 1).start, 4.5 - 0.1 * offset, 5 + offset)
                for offset in range(series_length)],
        incidents=[{"kind": "extortion", "status": "open", "opened_at": first},
                   {"kind": "campaign", "status": "reported", "opened_at": first}],
        open_incidents=2,
        topics=[{"topic": "wait_time", "count": 4}, {"topic": "fees_billing", "count": 3}],
        attention=[{"platform": "Google", "rating": 1, "published_at": first, "categories": ["extortion"],
                    "excerpt": SAMPLE_TEXT, "url": "https://maps.example/reviews/g-sample"}],
    )


def render_every_template(language: str) -> None:
    """Render every template with every category and variant; raise on any template or lookup error."""
    locale = {"fr": "fr-FR", "en": "en-GB", "de": "de-CH"}[language]
    named = sample_preferences(locale)
    unnamed_practice: dict[str, object] = {"locale": language}
    unnamed = build_preferences({}, unnamed_practice, "ten_sample", "cabinet-parc")
    update = IncidentUpdate(3, datetime(2026, 12, 3, 8, 31, tzinfo=UTC))
    for preferences in (named, unnamed):
        for category in Category:
            for channel, platform in (("review", "google"), ("review", "jameda"), ("private_message", "email"),
                                      ("note", "manual")):
                render_alert(sample_alert(category, channel, platform), preferences)
            others = [sample_alert(other) for other in Category if other is not category]
            render_alert(sample_alert(category), preferences, update, others)
    for kind in ("daily", "weekly"):
        context = digest_context(sample_digest(kind), preferences)
        for template in ("digest_subject.txt", "digest.txt", "digest.html"):
            render(language, template, subject="", charts=[{"cid": "c", "title": "t"}], **context)
    disabled = {"language": language, "url": "https://crm.example/hooks", "last_error": "HTTP 500", "failures": 5}
    for template in ("endpoint_disabled_subject.txt", "endpoint_disabled.txt", "endpoint_disabled.html"):
        render(language, template, subject="", **disabled)

"""Build the alert email (plain text and HTML) from the Jinja2 templates, in the practice's language."""

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid

from contracts.events import AlertRaised
from services.notifier.i18n import Formatter, render
from services.notifier.policy import press_law_deadline
from services.notifier.preferences import Preferences

PLATFORM_NAMES = {
    "google": "Google", "trustpilot": "Trustpilot", "facebook": "Facebook", "yelp": "Yelp",
    "doctolib": "Doctolib", "pagesjaunes": "PagesJaunes", "doctoralia": "Doctoralia", "jameda": "Jameda",
    "healthgrades": "Healthgrades", "ratemds": "RateMDs",
}
MAX_QUOTES = 5


@dataclass(frozen=True)
class IncidentUpdate:
    """What an update email says about the incident an alert joined."""

    alert_count: int
    first_sent_at: datetime
    quotes: tuple[str, ...]


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform.lower(), platform.capitalize())


def one_line(text: str) -> str:
    return " ".join(text.split())


def alert_context(alert: AlertRaised, preferences: Preferences,
                  update: IncidentUpdate | None = None) -> dict[str, object]:
    quotes = update.quotes if update else tuple(e.text for e in alert.evidence if e.text)
    return {
        "language": preferences.language,
        "fmt": Formatter(preferences.locale, preferences.timezone),
        "practice_name": preferences.practice_name,
        "country": preferences.country,
        "category": alert.category.value,
        "severity": alert.severity.value,
        "platform": platform_name(alert.platform),
        "channel": alert.channel,
        "published_at": alert.published_at,
        "url": alert.url,
        "quotes": quotes[:MAX_QUOTES],
        "deadline": press_law_deadline(alert.category, alert.published_at, preferences.country),
        "is_update": update is not None,
        "alert_count": update.alert_count if update else 1,
        "since": update.first_sent_at if update else alert.raised_at,
    }


def render_alert(alert: AlertRaised, preferences: Preferences,
                 update: IncidentUpdate | None = None) -> tuple[str, str, str]:
    """Return the subject, plain text and HTML of an alert email."""
    context = alert_context(alert, preferences, update)
    subject = one_line(render(preferences.language, "alert_subject.txt", **context))
    text = render(preferences.language, "alert.txt", subject=subject, **context)
    html = render(preferences.language, "alert.html", subject=subject, **context)
    return subject, text, html


def build_alert_email(alert: AlertRaised, preferences: Preferences, sender: str, recipients: tuple[str, ...],
                      update: IncidentUpdate | None = None) -> EmailMessage:
    subject, text, html = render_alert(alert, preferences, update)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Message-ID"] = make_msgid(idstring=alert.alert_id, domain="vigie.localhost")
    message["X-Vigie-Alert-Id"] = alert.alert_id
    message["X-Vigie-Incident-Key"] = alert.incident_key
    message["X-Vigie-Correlation-Id"] = alert.correlation_id
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    # Set last: set_content() drops Content-* headers.
    message["Content-Language"] = preferences.language
    return message

"""Build the alert email (plain text and HTML) from the Jinja2 templates, in the practice's language."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid

from contracts.events import AlertRaised, Severity
from contracts.risk import Category
from services.notifier.i18n import Formatter, render
from services.notifier.policy import press_law_deadline
from services.notifier.preferences import SEVERITY_ORDER, Preferences

# Proper names of platforms and messaging apps. Names that change with the language (email) are
# translated in the templates' SOURCE labels, which take precedence.
PLATFORM_NAMES = {
    "google": "Google", "trustpilot": "Trustpilot", "facebook": "Facebook", "yelp": "Yelp",
    "doctolib": "Doctolib", "pagesjaunes": "PagesJaunes", "doctoralia": "Doctoralia", "jameda": "Jameda",
    "healthgrades": "Healthgrades", "ratemds": "RateMDs", "whatsapp": "WhatsApp", "telegram": "Telegram",
    "sms": "SMS", "signal": "Signal",
}
# Channels whose content was sent to the practice, not published.
RECEIVED_CHANNELS = frozenset({"private_message", "note"})
MAX_QUOTES = 5


@dataclass(frozen=True)
class IncidentUpdate:
    """What an update email says about the incident an alert joined."""

    alert_count: int
    first_sent_at: datetime


@dataclass(frozen=True)
class Finding:
    """One category flagged in the alerts an email covers, with its highest severity and its evidence."""

    category: str
    severity: str
    quotes: tuple[str, ...]


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform.lower(), platform.capitalize())


def findings_of(alerts: Sequence[AlertRaised]) -> list[Finding]:
    """Group alerts by category, first-seen order, each with its highest severity and distinct evidence."""
    severities: dict[str, Severity] = {}
    quotes: dict[str, list[str]] = {}
    for alert in alerts:
        category = alert.category.value
        current = severities.get(category, alert.severity)
        severities[category] = max(current, alert.severity, key=SEVERITY_ORDER.index)
        texts = quotes.setdefault(category, [])
        texts += [e.text for e in alert.evidence if e.text and e.text not in texts]
    return [Finding(category, severities[category].value, tuple(quotes[category][:MAX_QUOTES]))
            for category in severities]


def one_line(text: str) -> str:
    return " ".join(text.split())


def alert_context(alert: AlertRaised, preferences: Preferences, update: IncidentUpdate | None = None,
                  related: Sequence[AlertRaised] = ()) -> dict[str, object]:
    """Build the template context. `related` are the other alerts the email covers, listed as findings."""
    findings = findings_of([alert, *related])
    main = findings[0]
    deadlines = [deadline for finding in findings
                 if (deadline := press_law_deadline(Category(finding.category), alert.published_at,
                                                    preferences.country)) is not None]
    return {
        "language": preferences.language,
        "fmt": Formatter(preferences.locale, preferences.timezone),
        "practice_name": preferences.practice_name,
        "practice_named": preferences.practice_named,
        "country": preferences.country,
        "category": alert.category.value,
        "severity": main.severity,
        "platform_key": alert.platform.lower(),
        "platform": platform_name(alert.platform),
        "channel": alert.channel,
        "received": alert.channel in RECEIVED_CHANNELS,
        "published_at": alert.published_at,
        "url": alert.url,
        "quotes": main.quotes,
        "other_findings": findings[1:],
        "deadline": min(deadlines, default=None),
        "is_update": update is not None,
        "alert_count": update.alert_count if update else 1,
        "since": update.first_sent_at if update else alert.raised_at,
    }


def render_alert(alert: AlertRaised, preferences: Preferences, update: IncidentUpdate | None = None,
                 related: Sequence[AlertRaised] = ()) -> tuple[str, str, str]:
    """Return the subject, plain text and HTML of an alert email."""
    context = alert_context(alert, preferences, update, related)
    subject = one_line(render(preferences.language, "alert_subject.txt", **context))
    text = render(preferences.language, "alert.txt", subject=subject, **context)
    html = render(preferences.language, "alert.html", subject=subject, **context)
    return subject, text, html


def build_alert_email(alert: AlertRaised, preferences: Preferences, sender: str, recipients: tuple[str, ...],
                      update: IncidentUpdate | None = None, related: Sequence[AlertRaised] = ()) -> EmailMessage:
    subject, text, html = render_alert(alert, preferences, update, related)
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

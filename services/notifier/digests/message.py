"""The digest email: HTML with the charts inline (CID), and a plain-text alternative."""

import hashlib
from dataclasses import dataclass
from email.message import EmailMessage

from services.notifier.alert_email import one_line
from services.notifier.digests.charts import platform_chart, rating_chart
from services.notifier.digests.data import DigestData
from services.notifier.i18n import Formatter, render, translations_for
from services.notifier.preferences import Preferences


@dataclass(frozen=True)
class Chart:
    cid: str
    title: str
    png: bytes


def render_charts(data: DigestData, preferences: Preferences) -> list[Chart]:
    _ = translations_for(preferences.language).gettext
    return [
        Chart("platforms", _("New reviews per platform"), platform_chart(data, preferences.language)),
        Chart("ratings", _("Average rating"), rating_chart(data, preferences.language, preferences.locale)),
    ]


def digest_context(data: DigestData, preferences: Preferences) -> dict[str, object]:
    return {
        "language": preferences.language,
        "fmt": Formatter(preferences.locale, preferences.timezone),
        "practice_name": data.practice_name,
        "period": data.period.kind,
        "period_start": data.period.start,
        "period_end": data.period.last_day,
        "total_new": data.total_new,
        "platforms": data.platforms,
        "average": data.average,
        "previous_average": data.previous_average,
        "trend": data.trend,
        "incidents": data.incidents,
        "open_incidents": data.open_incidents,
        "topics": data.topics,
        "attention": data.attention,
    }


def digest_message_id(tenant_id: str, data: DigestData) -> str:
    """Return the same Message-ID for the same practice and period, so a resent digest can be recognised."""
    key = f"{tenant_id}|{data.practice_ref}|{data.period.kind}|{data.period.start.isoformat()}"
    return f"<digest.{hashlib.sha256(key.encode()).hexdigest()[:24]}@vigie.localhost>"


def build_digest_email(data: DigestData, preferences: Preferences, sender: str,
                       recipients: tuple[str, ...]) -> EmailMessage:
    context = digest_context(data, preferences)
    charts = render_charts(data, preferences)
    subject = one_line(render(preferences.language, "digest_subject.txt", **context))
    chart_ids = {chart.cid: f"{chart.cid}.{data.period.start.isoformat()}@vigie.localhost" for chart in charts}
    html = render(preferences.language, "digest.html", subject=subject,
                  charts=[{"cid": chart_ids[chart.cid], "title": chart.title} for chart in charts], **context)

    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Message-ID"] = digest_message_id(preferences.tenant_id, data)
    message["X-Vigie-Digest"] = f"{data.period.kind} {data.period.start.isoformat()}"
    message.set_content(render(preferences.language, "digest.txt", subject=subject, **context))
    message.add_alternative(html, subtype="html")
    # Set last: set_content() drops Content-* headers.
    message["Content-Language"] = preferences.language
    html_part = message.get_payload()[1]  # type: ignore[index]
    for chart in charts:
        html_part.add_related(chart.png, maintype="image", subtype="png", cid=f"<{chart_ids[chart.cid]}>",
                              filename=f"{chart.cid}.png")
    return message

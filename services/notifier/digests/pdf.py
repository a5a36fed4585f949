"""The digest as a PDF (reportlab), with the same figures, charts and wording as the email."""

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from services.notifier.alert_email import one_line
from services.notifier.digests.data import DigestData
from services.notifier.digests.message import digest_context, render_charts
from services.notifier.i18n import Formatter, environment, render, translations_for
from services.notifier.preferences import Preferences

CHART_WIDTH = 170 * mm


def _paragraph(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text), style)  # type: ignore[arg-type]


def render_digest_pdf(data: DigestData, preferences: Preferences) -> bytes:
    translations = translations_for(preferences.language)
    _ = translations.gettext
    labels = environment(preferences.language).get_template("_labels.j2").module
    fmt = Formatter(preferences.locale, preferences.timezone)
    context = digest_context(data, preferences)
    subject = one_line(render(preferences.language, "digest_subject.txt", **context))
    styles = getSampleStyleSheet()

    story: list[Flowable] = [
        _paragraph(subject, styles["Title"]),
        _paragraph(_("From %(start)s to %(end)s") % {"start": fmt.long_date(data.period.start),
                                                       "end": fmt.long_date(data.period.last_day)}, styles["Normal"]),
        Spacer(1, 4 * mm),
        _paragraph(translations.ngettext("%(num)d new review", "%(num)d new reviews", data.total_new)
                   % {"num": data.total_new}, styles["Heading2"]),
    ]
    if data.platforms:
        rows = [[_("Platform"), _("New reviews"), _("Average rating")]] + [
            [str(row["name"]), str(row["count"]),
             fmt.number(row["average"]) if row["average"] is not None else "–"]  # type: ignore[arg-type]
            for row in data.platforms
        ]
        table = Table(rows, hAlign="LEFT")
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                                   ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                                   ("ALIGN", (1, 0), (-1, -1), "RIGHT")]))
        story.append(table)
    if data.average is not None:
        line = f"{_('%(label)s:') % {'label': _('Average rating')}} {fmt.number(data.average)} / 5"
        if data.previous_average is not None:
            line += " (" + _("previous period: %(rating)s") % {"rating": fmt.number(data.previous_average)} + ")"
        line += f", {_('%(label)s:') % {'label': _('trend')}} {labels.TREND[data.trend]}"
        story += [Spacer(1, 3 * mm), _paragraph(line, styles["Normal"])]
    for chart in render_charts(data, preferences):
        image = Image(BytesIO(chart.png))
        image.drawWidth, image.drawHeight = CHART_WIDTH, CHART_WIDTH * image.imageHeight / image.imageWidth
        story += [Spacer(1, 3 * mm), image]

    story.append(_paragraph(_("Incidents opened"), styles["Heading2"]))
    for incident in data.incidents or [None]:
        if incident is None:
            story.append(_paragraph(_("No incident opened in this period."), styles["Normal"]))
            continue
        kind = str(incident["kind"])
        label = labels.CATEGORY.get(kind) or labels.INCIDENT_KIND.get(kind) or kind
        status = labels.INCIDENT_STATUS.get(str(incident["status"])) or str(incident["status"])
        story.append(_paragraph(f"• {label}, {fmt.long_date(incident['opened_at'])}: {status}", styles["Normal"]))  # type: ignore[arg-type]
    if data.open_incidents:
        story.append(_paragraph(translations.ngettext("%(num)d incident is still open.",
                                                      "%(num)d incidents are still open.", data.open_incidents)
                                % {"num": data.open_incidents}, styles["Normal"]))

    story.append(_paragraph(_("Top topics"), styles["Heading2"]))
    for row in data.topics:
        topic = labels.TOPIC.get(row["topic"]) or row["topic"]
        story.append(_paragraph(f"• {topic}: {row['count']}", styles["Normal"]))
    if not data.topics:
        story.append(_paragraph(_("No topic stood out."), styles["Normal"]))

    story.append(_paragraph(_("Reviews that need your attention"), styles["Heading2"]))
    for review in data.attention:
        flags = ", ".join(labels.CATEGORY.get(flag, flag) for flag in review["categories"])  # type: ignore[attr-defined]
        heading = f"{review['platform']}, {fmt.long_date(review['published_at'])}"  # type: ignore[arg-type]
        if review["rating"] is not None:
            heading += f", {review['rating']}/5"
        if flags:
            heading += f" — {flags}"
        story.append(_paragraph(heading, styles["Heading4"]))
        story.append(_paragraph(_("“%(quote)s”") % {"quote": review["excerpt"]}, styles["Italic"]))
        if review["url"]:
            url = escape(str(review["url"]))
            story.append(Paragraph(f'<link href="{url}" color="blue">{escape(_("Open the review"))}</link>',
                                   styles["Normal"]))
    if not data.attention:
        story.append(_paragraph(_("No review needs your attention."), styles["Normal"]))

    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=subject, author="Vigie",
                                 leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
    document.build(story)
    return buffer.getvalue()

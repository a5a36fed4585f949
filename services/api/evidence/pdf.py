"""The evidence report as PDF: incident summary, legal qualification, chronology with hashes."""

import io
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from services.api.evidence.legal import Qualification
from services.api.reports.formatting import CHANNEL_LABELS, format_moment, practice_zone

LABELS: dict[str, dict[str, str]] = {
    "fr": {"title": "Dossier de preuves", "practice": "Cabinet", "incident": "Incident", "kind": "Nature",
           "status": "Statut", "opened": "Ouvert le", "deadline": "Prescription (loi de 1881) : agir avant le",
           "deadline_passed": "Prescription (loi de 1881) : délai de trois mois expiré le",
           "legal": "Qualification juridique suggérée", "penalty": "Peine encourue",
           "chronology": "Chronologie", "captured": "Capturé le", "published": "Publié ou envoyé le",
           "author": "Auteur affiché", "channel": "Canal",
           "platform": "Plateforme", "url": "URL",
           "text": "Texte", "hash": "SHA-256", "history": "Historique des statuts", "by": "par",
           "chain": "Empreinte de la chaîne de preuves", "generated": "Généré le",
           "disclaimer": "Qualification indicative, à confirmer par un avocat."},
    "en": {"title": "Evidence file", "practice": "Practice", "incident": "Incident", "kind": "Kind",
           "status": "Status", "opened": "Opened", "deadline": "Time bar (French press law): act before",
           "deadline_passed": "Time bar (French press law): three-month period ended on",
           "legal": "Suggested legal qualification", "penalty": "Penalty", "chronology": "Chronology",
           "captured": "Captured", "published": "Published or sent",
           "author": "Displayed author", "channel": "Channel",
           "platform": "Platform", "url": "URL", "text": "Text", "hash": "SHA-256",
           "history": "Status history", "by": "by", "chain": "Evidence chain head",
           "generated": "Generated", "disclaimer": "Indicative qualification, to be confirmed by a lawyer."},
    "de": {"title": "Beweisakte", "practice": "Praxis", "incident": "Vorfall", "kind": "Art",
           "status": "Status", "opened": "Eröffnet am", "deadline": "Verjährung (frz. Pressegesetz): handeln vor",
           "deadline_passed": "Verjährung (frz. Pressegesetz): Dreimonatsfrist abgelaufen am",
           "legal": "Vorgeschlagene rechtliche Einordnung", "penalty": "Strafandrohung",
           "chronology": "Chronologie", "captured": "Erfasst am", "published": "Veröffentlicht oder gesendet am",
           "author": "Angezeigter Verfasser", "channel": "Kanal",
           "platform": "Plattform", "url": "URL",
           "text": "Text", "hash": "SHA-256", "history": "Statusverlauf", "by": "von",
           "chain": "Kopf der Beweiskette", "generated": "Erstellt am",
           "disclaimer": "Unverbindliche Einordnung, von einer Anwältin oder einem Anwalt zu bestätigen."},
}


# Incident kinds and statuses as a practitioner reads them; unknown values are shown as stored.
KIND_LABELS = {
    "fr": {"extortion": "Chantage", "campaign": "Campagne de faux avis", "defamation": "Diffamation",
           "insult": "Injure", "threat": "Menace", "personal_data": "Données personnelles"},
    "en": {"extortion": "Blackmail", "campaign": "Fake-review campaign", "defamation": "Defamation",
           "insult": "Insult", "threat": "Threat", "personal_data": "Personal data"},
    "de": {"extortion": "Erpressung", "campaign": "Kampagne gefälschter Bewertungen", "defamation": "Verleumdung",
           "insult": "Beleidigung", "threat": "Drohung", "personal_data": "Personenbezogene Daten"},
}
STATUS_LABELS = {
    "fr": {"open": "ouvert", "reported_to_platform": "signalé à la plateforme",
           "removed_by_platform": "retiré par la plateforme", "complaint_filed": "plainte déposée", "closed": "clos"},
    "en": {"open": "open", "reported_to_platform": "reported to the platform",
           "removed_by_platform": "removed by the platform", "complaint_filed": "complaint filed", "closed": "closed"},
    "de": {"open": "offen", "reported_to_platform": "der Plattform gemeldet",
           "removed_by_platform": "von der Plattform entfernt", "complaint_filed": "Anzeige erstattet",
           "closed": "abgeschlossen"},
}
AUTHOR_LABELS = {"fr": ("Vigie (automatique)", "clé API"), "en": ("Vigie (automatic)", "API key"),
                 "de": ("Vigie (automatisch)", "API-Schlüssel")}


def _label(table: dict[str, dict[str, str]], language: str, value: object) -> str:
    return table.get(language, table["fr"]).get(str(value), str(value))


def _author(language: str, value: object) -> str:
    automatic, key = AUTHOR_LABELS.get(language, AUTHOR_LABELS["fr"])
    text = str(value)
    return automatic if text.startswith("vigie") else f"{key} {text}"


def _text(value: object) -> str:
    return escape("" if value is None else str(value))


def render_report(
    language: str, practice: dict[str, Any], incident: dict[str, Any], deadline: date | None,
    legal: list[Qualification], chronology: list[dict[str, Any]], chain_head: str, generated_at: datetime,
) -> bytes:
    """Render the report; `chronology` items carry captured_at, platform, url, text and sha256."""
    labels = LABELS.get(language, LABELS["fr"])
    zone = practice_zone(practice)
    channels = CHANNEL_LABELS.get(language, CHANNEL_LABELS["fr"])

    def when(value: object) -> str:
        return escape(format_moment(value, language, zone))

    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Code"]
    small.fontSize, small.leading = 7, 8
    story: list[Any] = [Paragraph(labels["title"], styles["Title"])]

    summary = [
        (labels["practice"], practice.get("name") or incident.get("practice_ref")),
        (labels["incident"], incident["_id"]), (labels["kind"], _label(KIND_LABELS, language, incident.get("kind"))),
        (labels["status"], _label(STATUS_LABELS, language, incident.get("status"))),
        (labels["opened"], incident.get("opened_at")),
        (labels["generated"], generated_at),
    ]
    if deadline is not None:
        passed = deadline < generated_at.astimezone(zone).date()
        summary.append((labels["deadline_passed" if passed else "deadline"], deadline))
    for label, value in summary:
        shown = when(value) if isinstance(value, date) else _text(value)
        story.append(Paragraph(f"<b>{escape(label)}</b> : {shown}", body))

    story += [Spacer(1, 4 * mm), Paragraph(labels["legal"], styles["Heading2"])]
    for qualification in legal:
        penalty = f" — {labels['penalty']} : {escape(qualification.penalty)}" if qualification.penalty else ""
        story.append(Paragraph(f"<b>{escape(qualification.offence)}</b> ({escape(qualification.article)}){penalty}",
                               body))
    story.append(Paragraph(f"<i>{escape(labels['disclaimer'])}</i>", body))

    story += [Spacer(1, 4 * mm), Paragraph(labels["chronology"], styles["Heading2"])]
    for number, item in enumerate(chronology, start=1):
        rows = [
            [labels["published"], when(item.get("published_at"))],
            [labels["captured"], when(item.get("captured_at"))],
            [labels["channel"], _text(channels.get(str(item.get("channel")), item.get("channel")))],
            [labels["platform"], _text(item.get("platform"))],
            [labels["author"], Paragraph(_text(item.get("author")), body)],
            [labels["url"], Paragraph(_text(item.get("url")), body)],
            [labels["text"], Paragraph(_text(item.get("text")), body)],
            [labels["hash"], Paragraph(_text(item.get("sha256")), small)],
        ]
        table = Table(rows, colWidths=[30 * mm, 140 * mm])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [Paragraph(f"#{number}", styles["Heading4"]), table]

    story += [Spacer(1, 4 * mm), Paragraph(labels["history"], styles["Heading2"])]
    for change in incident.get("status_history", []):
        status = _label(STATUS_LABELS, language, change.get("status"))
        author = _author(language, change.get("by"))
        story.append(Paragraph(f"{when(change.get('at'))} — {_text(status)} "
                               f"({labels['by']} {_text(author)}) {_text(change.get('note') or '')}", body))
    story += [Spacer(1, 4 * mm), Paragraph(f"<b>{escape(labels['chain'])}</b>", body),
              Paragraph(escape(chain_head), small)]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=labels["title"], invariant=1)
    document.build(story)
    return buffer.getvalue()

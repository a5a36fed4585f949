"""Build the alert email (plain text and HTML) in the practice's language.

NOTE: the wording lives in the small tables below until the Jinja2 templates and gettext catalogs
replace them.
"""

import html
from email.message import EmailMessage
from email.utils import make_msgid

from contracts.events import AlertRaised

CATEGORY_LABELS = {
    "fr": {"extortion": "Tentative de chantage", "threat": "Menace", "insult": "Injure",
           "defamation": "Propos diffamatoires", "personal_data": "Données personnelles",
           "fake_suspect": "Faux avis suspects", "off_topic": "Hors sujet"},
    "en": {"extortion": "Extortion attempt", "threat": "Threat", "insult": "Insult",
           "defamation": "Defamatory statement", "personal_data": "Personal data",
           "fake_suspect": "Suspected fake reviews", "off_topic": "Off-topic"},
    "de": {"extortion": "Erpressungsversuch", "threat": "Drohung", "insult": "Beleidigung",
           "defamation": "Verleumderische Aussage", "personal_data": "Personenbezogene Daten",
           "fake_suspect": "Verdacht auf gefälschte Bewertungen", "off_topic": "Themenfremd"},
}
SUBJECT = {"fr": "{label} détectée — {platform}", "en": "{label} detected — {platform}",
           "de": "{label} erkannt — {platform}"}
INTRO = {
    "fr": "Vigie a détecté un contenu à risque concernant {practice}.",
    "en": "Vigie detected risky content about {practice}.",
    "de": "Vigie hat einen riskanten Inhalt zu {practice} erkannt.",
}
EVIDENCE = {"fr": "Passages en cause", "en": "Evidence", "de": "Belegstellen"}
STEPS = {
    "fr": "Ne payez pas et ne négociez pas. Conservez tous les messages. Ne répondez pas publiquement, ou "
          "de façon neutre. Signalez le contenu à la plateforme.",
    "en": "Do not pay and do not negotiate. Keep every message. Do not reply publicly, or reply neutrally. "
          "Report the content to the platform.",
    "de": "Zahlen und verhandeln Sie nicht. Bewahren Sie alle Nachrichten auf. Antworten Sie nicht öffentlich "
          "oder nur neutral. Melden Sie den Inhalt der Plattform.",
}


def build_alert_email(alert: AlertRaised, locale: str, practice_name: str, sender: str,
                      recipients: tuple[str, ...]) -> EmailMessage:
    label = CATEGORY_LABELS[locale][alert.category.value]
    quotes = [evidence.text for evidence in alert.evidence if evidence.text]
    lines = [INTRO[locale].format(practice=practice_name), "", f"{label} ({alert.platform}, {alert.external_id})"]
    if alert.url:
        lines.append(alert.url)
    lines += ["", EVIDENCE[locale] + ":"] + [f"  « {quote} »" for quote in quotes] + ["", STEPS[locale]]

    message = EmailMessage()
    message["Subject"] = SUBJECT[locale].format(label=label, platform=alert.platform)
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Message-ID"] = make_msgid(idstring=alert.alert_id, domain="vigie.localhost")
    message["X-Vigie-Alert-Id"] = alert.alert_id
    message["X-Vigie-Correlation-Id"] = alert.correlation_id
    message.set_content("\n".join(lines))
    items = "".join(f"<li><q>{html.escape(quote)}</q></li>" for quote in quotes)
    link = f'<p><a href="{html.escape(alert.url)}">{html.escape(alert.url)}</a></p>' if alert.url else ""
    message.add_alternative(
        f"<html><body><p>{html.escape(INTRO[locale].format(practice=practice_name))}</p>"
        f"<h2>{html.escape(label)}</h2>{link}<h3>{EVIDENCE[locale]}</h3><ul>{items}</ul>"
        f"<p>{html.escape(STEPS[locale])}</p></body></html>",
        subtype="html",
    )
    return message

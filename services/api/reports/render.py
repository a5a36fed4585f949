"""Pre-filled platform reports and complaint summaries, rendered from Jinja2 templates in fr, en and de."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

KINDS = ("google_extortion", "google_policy", "trustpilot", "dsa_notice", "complaint")

# Google's prohibited-content categories that fit each scorer category.
GOOGLE_POLICY_FLAGS = {
    "extortion": ["harassment"], "threat": ["harassment", "violence"], "insult": ["offensive_content", "harassment"],
    "defamation": ["misinformation"], "personal_data": ["personal_information"], "fake_suspect": ["fake_engagement"],
    "off_topic": ["off_topic"], "campaign": ["fake_engagement"],
}
# Trustpilot's flag reasons that fit each scorer category.
TRUSTPILOT_REASONS = {
    "extortion": "harmful_or_illegal", "threat": "harmful_or_illegal", "insult": "harmful_or_illegal",
    "defamation": "harmful_or_illegal", "personal_data": "personal_information",
    "fake_suspect": "not_genuine_experience", "campaign": "not_genuine_experience", "off_topic": "wrong_business",
}

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "harassment": "Harcèlement", "violence": "Violence", "offensive_content": "Contenu choquant",
        "misinformation": "Informations trompeuses", "personal_information": "Informations personnelles",
        "fake_engagement": "Faux engagement", "off_topic": "Hors sujet",
        "harmful_or_illegal": "Contenu préjudiciable ou illégal", "not_genuine_experience":
        "Ne reflète pas une expérience réelle", "wrong_business": "Mauvaise entreprise",
        "missing": "[à compléter]",
    },
    "en": {
        "harassment": "Harassment", "violence": "Violence", "offensive_content": "Offensive content",
        "misinformation": "Misinformation", "personal_information": "Personal information",
        "fake_engagement": "Fake engagement", "off_topic": "Off-topic",
        "harmful_or_illegal": "Harmful or illegal", "not_genuine_experience": "Not based on a genuine experience",
        "wrong_business": "Wrong business", "missing": "[to be completed]",
    },
    "de": {
        "harassment": "Belästigung", "violence": "Gewalt", "offensive_content": "Anstössige Inhalte",
        "misinformation": "Falschinformationen", "personal_information": "Personenbezogene Daten",
        "fake_engagement": "Gefälschte Interaktionen", "off_topic": "Themenfremd",
        "harmful_or_illegal": "Schädlich oder rechtswidrig", "not_genuine_experience":
        "Beruht nicht auf einer echten Erfahrung", "wrong_business": "Falsches Unternehmen",
        "missing": "[zu ergänzen]",
    },
}

# The reports are plain text pasted into web forms, never HTML, so escaping would only corrupt quotes.
_environment = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), undefined=StrictUndefined,
    autoescape=False,  # noqa: S701 trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
)


@dataclass
class RenderedReport:
    kind: str
    language: str
    text: str
    missing: list[str]


def render(kind: str, language: str, context: dict[str, Any]) -> RenderedReport:
    """Render one report; `missing` names the practice fields the sender must still fill in by hand."""
    labels = LABELS[language]
    # Practices created by ingest have none of these fields yet; the templates show a placeholder for each.
    practice = {field: context["practice"].get(field) for field in ("name", "address", "platform_profiles")}
    given = context["practice"].get("contact") or {}
    contact = {field: given.get(field) for field in ("name", "role", "email")}
    missing = [field for field, value in (
        ("practice.name", practice.get("name")), ("practice.address", practice.get("address")),
        ("practice.contact.name", contact.get("name")), ("practice.contact.email", contact.get("email")),
        ("practice.platform_profiles", practice.get("platform_profiles")),
    ) if not value]
    categories = sorted({context["incident"].get("kind"), *context["incident"].get("categories", [])} - {None})
    policy_flags = sorted({flag for category in categories for flag in GOOGLE_POLICY_FLAGS.get(category, [])})
    trustpilot = sorted({TRUSTPILOT_REASONS[category] for category in categories
                         if category in TRUSTPILOT_REASONS})
    template = _environment.get_template(f"{kind}.{language}.txt.j2")
    text = template.render(
        **{**context, "practice": practice}, contact=contact, labels=labels, missing_mark=labels["missing"],
        categories=categories,
        policy_flags=[labels[flag] for flag in policy_flags],
        trustpilot_reasons=[labels[reason] for reason in trustpilot], today=date.today().isoformat(),
    )
    return RenderedReport(kind=kind, language=language, text=text, missing=missing)

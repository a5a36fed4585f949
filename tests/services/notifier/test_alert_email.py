"""Alert email content in the three languages, rendered from the templates and catalogs."""

from datetime import UTC, date, datetime

import pytest

from contracts.risk import Category
from services.notifier.alert_email import IncidentUpdate, build_alert_email, render_alert
from services.notifier.catalogs import check_catalogs
from services.notifier.policy import press_law_deadline
from services.notifier.samples import sample_alert, sample_preferences


def bodies(message) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_catalogs_complete_and_templates_render() -> None:
    check_catalogs()


@pytest.mark.parametrize(
    ("locale", "subject", "steps"),
    [
        ("fr-FR", "Tentative de chantage détectée — avis Google du 3 décembre",
         ["Ne payez pas et ne négociez pas", "Conservez tous les messages", "312-10", "75 000 €"]),
        ("en-GB", "Extortion attempt detected — Google review of 3 December",
         ["Do not pay and do not negotiate", "Keep every message", "312-10"]),
        ("de-CH", "Erpressungsversuch erkannt — Google-Bewertung vom 3. Dezember",
         ["Zahlen und verhandeln Sie nicht", "Bewahren Sie alle Nachrichten auf", "Art. 156"]),
    ],
)
def test_extortion_email_per_language(locale: str, subject: str, steps: list[str]) -> None:
    preferences = sample_preferences(locale)
    message = build_alert_email(sample_alert(), preferences, "alerts@vigie.test", preferences.emails)
    text, html = bodies(message)

    assert message["Subject"] == subject
    assert message["Content-Language"] == locale[:2]
    for body in (text, html):
        assert "Offrez-moi le détartrage ou je laisse une étoile" in body
        assert "https://maps.example/reviews/g-sample" in body
        for step in steps:
            assert step in body


def test_private_message_subject() -> None:
    subject, _, _ = render_alert(sample_alert(channel="private_message"), sample_preferences("fr-FR"))
    assert subject == "Tentative de chantage détectée — message du 3 décembre"


def test_defamation_shows_press_law_deadline() -> None:
    alert = sample_alert(Category.DEFAMATION)
    _, text, html = render_alert(alert, sample_preferences("fr-FR"))

    assert press_law_deadline(Category.DEFAMATION, alert.published_at, "FR") == date(2027, 3, 3)
    assert "agissez avant le 3 mars 2027" in text
    assert "loi du 29 juillet 1881" in html


def test_swiss_practice_gets_no_french_deadline() -> None:
    _, text, _ = render_alert(sample_alert(Category.INSULT), sample_preferences("fr-CH"))
    assert "1881" not in text


def test_update_email_counts_alerts() -> None:
    update = IncidentUpdate(20, datetime(2026, 12, 3, 9, tzinfo=UTC), ("premier", "second"))
    subject, text, _ = render_alert(sample_alert(Category.FAKE_SUSPECT), sample_preferences("fr-FR"), update)

    assert subject == "Mise à jour : 20 alertes dans cet incident — Faux avis suspects détectés"
    assert "20 alertes à ce jour" in text
    assert "« premier »" in text


def test_html_escapes_evidence() -> None:
    alert = sample_alert()
    alert.evidence[0].text = "<script>alert(1)</script>"
    _, _, html = render_alert(alert, sample_preferences("en-GB"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html

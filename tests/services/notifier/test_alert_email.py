"""Alert email content in the three languages, rendered from the templates and catalogs."""

from datetime import UTC, date, datetime

import pytest

from contracts.events import AlertRaised, Severity
from contracts.risk import Category, Evidence
from services.notifier.alert_email import IncidentUpdate, build_alert_email, render_alert
from services.notifier.catalogs import check_catalogs
from services.notifier.policy import press_law_deadline
from services.notifier.preferences import Preferences, build_preferences
from services.notifier.samples import sample_alert, sample_preferences


def with_evidence(alert: AlertRaised, *quotes: str) -> AlertRaised:
    return alert.model_copy(update={"evidence": [Evidence(rule="sample", text=quote) for quote in quotes]})


def preferences_of(practice: dict[str, object]) -> Preferences:
    return build_preferences({}, practice, "ten_sample", "cabinet-dentaire-demo")


def received(channel: str, platform: str, day: int = 1) -> AlertRaised:
    alert = sample_alert(Category.EXTORTION, channel, platform)
    return alert.model_copy(update={"published_at": datetime(2026, 12, day, 9, tzinfo=UTC)})


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
         ["Do not pay and do not negotiate", "Keep every message", "ask a lawyer"]),
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
    assert subject == "Tentative de chantage détectée — message Google du 3 décembre"


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
    update = IncidentUpdate(20, datetime(2026, 12, 3, 9, tzinfo=UTC))
    earlier = [with_evidence(sample_alert(Category.FAKE_SUSPECT), quote) for quote in ("premier", "second")]
    subject, text, _ = render_alert(sample_alert(Category.FAKE_SUSPECT), sample_preferences("fr-FR"), update,
                                    earlier)

    assert subject == "Mise à jour : 20 alertes dans cet incident — Faux avis suspects détectés"
    assert "20 alertes à ce jour" in text
    assert "« premier »" in text


def test_html_escapes_evidence() -> None:
    alert = sample_alert()
    alert.evidence[0].text = "<script>alert(1)</script>"
    _, _, html = render_alert(alert, sample_preferences("en-GB"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


class TestPracticeWithoutName:
    @pytest.mark.parametrize(
        ("locale", "label"),
        [("fr-FR", "concernant votre cabinet (cabinet-dentaire-demo)"),
         ("en-GB", "about your practice (cabinet-dentaire-demo)"),
         ("de-CH", "zu Ihrer Praxis (cabinet-dentaire-demo)")],
    )
    def test_slug_shown_as_label(self, locale: str, label: str) -> None:
        _, text, html = render_alert(sample_alert(), preferences_of({"locale": locale}))
        assert label in text
        assert label in html

    def test_name_used_when_present(self) -> None:
        _, text, _ = render_alert(sample_alert(), preferences_of({"locale": "fr-FR", "name": "Cabinet Martin"}))
        assert "concernant Cabinet Martin." in text
        assert "votre cabinet" not in text


class TestReceivedContent:
    @pytest.mark.parametrize(
        ("platform", "locale", "line"),
        [("email", "fr-FR", "Reçu par e-mail le 30 décembre 2026"),
         ("whatsapp", "fr-FR", "Reçu par WhatsApp le 30 décembre 2026"),
         ("sms", "fr-FR", "Reçu par SMS le 30 décembre 2026"),
         ("telegram", "fr-FR", "Reçu par Telegram le 30 décembre 2026"),
         ("email", "en-GB", "Received via email on 30 December 2026"),
         ("whatsapp", "en-GB", "Received via WhatsApp on 30 December 2026"),
         ("email", "de-CH", "Per E-Mail erhalten am 30. Dezember 2026"),
         ("sms", "de-CH", "Per SMS erhalten am 30. Dezember 2026")],
    )
    def test_private_message_says_received(self, platform: str, locale: str, line: str) -> None:
        _, text, html = render_alert(received("private_message", platform, 30), sample_preferences(locale))
        assert line in text
        assert line in html
        assert "Publié" not in text
        assert "Published" not in text
        assert "Veröffentlicht" not in text

    def test_note_says_reported_by_team(self) -> None:
        subject, text, _ = render_alert(received("note", "manual", 30), sample_preferences("fr-FR"))
        assert "Signalé par l'équipe (note) le 30 décembre 2026" in text
        assert subject == "Tentative de chantage détectée — note de l'équipe du 30 décembre"

    @pytest.mark.parametrize(
        ("platform", "locale", "subject"),
        [("whatsapp", "fr-FR", "Tentative de chantage détectée — message WhatsApp du 1er décembre"),
         ("email", "fr-FR", "Tentative de chantage détectée — message e-mail du 1er décembre"),
         ("whatsapp", "en-GB", "Extortion attempt detected — WhatsApp message of 1 December"),
         ("sms", "de-CH", "Erpressungsversuch erkannt — SMS-Nachricht vom 1. Dezember")],
    )
    def test_private_message_subject_names_source(self, platform: str, locale: str, subject: str) -> None:
        rendered, _, _ = render_alert(received("private_message", platform), sample_preferences(locale))
        assert rendered == subject

    @pytest.mark.parametrize(
        ("platform", "name"),
        [("google", "Google"), ("trustpilot", "Trustpilot"), ("jameda", "Jameda"), ("facebook", "Facebook"),
         ("yelp", "Yelp"), ("doctolib", "Doctolib")],
    )
    def test_review_platform_proper_name(self, platform: str, name: str) -> None:
        subject, text, _ = render_alert(sample_alert(platform=platform), sample_preferences("fr-FR"))
        assert f"avis {name} du 3 décembre" in subject
        assert f"Publié sur {name} le 3 décembre 2026" in text


class TestFrenchFirstOfMonth:
    def test_subject_and_body_use_ordinal(self) -> None:
        alert = sample_alert().model_copy(update={"published_at": datetime(2026, 12, 1, 9, tzinfo=UTC)})
        subject, text, html = render_alert(alert, sample_preferences("fr-FR"))
        assert subject.endswith("avis Google du 1er décembre")
        assert "Publié sur Google le 1er décembre 2026" in text
        assert "le 1er décembre 2026" in html

    def test_other_days_and_languages_unchanged(self) -> None:
        alert = sample_alert().model_copy(update={"published_at": datetime(2026, 12, 11, 9, tzinfo=UTC)})
        french, _, _ = render_alert(alert, sample_preferences("fr-FR"))
        english, _, _ = render_alert(received("review", "google"), sample_preferences("en-GB"))
        assert french.endswith("du 11 décembre")
        assert english.endswith("Google review of 1 December")


class TestExtortionReportingStep:
    def test_private_message_advises_keeping_and_reporting_reviews(self) -> None:
        _, text, _ = render_alert(received("private_message", "whatsapp"), sample_preferences("fr-FR"))
        assert "Conservez le message tel quel" in text
        assert "signalez ces avis avec le formulaire d'extorsion de la plateforme" in text
        assert "Signalez l'avis" not in text
        assert "Ne répondez pas publiquement" not in text

    def test_google_review_keeps_google_form(self) -> None:
        _, text, _ = render_alert(sample_alert(), sample_preferences("fr-FR"))
        assert "Signalez l'avis à Google avec son formulaire dédié au chantage aux avis." in text

    def test_other_platform_names_its_own_path(self) -> None:
        _, text, _ = render_alert(sample_alert(platform="trustpilot"), sample_preferences("en-GB"))
        assert "Report the review to Trustpilot as extortion, with the platform's own option" in text
        assert "Google" not in text


class TestJurisdiction:
    @pytest.mark.parametrize(
        "practice",
        [{"locale": "fr", "country": "CH"}, {"locale": "fr-CH"}, {"locale": "de-CH"},
         {"locale": "en", "country": "CH"}],
    )
    def test_swiss_practice_gets_swiss_law(self, practice: dict[str, object]) -> None:
        _, text, html = render_alert(sample_alert(), preferences_of(practice))
        for body in (text, html):
            assert "156" in body
            assert "181" in body
            assert "312-10" not in body
            assert "75 000" not in body
            assert "75,000" not in body

    @pytest.mark.parametrize("practice", [{"locale": "fr-FR"}, {"locale": "de", "country": "FR"}])
    def test_french_practice_gets_french_law(self, practice: dict[str, object]) -> None:
        _, text, _ = render_alert(sample_alert(), preferences_of(practice))
        assert "312-10" in text

    @pytest.mark.parametrize(
        ("practice", "warning"),
        [({"locale": "de"}, "nicht bekannt, welches Landesrecht gilt"),
         ({"locale": "fr"}, "Le pays dont le droit s'applique n'est pas connu"),
         ({}, "Le pays dont le droit s'applique n'est pas connu"),
         ({"locale": "de", "country": "DE"}, "nicht bekannt, welches Landesrecht gilt"),
         ({"locale": "en-GB"}, "The country whose law applies is not known")],
    )
    def test_unknown_country_advises_lawyer(self, practice: dict[str, object], warning: str) -> None:
        _, text, _ = render_alert(sample_alert(), preferences_of(practice))
        assert warning in text
        assert "312-10" not in text
        assert "156" not in text

    def test_unknown_country_gets_no_french_deadline(self) -> None:
        _, text, _ = render_alert(sample_alert(Category.DEFAMATION), preferences_of({"locale": "de"}))
        assert "1881" not in text
        assert "nicht bekannt, welches Landesrecht gilt" in text


class TestOtherFindings:
    def test_defamation_lists_personal_data_with_evidence(self) -> None:
        defamation = with_evidence(sample_alert(Category.DEFAMATION), "ce dentiste est un escroc")
        personal = with_evidence(sample_alert(Category.PERSONAL_DATA), "06 12 34 56 78", "Jean Dupont")
        personal = personal.model_copy(update={"severity": Severity.HIGH})
        _, text, html = render_alert(defamation, sample_preferences("fr-FR"), related=[personal])

        for body in (text, html):
            assert "Propos diffamatoires" in body
            assert "Également détecté dans ce contenu" in body
            assert "Données personnelles" in body
            assert "06 12 34 56 78" in body
            assert "Jean Dupont" in body
            assert "pour informations personnelles" in body
        assert "(gravité : élevée)" in text

    def test_no_section_without_other_findings(self) -> None:
        _, text, _ = render_alert(sample_alert(Category.DEFAMATION), sample_preferences("fr-FR"))
        assert "Également détecté" not in text

import pytest

from services.scoring.engine import SCORER_VERSION, check_reply

BREACHES = [
    "Lors de votre rendez-vous du 12 mars, nous avons posé une couronne sur la dent 36.",
    "Vous êtes venue trois fois pour la même carie, nous avons tout expliqué.",
    "You came to us twice in March for a root canal and cancelled the crown.",
    "As your dentist, I recommended an extraction of the wisdom tooth.",
    "Sie waren am 3. Mai bei uns, die Wurzelbehandlung wurde korrekt durchgeführt.",
    "Ihre Diagnose war eindeutig, die Infektion wurde sofort behandelt.",
]
LAWFUL = [
    "Merci pour votre message. Le secret médical nous interdit de répondre ici, appelez-nous.",
    "Comme vous le mentionnez, l'extraction a été douloureuse : nous en sommes désolés.",
    "Thank you for the feedback. We cannot discuss any individual care in public.",
    "Danke für Ihr Feedback. Bitte rufen Sie uns an, damit wir das klären können.",
]


@pytest.mark.parametrize("text", BREACHES)
def test_check_reply_flags_care_details(text: str) -> None:
    result = check_reply(text)
    assert result.reply_breach, text
    assert result.scorer_version == SCORER_VERSION
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.reason


@pytest.mark.parametrize("text", LAWFUL)
def test_check_reply_passes_lawful_reply(text: str) -> None:
    result = check_reply(text)
    assert not result.reply_breach, (text, result.findings)


def test_check_reply_finding_names_tooth() -> None:
    text = "Nous avons traité la dent 36 en urgence."
    findings = check_reply(text).findings
    assert ("reply.care_detail", "dent 36") in [(finding.rule, finding.text) for finding in findings]

import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from tests.services.scoring.engine.conftest import assert_offsets_match

THREATS = [
    "Je vais te casser la gueule à la sortie du cabinet.",
    "Si je vous croise, je vais vous tuer.",
    "Je vais mettre le feu à votre cabinet.",
    "Je sais où tu habites.",
    "I'm going to hurt you when you leave the office.",
    "Someone should burn down your clinic with you in it.",
    "I know where you live, doctor.",
    "Ich bring dich um, wenn ich dich sehe.",
    "Ich werde Ihre Praxis anzünden.",
    "So ein Arzt gehört erschossen.",
]
NOT_THREATS = [
    "La douleur après l'extraction m'a tuée pendant deux jours.",
    "Je vais vous défoncer sur internet avec mes avis.",
    "Le dentiste m'a fait mal, je ne reviendrai pas.",
    "The pain after the root canal was killing me.",
    "I'm going to kill time in the waiting room again, two hours late as usual.",
    "This wait is going to kill me.",
    "Die Schmerzen haben mich fast umgebracht.",
    "Ich werde diese Praxis nie wieder betreten.",
]


@pytest.mark.parametrize("text", THREATS)
def test_threat_flags_violence(scorer: TextScorer, text: str) -> None:
    risk = scorer.score(text)
    assert risk.categories[Category.THREAT].flagged, text
    assert_offsets_match(text, risk, Category.THREAT)


@pytest.mark.parametrize("text", NOT_THREATS)
def test_threat_ignores_figure_of_speech(scorer: TextScorer, text: str) -> None:
    result = scorer.score(text).categories[Category.THREAT]
    assert not result.flagged, (text, result.evidence)


def test_threat_evidence_names_rule(scorer: TextScorer) -> None:
    text = "Attention. Je vais brûler votre cabinet ce soir."
    evidence = scorer.score(text).categories[Category.THREAT].evidence
    assert [item.rule for item in evidence] == ["threat.harm_to_premises"]
    assert evidence[0].text == "brûler votre cabinet"

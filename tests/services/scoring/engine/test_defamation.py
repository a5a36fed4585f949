import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from tests.services.scoring.engine.conftest import assert_offsets_match

ACCUSATIONS = [
    "Il facture à la Sécu des soins jamais réalisés.",
    "Ce dentiste est un escroc qui vole ses patients.",
    "Un boucher qui a tué ma mère.",
    "He bills the health insurance for care never done.",
    "The doctor is a fraudster and a thief.",
    "Der Zahnarzt ist ein Betrüger.",
    "Er rechnet Leistungen ab, die nie erbracht wurden.",
]
OPINIONS = [
    "Beaucoup trop cher pour ce que c'est.",
    "Médecin peu aimable et pressé.",
    "Too expensive and the staff was unfriendly.",
    "Zu teuer und die Helferinnen sind unfreundlich.",
]


@pytest.mark.parametrize("text", ACCUSATIONS)
def test_defamation_flags_accusation_as_fact(scorer: TextScorer, text: str) -> None:
    risk = scorer.score(text)
    assert risk.categories[Category.DEFAMATION].flagged, text
    assert_offsets_match(text, risk, Category.DEFAMATION)


@pytest.mark.parametrize("text", OPINIONS)
def test_defamation_ignores_opinion(scorer: TextScorer, text: str) -> None:
    result = scorer.score(text).categories[Category.DEFAMATION]
    assert not result.flagged, (text, result.evidence)


def test_defamation_hedged_accusation_weighs_less(scorer: TextScorer) -> None:
    stated = scorer.score("Ce médecin est un escroc.").categories[Category.DEFAMATION].score
    hedged = scorer.score("Je pense que ce médecin est un escroc.").categories[Category.DEFAMATION].score
    assert hedged < stated

import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from tests.services.scoring.engine.conftest import assert_offsets_match

INSULTS = [
    "Ce dentiste est un connard fini.",
    "T'es vraiment qu'un abruti, docteur.",
    "Quel con ce médecin.",
    "The receptionist is a complete asshole.",
    "You are an idiot and a liar.",
    "Der Arzt ist ein Arschloch.",
    "Du bist ein Trottel, Herr Doktor.",
]
NOT_INSULTS = [
    "Putain, deux heures d'attente, c'est n'importe quoi.",
    "Une heure de retard sans la moindre excuse.",
    "What a fucking mess this booking system is.",
    "I felt stupid for not asking about the price first.",
    "So eine Scheiße, schon wieder kein Termin frei.",
    "Le service est nul et l'accueil désagréable.",
]


@pytest.mark.parametrize("text", INSULTS)
def test_insult_flags_aimed_insult(scorer: TextScorer, text: str) -> None:
    risk = scorer.score(text)
    assert risk.categories[Category.INSULT].flagged, text
    assert_offsets_match(text, risk, Category.INSULT)


@pytest.mark.parametrize("text", NOT_INSULTS)
def test_insult_ignores_swearing_about_situation(scorer: TextScorer, text: str) -> None:
    result = scorer.score(text).categories[Category.INSULT]
    assert not result.flagged, (text, result.evidence)

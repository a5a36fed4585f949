"""Language, sentiment, topics and text folding."""

import pytest

from contracts.risk import Topic
from services.scoring.engine import TextScorer
from services.scoring.engine.normalise import fold


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le médecin était très à l'écoute et le cabinet est propre.", "fr"),
        ("The dentist was gentle and the staff were very kind to us.", "en"),
        ("Die Ärztin ist sehr freundlich und hat sich Zeit für mich genommen.", "de"),
        ("A fuir!", "fr"),
        ("Il dottore è molto gentile e professionale.", "other"),
    ],
)
def test_language_detects_supported_languages(scorer: TextScorer, text: str, language: str) -> None:
    assert scorer.score(text).language == language


def test_language_argument_skips_detection(scorer: TextScorer) -> None:
    assert scorer.score("ok", language="de").language == "de"


@pytest.mark.parametrize(
    ("text", "positive"),
    [
        ("Excellent dentiste, très doux, je recommande.", True),
        ("Horrible, personnel désagréable, à éviter.", False),
        ("Great doctor, very kind and thorough.", True),
        ("Rude staff and a terrible wait.", False),
        ("Sehr freundlich und kompetent, absolut empfehlenswert.", True),
        ("Unfreundlich und inkompetent, nie wieder.", False),
        ("Pas du tout professionnel.", False),
    ],
)
def test_sentiment_sign(scorer: TextScorer, text: str, positive: bool) -> None:
    sentiment = scorer.score(text).sentiment
    assert (sentiment > 0) is positive, (text, sentiment)


def test_topics_from_fixed_list(scorer: TextScorer) -> None:
    text = "Deux heures d'attente, la secrétaire désagréable et une facture de 300 € pour une couronne."
    topics = scorer.score(text).topics
    assert Topic.WAIT_TIME in topics
    assert Topic.STAFF_ATTITUDE in topics
    assert Topic.FEES_BILLING in topics
    assert Topic.HYGIENE not in topics


def test_fold_keeps_length_and_positions() -> None:
    text = "Réduction’ ÉTÉ Straße İ œ"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("reduction' ete straße")

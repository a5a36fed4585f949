"""Extortion structures added for veiled demands, staff notes and scam crews, with their evidence offsets."""

import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from tests.services.scoring.engine.conftest import assert_offsets_match

# (text, channel, rule expected among the evidence)
FLAGGED = [
    # A demand put as a question.
    (
        "Et si je publiais sur Doctolib que vous bâclez les soins ? On reparle de ma facture ?",
        "review",
        "extortion.what_if_review",
    ),
    ("What if I wrote on Yelp how you treat people? Maybe drop the charge.", "review", "extortion.what_if_review"),
    ("Would you rather refund me or see a one-star review tomorrow?", "review", "extortion.choice_review"),
    (
        "Möchten Sie mir lieber 20 Euro erlassen oder eine schlechte Bewertung lesen?",
        "review",
        "extortion.choice_review",
    ),
    # A regret about the rating next to a bill.
    ("Ce serait bête que vos étoiles fondent pour une facture de 60 euros.", "review", "extortion.shame_review"),
    ("Wäre schade um Ihre Bewertung, nur wegen einer Rechnung.", "review", "extortion.shame_review"),
    # A review held until, or spared once, the gain arrives.
    ("The review stays up until you refund the deposit.", "review", "extortion.review_for_gain"),
    ("Un geste sur la note d'honoraires et vos avis restent au beau fixe.", "review", "extortion.review_for_gain"),
    ("Erstatten Sie die 90 Euro, dann verschwindet meine Rezension.", "review", "extortion.review_for_gain"),
    # Conditions without "ne", with any subject, "without X", or a gain before the condition.
    ("si vs me remboursez pas jvais tout raconter sur facebook", "review", "extortion.unless_review"),
    ("Without a refund I'll tell everyone on Google what happened.", "review", "extortion.unless_review"),
    (
        "Wenn die Rechnung nicht storniert wird, schreibe ich bei Jameda eine schlechte Bewertung.",
        "review",
        "extortion.unless_review",
    ),
    # Harm to the reputation as the threat, without a platform named.
    (
        "Je vais vous ruiner la réputation si vous ne m'offrez pas le détartrage gratuit.",
        "private_message",
        "extortion.unless_review",
    ),
    ("Si vous ne me faites pas la couronne gratuite, je vous fais une sale réputation.", "review",
     "extortion.unless_review"),
    # Staff notes: titles and initials do not end the sentence.
    ("Mr. Diaz warned us he'd go to Google unless the late fee was waived.", "note", "extortion.threatened_review"),
    (
        "Frau B. drohte, uns auf Jameda fertigzumachen, falls wir die Gebühr nicht erlassen.",
        "note",
        "extortion.unless_review",
    ),
    # Scam crews.
    (
        "We posted one review as proof. 25 dollars per review to stop, payment via USDT.",
        "private_message",
        "extortion.scam_price_per_review",
    ),
    (
        "Vous avez bloqué notre numéro. Le prix est maintenant de 600 €, contactez-nous sur Telegram.",
        "private_message",
        "extortion.scam_escalation",
    ),
    (
        "Das ist nur unser Job. Zahlung per Paysafecard und wir löschen alle Bewertungen.",
        "private_message",
        "extortion.scam_just_a_job",
    ),
    (
        "Please sir, we need the money. We can change all your reviews to 5 stars.",
        "private_message",
        "extortion.scam_pleading",
    ),
]
NOT_FLAGGED = [
    "La réceptionniste a menacé d'annuler mes soins si je laissais un mauvais avis sur Google.",
    "The office manager threatened to bill me in full if I left a negative review.",
    "I changed my rating to 5 stars once they refunded me without any fuss.",
    "Rückerstattung abgelehnt, deshalb ein Stern bei Google.",
    "Journalists report that crews sell fake one-star reviews for gift cards.",
    "Paiement PayPal accepté, livraison sous 24h, remboursement rapide.",
    "It would be a shame to lose such a good dentist, she really cares about her patients.",
]


@pytest.mark.parametrize(("text", "channel", "expected_rule"), FLAGGED)
def test_new_structure_flags(scorer: TextScorer, text: str, channel: str, expected_rule: str) -> None:
    risk = scorer.score(text, channel=channel)
    extortion = risk.categories[Category.EXTORTION]

    assert extortion.flagged, [(e.rule, e.text) for e in extortion.evidence]
    assert expected_rule in {evidence.rule for evidence in extortion.evidence}
    assert_offsets_match(text, risk, Category.EXTORTION)


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_same_words_without_demand(scorer: TextScorer, text: str) -> None:
    extortion = scorer.score(text).categories[Category.EXTORTION]

    assert not extortion.flagged, [(e.rule, e.text) for e in extortion.evidence]


def test_veiled_evidence_quotes_question(scorer: TextScorer) -> None:
    text = "Would you rather refund me or see a one-star review tomorrow?"
    evidence = next(
        e for e in scorer.score(text).categories[Category.EXTORTION].evidence if e.rule == "extortion.choice_review"
    )

    assert evidence.start is not None and evidence.end is not None
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.text == "Would you rather refund me or see a one-star review"

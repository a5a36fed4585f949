"""Extortion patterns: sentences written for these tests, in French, English and German."""

import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from tests.services.scoring.engine.conftest import assert_offsets_match

DEMAND_THEN_REVIEW = [
    "Vous me remboursez la consultation, sinon je laisse un avis négatif sur Google.",
    "faites moi un geste commercial sinn je vous met 1 etoile",
    "Je veux les soins gratuits ou je poste un avis pourri partout",
    "Give me a 30% discount or I will leave a one-star review.",
    "Refund my deposit, otherwise I'm posting a terrible review on Yelp tonight.",
    "Geben Sie mir 20 % Rabatt, sonst schreibe ich eine schlechte Bewertung.",
    "gebe mir Rabatt oder ich schreibe eine schlechte Bewertung",
    "Ich will mein Geld zurück, oder es gibt eine Ein-Stern-Bewertung bei Google.",
]
IF_NOT_THEN_REVIEW = [
    "Si vous ne m'offrez pas le blanchiment, je mets une étoile à votre cabinet.",
    "If you don't waive the cancellation fee, I will write a bad review about your clinic.",
    "Wenn Sie mir die Rechnung nicht erlassen, werde ich eine negative Bewertung schreiben.",
    "I'll post a one-star review unless you refund the whole visit.",
]
REVIEW_FOR_GAIN = [
    "Je retirerai mon avis dès que vous m'aurez remboursé les 80 euros.",
    "I'll remove my review once you refund me.",
    "Send me a $50 gift card and I'll change my review to 5 stars.",
    "Erstatten Sie mir die 120 Euro, dann werde ich die Bewertung löschen.",
]
MORE_FORMS = [
    "jveux un remboursement sinon jlaisse un avi negatif",
    "La patiente a exigé qu'on annule la facture, faute de quoi elle publierait des avis sur tous les sites.",
    "Je modifierai ma note quand j'aurai reçu mon remboursement.",
    "Vous avez 48h pour me rembourser, après je publie mon avis partout.",
    "Comp my cleaning and I'll take down my review.",
    "If you want the 1-star review gone, refund the $200.",
    "She said she would change her review to five stars if we gave her the whitening for free.",
    "Geld zurück oder ich schreibe überall im Internet, was hier los ist.",
    "Ich lösche meine Bewertung, sobald Sie mir das Geld überweisen.",
    "Zahlen Sie 200 Euro per PayPal, sonst folgen morgen 10 weitere Bewertungen.",
]
STAFF_NOTES = [
    "Le patient a dit que si on ne lui faisait pas une remise, il mettrait un avis négatif.",
    "The patient said that unless we gave him a discount he would post a bad review.",
    "Der Patient drohte mit einer schlechten Bewertung, falls wir ihm keinen Rabatt geben.",
    "Mme X a menacé de publier un mauvais avis si nous ne lui remboursions pas sa couronne.",
]
SCAM_CREW = [
    "We were hired to post 30 negative reviews on your page. "
    "We sincerely apologize but we have no other choice. "
    "Send us $300 in Bitcoin within 24 hours.",
    "Un de vos concurrents nous a payés pour détruire votre réputation. Le premier avis est une preuve. "
    "Envoyez 200 euros en cartes cadeaux avant ce soir.",
    "Ein Konkurrent hat uns beauftragt, Ihren Ruf zu zerstören. Wir haben keine andere Wahl. "
    "Schicken Sie uns einen Gutschein über 150 Euro.",
    "Bonjour, nous allons publier 15 avis négatifs demain. Contactez-nous sur WhatsApp pour les éviter.",
    "Someone ordered 25 bad reviews on your listing. To cancel the order send 0.01 BTC.",
    "Wir wurden beauftragt, 20 negative Bewertungen für Ihre Praxis zu schreiben. Zahlen Sie 300 Euro.",
]
HARD_NEGATIVES = [
    "J'ai demandé un remboursement, refusé. Je laisse donc un avis négatif pour prévenir les autres.",
    "Je publierai un avis honnête après mon prochain rendez-vous.",
    "Les honoraires sont trop élevés et les dépassements ne sont jamais annoncés.",
    "J'ai demandé le remboursement de l'acte non réalisé, sans réponse depuis un mois.",
    "I will post an honest review after my second visit.",
    "They refused to refund the missed appointment fee. Otherwise the staff was lovely.",
    "I asked for a refund of the double charge, and they fixed it quickly.",
    "This practice clearly buys its five-star reviews, the praise reads fake.",
    "I removed my review after the dentist called me to apologise.",
    "Die Rechnung war viel zu hoch, eine Erstattung wurde abgelehnt.",
    "Ich werde eine ehrliche Bewertung schreiben, wenn die Behandlung abgeschlossen ist.",
    "Die Praxis kauft offensichtlich ihre Bewertungen.",
    "Auf Drohungen gehen wir nicht ein, wir sprechen gern sachlich über Ihre Rechnung.",
    "J'ai demandé à être remboursé, ils ont refusé. Sinon, l'équipe est gentille. Une étoile.",
    "Ils m'ont remboursé, donc je modifie mon avis à 4 étoiles.",
    "The dentist offered me a discount if I left a 5-star review. That's shady.",
    "They charged me $300 for a cleaning. One star.",
    "Die Praxis hat mir Geld zurückerstattet, deshalb ändere ich meine Bewertung.",
    "Le cabinet nous a menacés de poursuites après notre avis négatif.",
    "I will leave a review once the treatment is finished.",
]


@pytest.mark.parametrize(
    "text", DEMAND_THEN_REVIEW + IF_NOT_THEN_REVIEW + REVIEW_FOR_GAIN + MORE_FORMS + STAFF_NOTES
)
def test_extortion_flags_demand_tied_to_review(scorer: TextScorer, text: str) -> None:
    risk = scorer.score(text)
    result = risk.categories[Category.EXTORTION]
    assert result.flagged, text
    assert result.score >= 0.9
    assert result.evidence
    assert_offsets_match(text, risk, Category.EXTORTION)


@pytest.mark.parametrize("text", SCAM_CREW)
def test_extortion_flags_scam_crew_message(scorer: TextScorer, text: str) -> None:
    risk = scorer.score(text, channel="private_message")
    result = risk.categories[Category.EXTORTION]
    assert result.flagged, text
    assert len({evidence.rule for evidence in result.evidence}) >= 2
    assert_offsets_match(text, risk, Category.EXTORTION)


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_extortion_ignores_hard_negative(scorer: TextScorer, text: str) -> None:
    result = scorer.score(text).categories[Category.EXTORTION]
    assert not result.flagged, (text, result.evidence)


def test_extortion_evidence_spans_demand(scorer: TextScorer) -> None:
    text = "Bonjour. Faites-moi une réduction ou je vous mets un mauvais avis."
    result = scorer.score(text).categories[Category.EXTORTION]
    evidence = result.evidence[0]
    assert evidence.rule == "extortion.demand_or_review"
    assert evidence.text == "réduction ou je vous mets un mauvais avis"
    assert evidence.start == text.index("réduction")


def test_extortion_review_threat_without_gain_is_weak(scorer: TextScorer) -> None:
    result = scorer.score("Répondez-moi, sinon je mets un avis négatif.").categories[Category.EXTORTION]
    assert not result.flagged
    assert 0 < result.score < 0.5


def test_extortion_single_scam_marker_is_weak(scorer: TextScorer) -> None:
    result = scorer.score("Livraison reçue dans les 24 h, sinon rien à dire.").categories[Category.EXTORTION]
    assert not result.flagged

import pytest

from contracts.risk import Category
from services.scoring.engine import SCORER_VERSION, TextScorer
from services.scoring.engine.thresholds import InvalidThresholdError


def test_score_reports_every_category(scorer: TextScorer) -> None:
    risk = scorer.score("Très bon accueil.")
    assert set(risk.categories) == set(Category)
    assert risk.scorer_version == SCORER_VERSION
    assert risk.flagged() == []


def test_score_empty_text(scorer: TextScorer) -> None:
    risk = scorer.score("")
    assert risk.language == "other"
    assert risk.max_score == 0.0


def test_score_rejects_unknown_channel(scorer: TextScorer) -> None:
    with pytest.raises(ValueError, match="invalid channel 'sms'"):
        scorer.score("texte", channel="sms")


def test_threshold_override_changes_flag() -> None:
    text = "Répondez-moi, sinon je mets un avis négatif."
    assert not TextScorer().score(text).categories[Category.EXTORTION].flagged
    strict = TextScorer(thresholds={Category.EXTORTION: 0.4})
    assert strict.score(text).categories[Category.EXTORTION].flagged


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_threshold_out_of_range_raises(value: float) -> None:
    with pytest.raises(InvalidThresholdError, match="expected a number from 0 to 1"):
        TextScorer(thresholds={Category.THREAT: value})


def test_rating_contradiction_flags_fake_suspect(scorer: TextScorer) -> None:
    text = "Excellent dentiste, très doux, je recommande vivement."
    assert scorer.score(text, rating=1).categories[Category.FAKE_SUSPECT].flagged
    assert not scorer.score(text, rating=5).categories[Category.FAKE_SUSPECT].flagged
    assert not scorer.score(text).categories[Category.FAKE_SUSPECT].flagged


def test_private_message_raises_scam_weight(scorer: TextScorer) -> None:
    text = "We have no other choice."
    review = scorer.score(text).categories[Category.EXTORTION].score
    private = scorer.score(text, channel="private_message").categories[Category.EXTORTION].score
    assert private > review > 0


def test_off_topic_flags_advertising(scorer: TextScorer) -> None:
    text = "Code promo BIENETRE20 sur www.example.com, suivez le lien !"
    result = scorer.score(text).categories[Category.OFF_TOPIC]
    assert result.flagged
    assert {item.rule for item in result.evidence} == {"off_topic.advertising", "off_topic.link"}


def test_risk_serialises_to_json(scorer: TextScorer) -> None:
    risk = scorer.score("Je vais te tuer.")
    payload = risk.model_dump(mode="json")
    assert payload["categories"]["threat"]["flagged"] is True

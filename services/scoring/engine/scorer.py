"""TextScorer: runs every detector on one text and assembles the Risk."""

from collections.abc import Mapping

from contracts.risk import Category, CategoryScore, Risk
from services.scoring.engine.defamation import defamation_hits
from services.scoring.engine.extortion import extortion_hits
from services.scoring.engine.fake_review import FAKE_TEXT_RULES, contradiction_hit
from services.scoring.engine.insult import INSULT_RULES
from services.scoring.engine.language import SUPPORTED, detect_language
from services.scoring.engine.model import InsultModel, load_model
from services.scoring.engine.normalise import fold
from services.scoring.engine.off_topic import OFF_TOPIC_RULES
from services.scoring.engine.personal_data import personal_data_hits
from services.scoring.engine.rules import Hit, noisy_or, run_rules
from services.scoring.engine.sentiment import sentiment
from services.scoring.engine.threat import THREAT_RULES
from services.scoring.engine.thresholds import load_thresholds
from services.scoring.engine.topics import detect_topics
from services.scoring.engine.version import SCORER_VERSION

CHANNELS = ("review", "private_message", "note")
# Scam crews write privately, so their markers weigh more there than in a public review.
PRIVATE_SCAM_BOOST = 1.2


class TextScorer:
    """Scores texts for every Category. Thread-safe: it contains only read-only thresholds and model weights."""

    def __init__(self, thresholds: Mapping[Category, float] | None = None) -> None:
        self.thresholds = load_thresholds(thresholds)
        self.insult_model = load_model()

    def score(
        self, text: str, *, channel: str = "review", rating: int | None = None, language: str | None = None
    ) -> Risk:
        """Score one text. `language` (fr, en, de) skips detection; `rating` (1-5) enables the rating check.

        Raises ValueError for an unknown channel.
        """
        if channel not in CHANNELS:
            raise ValueError(f"invalid channel {channel!r}; expected one of {CHANNELS}")

        folded = fold(text)
        detected = language if language in SUPPORTED else detect_language(text, folded)
        polarity = sentiment(folded)

        hits = {
            Category.EXTORTION: _boost_scam(extortion_hits(folded), channel),
            Category.THREAT: run_rules(THREAT_RULES, folded),
            Category.INSULT: _insult_hits(folded, detected, self.insult_model),
            Category.DEFAMATION: defamation_hits(folded),
            Category.PERSONAL_DATA: personal_data_hits(text, folded),
            Category.FAKE_SUSPECT: _fake_hits(folded, rating, polarity),
            Category.OFF_TOPIC: run_rules(OFF_TOPIC_RULES, folded),
        }
        categories = {
            category: self._category_score(category, found, text) for category, found in hits.items()
        }
        return Risk(
            scorer_version=SCORER_VERSION,
            language=detected,
            sentiment=polarity,
            topics=detect_topics(folded),
            categories=categories,
        )

    def _category_score(self, category: Category, hits: list[Hit], text: str) -> CategoryScore:
        score = noisy_or(hits)
        return CategoryScore(
            score=score,
            flagged=score >= self.thresholds[category],
            evidence=[hit.evidence(text) for hit in hits],
        )


def _boost_scam(hits: list[Hit], channel: str) -> list[Hit]:
    if channel != "private_message":
        return hits
    return [
        Hit(hit.rule, min(0.95, hit.weight * PRIVATE_SCAM_BOOST), hit.start, hit.end, hit.detail)
        if hit.rule.startswith("extortion.scam_")
        else hit
        for hit in hits
    ]


def _insult_hits(folded: str, language: str, model: InsultModel | None) -> list[Hit]:
    hits = run_rules(INSULT_RULES, folded)
    model_hit = model.hit(folded, language) if model is not None else None
    if model_hit is not None:
        hits.append(model_hit)
    return hits


def _fake_hits(folded: str, rating: int | None, polarity: float) -> list[Hit]:
    hits = run_rules(FAKE_TEXT_RULES, folded)
    contradiction = contradiction_hit(rating, polarity)
    if contradiction is not None:
        hits.append(contradiction)
    return hits

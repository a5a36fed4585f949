"""Per-text signs of a fake or bought review; stream signals (signals.py) add the cross-review evidence."""

from contracts.risk import Evidence
from services.scoring.engine.rules import Hit, Rule, rule

# A 1-2 star review this positive, or a 4-5 star review this negative, contradicts its rating.
# 0.6 needs at least two more polar words of one sign than of the other (see sentiment.py).
CONTRADICTION_SENTIMENT = 0.6
CONTRADICTION_WEIGHT = 0.6

FAKE_TEXT_RULES: tuple[Rule, ...] = (
    rule(
        "fake_suspect.incentivised",
        0.6,
        r"(?:in exchange|en echange|im gegenzug) (?:for|de|contre|fur) (?:this|my|a|cet|mon|un|diese|meine"
        r"|eine) (?:review|avis|bewertung)",
        r"(?:got|received|recu|erhalten|bekommen) (?:\w+ ){0,4}(?:for|pour|fur) (?:this|my|a|cet|mon|un"
        r"|diese|meine|eine) (?:review|avis|bewertung)",
        r"avis (?:remunere|paye|sponsorise)",
        r"paid review",
        r"bezahlte bewertung",
    ),
    rule(
        "fake_suspect.reports_fake_reviews",
        0.5,
        r"(?:faux|fake|bought|purchased|paid) (?:\w+ )?(?:avis|reviews|bewertungen)",
        r"avis (?:achetes|bidons?|truques)",
        r"(?:gekauft|gefalscht)\w* (?:\w+ )?bewertungen",
        r"fake-?bewertungen",
        r"(?:hatten|haben|hat) (?:\w+ ){0,2}(?:diese|die) selbst geschrieben",
        r"(?:wrote|written) (?:them|these|their own reviews) (?:themselves|yourself)",
        r"ecrits? (?:par )?(?:eux|elle|lui)-memes?",
        r"(?:insist\w*|demand\w*|exig\w*|verlangt\w*) (?:\w+ ){0,6}(?:avis favorable|good review|5 stars"
        r"|5 etoiles|gute bewertung)",
    ),
)


def rating_contradiction(rating: int | None, sentiment_score: float) -> Evidence | None:
    """Return evidence when a 1-5 star `rating` contradicts the text's sentiment (-1..1), else None.

    The rule is symmetric: 1-2 stars with sentiment >= 0.6, or 4-5 stars with sentiment <= -0.6.
    """
    if rating is None:
        return None
    if rating <= 2 and sentiment_score >= CONTRADICTION_SENTIMENT:
        return Evidence(
            rule="fake_suspect.rating_contradicts_text",
            detail=f"{rating}-star rating on text with sentiment {sentiment_score:+.2f}",
        )
    if rating >= 4 and sentiment_score <= -CONTRADICTION_SENTIMENT:
        return Evidence(
            rule="fake_suspect.rating_contradicts_text",
            detail=f"{rating}-star rating on text with sentiment {sentiment_score:+.2f}",
        )
    return None


def contradiction_hit(rating: int | None, sentiment_score: float) -> Hit | None:
    evidence = rating_contradiction(rating, sentiment_score)
    if evidence is None:
        return None
    return Hit(evidence.rule, CONTRADICTION_WEIGHT, None, None, evidence.detail)

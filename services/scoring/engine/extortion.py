"""Extortion: a gain for the writer tied to something the writer does with a review.

Four structures are recognised, each from cues found in the same sentence (or, for a demand, the sentence
before): "X, or I post Y", "if you don't X, I post Y", "give me X and I remove my review", and a third
person's "he threatened ... unless ...". extortion_veiled.py adds demands put as a question or a regret
("what if I posted ...", "it would be a shame if your rating dropped"). Scam-crew markers (scam.py) add
weaker evidence.
"""

from services.scoring.engine.extortion_spans import Cues, make_hit
from services.scoring.engine.extortion_veiled import veiled_hits
from services.scoring.engine.rules import Hit, run_rules
from services.scoring.engine.scam import SCAM_RULES

DEMAND_OR_REVIEW = 0.95
UNLESS_REVIEW = 0.9
REVIEW_FOR_GAIN = 0.9
THREATENED_REVIEW = 0.9
# A review threatened under a condition but with no gain named: evidence for scam-crew messages, not a flag.
CONDITIONAL_REVIEW = 0.45
# How far apart cues may be, in characters.
DEMAND_REACH = 160
HARM_REACH = 110
SENTENCE_REACH = 220


def _demand_or_review(found: Cues) -> list[Hit]:
    hits = []
    for alternative in found.alternative:
        harm = next(
            (
                h
                for h in found.harm
                if alternative.end <= h.start <= alternative.end + HARM_REACH and found.same_sentence(alternative, h)
            ),
            None,
        )
        if harm is None:
            continue
        # The gain nearest to the alternative, so the evidence quotes the demand itself.
        gain = max(
            (
                g
                for g in found.gain
                if alternative.start - DEMAND_REACH <= g.start
                and g.end <= alternative.start
                and found.boundaries.between(g.end, alternative.start) <= 1
            ),
            key=lambda g: g.start,
            default=None,
        )
        if gain is not None:
            hits.append(
                make_hit(
                    "extortion.demand_or_review",
                    DEMAND_OR_REVIEW,
                    [gain, alternative, harm],
                    "gain, then an alternative that is a review",
                )
            )
        else:
            hits.append(
                make_hit(
                    "extortion.conditional_review",
                    CONDITIONAL_REVIEW,
                    [alternative, harm],
                    "review threatened as an alternative, no gain named",
                )
            )
    return hits


def _unless_review(found: Cues) -> list[Hit]:
    hits = []
    for condition in found.condition:
        harm = next(
            (
                h
                for h in found.harm
                if abs(h.start - condition.start) <= SENTENCE_REACH and found.same_sentence(condition, h)
            ),
            None,
        )
        if harm is None:
            continue
        # A gain after the condition ("if you don't refund me") first, else one before it in the same
        # sentence ("I won't pay this bill, and if you insist ...").
        in_sentence = [
            g
            for g in found.gain
            if abs(g.start - condition.start) <= SENTENCE_REACH and found.same_sentence(condition, g)
        ]
        gain = next((g for g in in_sentence if g.start >= condition.start), None) or next(iter(in_sentence), None)
        if gain is not None:
            hits.append(
                make_hit(
                    "extortion.unless_review",
                    UNLESS_REVIEW,
                    [condition, gain, harm],
                    "review threatened unless a gain is granted",
                )
            )
        else:
            hits.append(
                make_hit(
                    "extortion.conditional_review",
                    CONDITIONAL_REVIEW,
                    [condition, harm],
                    "review threatened under a condition, no gain named",
                )
            )
    return hits


def _review_for_gain(found: Cues) -> list[Hit]:
    hits = []
    links = found.exchange + found.alternative + found.condition
    for undo in found.undo:
        gain = next(
            (
                g
                for g in found.gain
                if abs(g.start - undo.start) <= DEMAND_REACH
                and found.boundaries.between(min(g.end, undo.end), max(g.start, undo.start)) <= 1
            ),
            None,
        )
        if gain is None:
            continue
        low, high = min(gain.start, undo.start) - 40, max(gain.end, undo.end)
        link = next((k for k in links if low <= k.start <= high), None)
        if link is not None:
            hits.append(
                make_hit(
                    "extortion.review_for_gain",
                    REVIEW_FOR_GAIN,
                    [gain, link, undo],
                    "review removed or withheld in exchange for a gain",
                )
            )
    return hits


def _threatened_review(found: Cues) -> list[Hit]:
    hits = []
    for word in found.threat_word:
        # "She threatened to cancel my visits if I left a bad review": the review is the writer's, and the
        # threat is made against it, so it is no extortion by the writer.
        harm = next(
            (
                h
                for h in found.harm
                if abs(h.start - word.start) <= SENTENCE_REACH
                and found.same_sentence(word, h)
                and not found.posted_by_writer_if(h)
            ),
            None,
        )
        gain = next(
            (g for g in found.gain if abs(g.start - word.start) <= SENTENCE_REACH and found.same_sentence(word, g)),
            None,
        )
        if harm is not None and gain is not None:
            hits.append(
                make_hit(
                    "extortion.threatened_review",
                    THREATENED_REVIEW,
                    [word, gain, harm],
                    "a review threatened to obtain a gain, as reported",
                )
            )
    return hits


def extortion_hits(folded: str, channel: str = "review") -> list[Hit]:
    """Find extortion evidence in folded text; weights combine with rules.noisy_or."""
    found = Cues(folded)
    hits = _demand_or_review(found) + _unless_review(found) + _review_for_gain(found) + _threatened_review(found)
    hits.extend(veiled_hits(found, folded))
    hits.extend(run_rules(SCAM_RULES, folded))
    return hits

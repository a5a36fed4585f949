"""Veiled extortion: a demand put as a question or as a regret instead of "X or Y".

Three structures, each tying a review harm to a gain or a bill:
- "what if I posted on Google that ...?" with a gain or a bill in the same or the next sentence;
- "would you rather X or Y?", where X is a gain and Y a review harm, in one sentence;
- "it would be a shame if your rating dropped" with a gain or a bill in the same or the next sentence.
"""

import re

from services.scoring.engine.extortion_cues import PLATFORM
from services.scoring.engine.extortion_spans import Cues, Span, make_hit
from services.scoring.engine.rules import Hit, words

WHAT_IF_REVIEW = 0.85
CHOICE_REVIEW = 0.9
SHAME_REVIEW = 0.85
# How far apart the cues of one veiled demand may be, in characters.
VEILED_REACH = 200

WHAT_IF = re.compile(
    words(
        r"si (?:je|j'|on) (?:\w+ )?(?:mettais|publiais|postais|ecrivais|racontais|disais|laissais|balancais"
        r"|allais|faisais)",
        r"what (?:would happen )?if (?:i|we)",
        r"imagine (?:que )?(?:je|j'|i)",
        r"was (?:ware|wurde|passiert),? (?:\w+ )?wenn (?:ich|wir)",
        r"stell(?:en)? (?:sie|dir) (?:sich |dir )?vor,? (?:ich|wir)",
    )
)
CHOICE = re.compile(words(r"prefer\w*", r"would you rather", r"rather", r"lieber", r"plutot"))
CHOICE_OR = re.compile(words(r"ou", r"or", r"oder"))
SHAME = re.compile(
    words(
        r"serait (?:vraiment |bien |quand meme )?(?:dommage|bete|triste)",
        r"(?:would|'d) be (?:a )?(?:real )?(?:shame|pity)",
        r"be a (?:shame|pity)",
        r"(?:ware|war|wurde) (?:doch |echt |wirklich |ja )?(?:schade|dumm|blod|bitter)",
        r"(?:i'?d|i would) hate (?:for|to see)",
        # "If you value your rating": the rating named as something to lose.
        r"si vous tenez a",
        r"if you (?:care about|value)",
        r"wenn ihnen (?:\w+ ){0,3}lieb ist",
    )
)
# A practice's public standing: its rating, its reviews, its name, or a public place.
STANDING = re.compile(
    words(
        r"notes?",
        r"avis",
        r"reputation",
        r"etoiles?",
        r"ratings?",
        r"reviews?",
        r"stars?",
        r"bewertung\w*",
        r"ruf",
        r"sterne",
        r"online",
        r"en ligne",
        r"(?:your|vos|ihre) patient\w*",
        PLATFORM,
    )
)
# A bill or a fee, the gain hidden in "over a $90 bill" or "reconsider the fee".
BILL = re.compile(
    words(
        r"factures?",
        r"honoraires?",
        r"depassements?",
        r"bills?",
        r"invoices?",
        r"fees?",
        r"copay",
        r"rechnung\w*",
        r"gebuhr\w*",
        r"honorar\w*",
    )
)


def _spans(pattern: re.Pattern[str], folded: str) -> list[Span]:
    return [Span(match.start(), match.end()) for match in pattern.finditer(folded)]


def _near_gain(found: Cues, anchor: Span, gains: list[Span]) -> Span | None:
    """Return a gain or bill in the sentence of `anchor` or the next one, within VEILED_REACH."""
    return next(
        (
            g
            for g in gains
            if anchor.start <= g.start <= anchor.start + VEILED_REACH
            and found.boundaries.between(anchor.start, g.start) <= 1
        ),
        None,
    )


def _what_if(found: Cues, openers: list[Span], gains: list[Span]) -> list[Hit]:
    hits = []
    for opener in openers:
        harm = next(
            (
                h
                for h in found.harm
                if opener.start <= h.start <= opener.start + VEILED_REACH and found.same_sentence(opener, h)
            ),
            None,
        )
        gain = _near_gain(found, opener, gains) if harm is not None else None
        if harm is not None and gain is not None:
            hits.append(
                make_hit(
                    "extortion.what_if_review",
                    WHAT_IF_REVIEW,
                    [opener, harm, gain],
                    "a review put as a question next to a gain",
                )
            )
    return hits


def _choice(found: Cues, openers: list[Span], links: list[Span]) -> list[Hit]:
    hits = []
    for opener in openers:
        in_reach = [g for g in found.gain if opener.end <= g.start <= opener.start + VEILED_REACH]
        gain = next((g for g in in_reach if found.same_sentence(opener, g)), None)
        if gain is None:
            continue
        link = next((k for k in links if k.start >= gain.end and found.same_sentence(gain, k)), None)
        if link is None:
            continue
        harm = next(
            (h for h in found.harm if h.start >= link.end and found.same_sentence(link, h)),
            None,
        )
        if harm is not None:
            hits.append(
                make_hit(
                    "extortion.choice_review",
                    CHOICE_REVIEW,
                    [opener, gain, harm],
                    "a choice between a gain and a review",
                )
            )
    return hits


def _shame(found: Cues, openers: list[Span], standing: list[Span], gains: list[Span]) -> list[Hit]:
    hits = []
    for opener in openers:
        noun = next(
            (
                n
                for n in standing
                if opener.end <= n.start <= opener.start + VEILED_REACH and found.same_sentence(opener, n)
            ),
            None,
        )
        gain = _near_gain(found, opener, gains) if noun is not None else None
        if noun is not None and gain is not None:
            hits.append(
                make_hit(
                    "extortion.shame_review",
                    SHAME_REVIEW,
                    [opener, noun, gain],
                    "a regret about the practice's rating next to a gain",
                )
            )
    return hits


def veiled_hits(found: Cues, folded: str) -> list[Hit]:
    """Find veiled demands: a review harm tied to a gain by a question or a regret."""
    what_if = _spans(WHAT_IF, folded)
    choice = _spans(CHOICE, folded)
    shame = _spans(SHAME, folded)
    if not (what_if or choice or shame):
        return []

    gains = sorted(found.gain + _spans(BILL, folded), key=lambda span: span.start)
    return (
        _what_if(found, what_if, gains)
        + _choice(found, choice, _spans(CHOICE_OR, folded))
        + _shame(found, shame, _spans(STANDING, folded), gains)
    )

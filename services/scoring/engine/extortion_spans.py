"""Cue spans found in one text, and the hit that quotes them, shared by the extortion structures."""

from dataclasses import dataclass
from re import Pattern

from services.scoring.engine import extortion_cues as cues
from services.scoring.engine.rules import Hit
from services.scoring.engine.sentences import Boundaries

# How far before a review cue "if I" may end for the review to be the writer's condition, in characters.
WRITER_CONDITION_REACH = 30


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _spans(pattern: Pattern[str], folded: str) -> list[Span]:
    return [Span(match.start(), match.end()) for match in pattern.finditer(folded)]


class Cues:
    """Spans of every extortion cue in one folded text."""

    def __init__(self, folded: str) -> None:
        self.gain = _spans(cues.GAIN, folded)
        self.harm = _spans(cues.REVIEW_HARM, folded)
        self.undo = _spans(cues.REVIEW_UNDO, folded)
        self.alternative = _spans(cues.ALTERNATIVE, folded)
        self.condition = _spans(cues.CONDITION, folded)
        self.exchange = _spans(cues.EXCHANGE, folded)
        self.threat_word = _spans(cues.THREAT_WORD, folded)
        self.writer_condition = _spans(cues.WRITER_CONDITION, folded)
        self.boundaries = Boundaries(folded)

    def same_sentence(self, first: Span, second: Span) -> bool:
        low, high = sorted((first.start, second.start))
        return self.boundaries.between(low, high) == 0

    def posted_by_writer_if(self, harm: Span) -> bool:
        """Tell whether `harm` is the writer's own review named as a condition ("if I left a bad review")."""
        return any(
            harm.start - WRITER_CONDITION_REACH <= condition.end <= harm.start and self.same_sentence(condition, harm)
            for condition in self.writer_condition
        )


def make_hit(rule: str, weight: float, spans: list[Span], detail: str) -> Hit:
    # The evidence span covers every cue, so text[start:end] shows the whole demand.
    return Hit(rule, weight, min(span.start for span in spans), max(span.end for span in spans), detail)

"""Sentence boundaries, so rules can require that cues sit in the same sentence."""

import re
from bisect import bisect_left, bisect_right

_BOUNDARY = re.compile(r"[.!?;\n]+")
# A full stop that ends a title ("Dr. Lee", "Herr M.") or sits inside a number ("4.9") ends no sentence.
_NOT_A_BOUNDARY = re.compile(
    r"(?<![\w'])(?:dr|drs|mr|mrs|ms|prof|pr|st|mme|mlle|hr|fr|nr|[a-z])\.(?= )|(?<=\d)\.(?=\d)"
)


class Boundaries:
    """Positions of sentence-ending punctuation and line breaks in one text."""

    def __init__(self, text: str) -> None:
        skipped = {match.end() - 1 for match in _NOT_A_BOUNDARY.finditer(text)}
        self._positions = [
            match.start()
            for match in _BOUNDARY.finditer(text)
            if not (match.end() - match.start() == 1 and match.start() in skipped)
        ]

    def between(self, start: int, end: int) -> int:
        """Count the boundaries in text[start:end]."""
        if end <= start:
            return 0
        return bisect_left(self._positions, end) - bisect_left(self._positions, start)

    def sentence_of(self, offset: int, text_length: int) -> tuple[int, int]:
        """Return the (start, end) span of the sentence that contains `offset`."""
        index = bisect_right(self._positions, offset - 1)
        start = self._positions[index - 1] + 1 if index > 0 else 0
        end = self._positions[index] if index < len(self._positions) else text_length
        return start, end

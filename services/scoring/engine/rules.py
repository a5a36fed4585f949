"""Pattern rules, their hits, and how hits combine into a category score."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from contracts.risk import Evidence

# A rule fires at most this many times per text, so a long rant cannot pile up evidence.
MAX_HITS_PER_RULE = 3


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    weight: float
    start: int | None
    end: int | None
    detail: str | None = None

    def evidence(self, text: str) -> Evidence:
        if self.start is None or self.end is None:
            return Evidence(rule=self.rule, detail=self.detail)
        return Evidence(
            rule=self.rule,
            start=self.start,
            end=self.end,
            text=text[self.start : self.end],
            detail=self.detail,
        )


@dataclass(frozen=True, slots=True)
class Rule:
    """A regular expression over folded text (see normalise.fold) and the score weight of one match."""

    name: str
    pattern: re.Pattern[str]
    weight: float

    def hits(self, folded: str) -> list[Hit]:
        found = []
        for match in self.pattern.finditer(folded):
            found.append(Hit(self.name, self.weight, match.start(), match.end()))
            if len(found) == MAX_HITS_PER_RULE:
                break
        return found


def words(*alternatives: str) -> str:
    """Join regex alternatives into one group that neither starts nor ends inside a word."""
    return r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


def rule(name: str, weight: float, *alternatives: str) -> Rule:
    return Rule(name, re.compile(words(*alternatives)), weight)


def run_rules(rules: Iterable[Rule], folded: str) -> list[Hit]:
    return [hit for one_rule in rules for hit in one_rule.hits(folded)]


def noisy_or(hits: Iterable[Hit]) -> float:
    """Combine the strongest hit of each rule as independent evidence: 1 - prod(1 - weight)."""
    strongest: dict[str, float] = {}
    for hit in hits:
        strongest[hit.rule] = max(hit.weight, strongest.get(hit.rule, 0.0))

    remaining = 1.0
    for weight in strongest.values():
        remaining *= 1.0 - weight
    return round(1.0 - remaining, 4)

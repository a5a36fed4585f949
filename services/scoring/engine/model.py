"""The trained insult model: character n-gram TF-IDF weights and a logistic regression, scored in pure Python.

`train.py` fits the model with scikit-learn and writes it as JSON (n-gram -> idf and coefficient), so loading it
runs no pickle and the scorer needs neither scikit-learn nor numpy. `char_ngrams` is the analyzer of both sides,
which keeps training and scoring features identical.
"""

import json
import math
import operator
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from services.scoring.engine.rules import Hit

MODEL_PATH = Path(__file__).parent / "models" / "insult-v1.json"
RULE_NAME = "insult.model"
NGRAM_RANGE = (2, 5)
# Set VIGIE_INSULT_MODEL=off to score with the rules alone.
ENABLED_SETTING = "VIGIE_INSULT_MODEL"
# Bounds the memory of the per-word cache; it is emptied when full.
WORD_CACHE_SIZE = 100_000

# Letters only: digits and punctuation vary between tweets and reviews without saying anything about insults.
_WORD = re.compile(r"[^\W\d_]+")


def char_ngrams(folded: str) -> list[str]:
    """Return the 2- to 5-character n-grams of each word padded with one space on each side.

    `folded` is text passed through normalise.fold. Like scikit-learn's char_wb analyzer, an n-gram never
    crosses a word boundary, and a word shorter than n yields itself padded once.
    """
    grams: list[str] = []
    for match in _WORD.finditer(folded):
        grams.extend(_word_ngrams(match.group()))
    return grams


def _word_ngrams(word: str) -> list[str]:
    padded = f" {word} "
    grams: list[str] = []
    for size in range(NGRAM_RANGE[0], NGRAM_RANGE[1] + 1):
        if size >= len(padded):
            grams.append(padded)
            break
        grams.extend(padded[start : start + size] for start in range(len(padded) - size + 1))
    return grams


@dataclass(frozen=True, slots=True)
class InsultModel:
    """TF-IDF (raw counts, l2 norm) followed by a logistic regression over the n-grams of `char_ngrams`."""

    weights: dict[str, tuple[float, float]]  # n-gram -> (idf, coefficient)
    intercept: float
    threshold: float
    hit_weight: float
    languages: frozenset[str]
    idf_squared: dict[str, float] = field(default_factory=dict)
    # word -> (share of the logit, weighted n-grams). Words repeat across reviews, so this skips most lookups.
    word_cache: dict[str, tuple[float, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict) -> "InsultModel":
        features = data["features"]
        weights = {
            gram: (idf, coef)
            for gram, idf, coef in zip(features["ngrams"], features["idf"], features["coef"], strict=True)
        }
        return cls(
            weights=weights,
            idf_squared={gram: idf * idf for gram, (idf, _) in weights.items()},
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            hit_weight=float(data["hit_weight"]),
            languages=frozenset(data["languages"]),
        )

    def probability(self, folded: str) -> float:
        """Return the probability that `folded` contains an insult."""
        return self._score(folded)[0]

    def hit(self, folded: str, language: str) -> Hit | None:
        """Return an insult.model hit on the word that adds most to the score, or None below the threshold.

        Texts in languages the model was not trained on return None, because its weights carry no signal there.
        """
        # NOTE: short German texts with fewer than two stop words are detected as "other" and skip the model.
        if language not in self.languages:
            return None
        probability, span = self._score(folded, with_span=True)
        if probability < self.threshold or span is None:
            return None
        return Hit(RULE_NAME, self.hit_weight, span[0], span[1], detail=f"p={probability:.2f}")

    def _score(self, folded: str, with_span: bool = False) -> tuple[float, tuple[int, int] | None]:
        # logit = intercept + sum(count * idf * coef) / l2 norm of (count * idf). The numerator adds up word by
        # word, but the norm needs each n-gram's count over the whole text.
        numerator = 0.0
        grams: list[str] = []
        best_share, best_span = 0.0, None
        for match in _WORD.finditer(folded):
            share, word_grams = self._word_features(match.group())
            numerator += share
            grams.extend(word_grams)
            if with_span and share > best_share:
                best_share, best_span = share, match.span()
        if not grams:
            return _sigmoid(self.intercept), None

        # Counter and map run in C; a Python loop here took most of the scoring time on long reviews.
        counts = Counter(grams)
        squares = map(operator.mul, counts.values(), counts.values())
        norm = math.sqrt(sum(map(operator.mul, squares, map(self.idf_squared.__getitem__, counts.keys()))))
        return _sigmoid(self.intercept + numerator / norm), best_span

    def _word_features(self, word: str) -> tuple[float, tuple[str, ...]]:
        """Return the word's unnormalised share of the logit and its n-grams that have a weight, cached."""
        found = self.word_cache.get(word)
        if found is not None:
            return found
        share = 0.0
        grams = []
        for gram in _word_ngrams(word):
            weight = self.weights.get(gram)
            if weight is not None:
                share += weight[0] * weight[1]
                grams.append(gram)
        found = (share, tuple(grams))
        if len(self.word_cache) >= WORD_CACHE_SIZE:
            self.word_cache.clear()
        self.word_cache[word] = found
        return found


def _sigmoid(logit: float) -> float:
    if logit < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


@cache
def load_model(path: Path = MODEL_PATH) -> InsultModel | None:
    """Load the shipped model once. Returns None when it is switched off or not built (run `make train`)."""
    if os.environ.get(ENABLED_SETTING, "on").lower() in {"off", "0", "false"}:
        return None
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as source:
        data = json.load(source)
    if not data.get("enabled", True):
        return None
    return InsultModel.from_json(data)

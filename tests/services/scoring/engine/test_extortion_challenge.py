"""Extortion on the challenge set: 217 texts written for this test, per language and per family.

The fixture holds our own sentences (fr, en, de) across patient conditionals, reversed offers, questions,
implied demands, staff notes, scam crews and hard negatives that use the same words.
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from tests.services.scoring.engine.conftest import assert_offsets_match

CHALLENGE_PATH = Path(__file__).parent / "fixtures" / "extortion_challenge.jsonl"
# NOTE: the rules were revised against this set, so these bars are in-sample. A batch of 18 new extortion
# texts written after the first revision scored recall 0.11 before the second one: expect less on
# phrasings nobody has seen.
MIN_RECALL = 0.9
MIN_PRECISION = 0.95
LANGUAGES = ("fr", "en", "de")


def _load_items() -> list[dict[str, str]]:
    with CHALLENGE_PATH.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


ITEMS = _load_items()


@pytest.fixture(scope="module")
def predictions(scorer: TextScorer) -> list[tuple[dict[str, str], bool]]:
    results = []
    for item in ITEMS:
        risk = scorer.score(item["text"], channel=item["channel"])
        assert_offsets_match(item["text"], risk, Category.EXTORTION)
        results.append((item, risk.categories[Category.EXTORTION].flagged))
    return results


def test_challenge_set_shape() -> None:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for item in ITEMS:
        counts[item["lang"], item["label"]] += 1
    assert len(ITEMS) >= 150
    for language in LANGUAGES:
        assert counts[language, "extortion"] >= 30, language
        assert counts[language, "not_extortion"] >= 20, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_challenge_recall_and_precision(predictions: list[tuple[dict[str, str], bool]], language: str) -> None:
    gold_and_flag = [(item["label"] == "extortion", flag) for item, flag in predictions if item["lang"] == language]
    true_positive = sum(gold and flag for gold, flag in gold_and_flag)
    flagged = sum(flag for _, flag in gold_and_flag)
    support = sum(gold for gold, _ in gold_and_flag)
    missed = [
        item["text"]
        for item, flag in predictions
        if item["lang"] == language and item["label"] == "extortion" and not flag
    ]
    false_alarms = [
        item["text"] for item, flag in predictions if item["lang"] == language and item["label"] != "extortion" and flag
    ]

    assert true_positive / support >= MIN_RECALL, missed
    assert true_positive / flagged >= MIN_PRECISION, false_alarms


def test_challenge_hard_negatives_not_flagged(predictions: list[tuple[dict[str, str], bool]]) -> None:
    false_alarms = [
        (item["family"], item["text"]) for item, flag in predictions if item["label"] != "extortion" and flag
    ]
    assert false_alarms == []

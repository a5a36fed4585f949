import hashlib
import json

import pytest

from contracts.risk import Category
from services.scoring.engine import TextScorer
from services.scoring.engine.model import MODEL_PATH, RULE_NAME, InsultModel, char_ngrams, load_model
from services.scoring.engine.normalise import fold
from tests.services.scoring.engine.conftest import assert_offsets_match

# Insults the rules do not list, so only the model can flag them.
MODEL_ONLY_INSULTS_DE = [
    "Der Arzt ist ein widerlicher Dreckskerl.",
    "Dieser Zahnarzt ist ein dummer, fetter Schwachkopf.",
    "Was für ein ekelhafter Mensch, dieser Doktor.",
]
NOT_INSULTS_DE = [
    "Die Ärztin hat sich viel Zeit genommen und alles gut erklärt.",
    "Lange Wartezeit, aber die Behandlung war in Ordnung.",
    "Ich habe drei Wochen auf einen Termin gewartet.",
    "Der Arzt war unfreundlich und hat mir nicht zugehört.",
]
# The model is trained on German only, so French and English are left to the rules.
OTHER_LANGUAGES = [
    ("Ce médecin est un gros porc incompétent.", "fr", True),
    ("Accueil agréable et médecin très à l'écoute.", "fr", False),
    ("The doctor is a lying scumbag.", "en", True),
    ("The nurse was kind and explained everything.", "en", False),
]


@pytest.fixture(scope="module")
def model() -> InsultModel:
    loaded = load_model()
    assert loaded is not None, f"{MODEL_PATH} is missing or disabled; run make train"
    return loaded


def test_shipped_model_matches_metadata() -> None:
    metadata = json.loads(MODEL_PATH.with_name("insult-v1.meta.json").read_text(encoding="utf-8"))
    assert metadata["sha256"] == hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
    assert MODEL_PATH.stat().st_size < 5 * 1024 * 1024


@pytest.mark.parametrize("text", MODEL_ONLY_INSULTS_DE)
def test_model_flags_german_insult_with_evidence(scorer: TextScorer, text: str) -> None:
    risk = scorer.score(text)
    result = risk.categories[Category.INSULT]
    assert result.flagged, text
    rules = [evidence.rule for evidence in result.evidence]
    assert rules == [RULE_NAME]
    assert result.evidence[0].text, result.evidence
    assert_offsets_match(text, risk, Category.INSULT)


@pytest.mark.parametrize("text", NOT_INSULTS_DE)
def test_model_ignores_ordinary_german_review(model: InsultModel, scorer: TextScorer, text: str) -> None:
    assert model.probability(fold(text)) < model.threshold
    assert not scorer.score(text).categories[Category.INSULT].flagged


@pytest.mark.parametrize(("text", "language", "insult"), OTHER_LANGUAGES)
def test_model_skips_untrained_language(
    model: InsultModel, scorer: TextScorer, text: str, language: str, insult: bool
) -> None:
    assert model.hit(fold(text), language) is None
    result = scorer.score(text, language=language).categories[Category.INSULT]
    assert result.flagged is insult
    assert RULE_NAME not in [evidence.rule for evidence in result.evidence]


def test_model_evidence_points_at_insulting_word(model: InsultModel) -> None:
    text = "Sie sind ein erbärmlicher Lügner und Idiot."
    hit = model.hit(fold(text), "de")
    assert hit is not None
    assert hit.start is not None
    assert hit.end is not None
    assert text[hit.start : hit.end] == "Idiot"


def test_model_scores_empty_text_below_threshold(model: InsultModel) -> None:
    assert model.probability("") < model.threshold
    assert model.hit("", "de") is None
    assert model.hit("!!! 123", "de") is None


def test_model_switched_off_by_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIE_INSULT_MODEL", "off")
    load_model.cache_clear()
    try:
        assert load_model() is None
    finally:
        monkeypatch.delenv("VIGIE_INSULT_MODEL")
        load_model.cache_clear()


def test_char_ngrams_stay_inside_words() -> None:
    grams = char_ngrams(fold("Du Ë1x"))
    assert grams == [" d", "du", "u ", " du", "du ", " du ", " e", "e ", " e ", " x", "x ", " x "]


# Our own sentences: a toy set for the determinism check, not for quality.
TOY_TEXTS = [
    "du bist ein elender mistkerl",
    "was fur ein dreckiger lugner",
    "sie widerlicher betruger",
    "halt die klappe du dummkopf",
    "so ein erbarmlicher schwachkopf",
    "die praxis war sauber und ruhig",
    "der termin hat gut geklappt",
    "freundliches team und kurze wartezeit",
    "die arztin hat alles erklart",
    "parkplatze gibt es vor dem haus",
]
TOY_LABELS = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]


def test_training_twice_gives_identical_weights() -> None:
    pytest.importorskip("sklearn")
    from services.scoring.engine.train import export, fit

    first = export(*fit(TOY_TEXTS, TOY_LABELS), threshold=0.5)
    second = export(*fit(list(TOY_TEXTS), list(TOY_LABELS)), threshold=0.5)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert first["features"]["ngrams"] == sorted(first["features"]["ngrams"])


def test_exported_model_reproduces_scikit_learn() -> None:
    pytest.importorskip("sklearn")
    from services.scoring.engine.train import export, fit

    vectorizer, classifier = fit(TOY_TEXTS, TOY_LABELS)
    exported = InsultModel.from_json(export(vectorizer, classifier, threshold=0.5))
    expected = classifier.predict_proba(vectorizer.transform(TOY_TEXTS))[:, 1]
    for text, probability in zip(TOY_TEXTS, expected, strict=True):
        assert exported.probability(text) == pytest.approx(float(probability), abs=1e-4)

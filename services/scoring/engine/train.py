"""Train the insult model and write models/insult-v1.json plus its metadata: `python -m services.scoring.engine.train`.

Trains on the GermEval 2018 training file (CC BY 4.0, so a model built from it may ship in the repository). The
GermEval test file is kept out of training and reported as an external test. Inputs are deduplicated and sorted
and every random step takes SEED, so two runs on the same data and library versions write the same bytes.

NOTE: German only. A model trained with the French MLMA tweets (MIT) as well flagged 14 % to 49 % of ordinary
French reviews, because MLMA holds only tweets picked by hate keywords and has no ordinary French text as
negatives. It stays out until we have French negatives we may train on.
"""

import argparse
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.scoring.engine.model import MODEL_PATH, NGRAM_RANGE, InsultModel, char_ngrams
from services.scoring.engine.normalise import fold

SEED = 20240607
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

MIN_DOCUMENT_FREQUENCY = 3
MAX_FEATURES = 40_000
REGULARISATION_C = 4.0
HELD_OUT_SHARE = 0.2
# The threshold is the lowest probability whose held-out precision reaches this value, because a false insult
# alert on an ordinary review costs a practice more than a missed one.
TARGET_PRECISION = 0.8
# Weight of an insult.model hit in the category's noisy-or; above the 0.5 flag threshold, so a model hit flags.
HIT_WEIGHT = 0.6
LANGUAGES = ("de",)
# Digits kept in the JSON weights; the exported model must reproduce scikit-learn's probabilities to this bound.
DIGITS = 6
MAX_EXPORT_ERROR = 1e-4

GERMEVAL = "labeled/de-germeval2018-offensive"
LICENCES = {GERMEVAL: "CC BY 4.0 (Wiegand, Siegel and Ruppenhofer 2018)"}

_TWEET_NOISE = re.compile(r"@\w+|https?://\S+|\brt\b|\|lbr\|", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Example:
    text: str
    label: int
    source: str


def read_germeval(path: Path) -> Iterator[Example]:
    """Yield INSULT as positive and OTHER as negative. ABUSE (group abuse) and PROFANITY are left out."""
    with path.open(encoding="utf-8") as rows:
        for line in rows:
            text, _coarse, fine = line.rstrip("\n").split("\t")
            if fine in {"INSULT", "OTHER"}:
                yield Example(text, int(fine == "INSULT"), GERMEVAL)


def clean(text: str) -> str:
    """Fold a tweet and drop the mentions, links and retweet markers that reviews never contain."""
    return " ".join(_TWEET_NOISE.sub(" ", fold(text)).split())


def prepare(examples: Sequence[Example]) -> list[Example]:
    """Clean, drop empty texts and texts seen with both labels, deduplicate, and sort."""
    labels: dict[str, set[int]] = {}
    sources: dict[str, str] = {}
    for example in examples:
        text = clean(example.text)
        if text:
            labels.setdefault(text, set()).add(example.label)
            sources.setdefault(text, example.source)
    return sorted(Example(text, found.pop(), sources[text]) for text, found in labels.items() if len(found) == 1)


def fit(texts: Sequence[str], labels: Sequence[int], seed: int = SEED) -> tuple[Any, Any]:
    """Fit the TF-IDF vectorizer and the logistic regression on folded texts, and return both."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=char_ngrams,
        lowercase=False,
        min_df=min(MIN_DOCUMENT_FREQUENCY, len(texts)),
        max_features=MAX_FEATURES,
        sublinear_tf=False,
        norm="l2",
    )
    matrix = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=2000, random_state=seed)
    classifier.fit(matrix, labels)
    return vectorizer, classifier


def export(vectorizer: Any, classifier: Any, threshold: float) -> dict[str, Any]:
    """Return the model as the JSON document that model.InsultModel.from_json reads, n-grams sorted."""
    vocabulary = sorted(vectorizer.vocabulary_.items())
    idf = vectorizer.idf_
    coef = classifier.coef_[0]
    return {
        "format": "vigie-char-ngram-logreg/1",
        "enabled": True,
        "ngram_range": list(NGRAM_RANGE),
        "languages": list(LANGUAGES),
        "threshold": round(threshold, 4),
        "hit_weight": HIT_WEIGHT,
        "intercept": round(float(classifier.intercept_[0]), DIGITS),
        "features": {
            "ngrams": [gram for gram, _ in vocabulary],
            "idf": [round(float(idf[index]), DIGITS) for _, index in vocabulary],
            "coef": [round(float(coef[index]), DIGITS) for _, index in vocabulary],
        },
    }


def choose_threshold(probabilities: Sequence[float], labels: Sequence[int]) -> float:
    """Return the lowest probability, not below 0.5, whose predictions reach TARGET_PRECISION."""
    ranked = sorted(zip(probabilities, labels, strict=True), reverse=True)
    chosen, true_positive = 1.0, 0
    for flagged, (probability, label) in enumerate(ranked, start=1):
        true_positive += label
        if probability < 0.5:
            break
        if true_positive / flagged >= TARGET_PRECISION:
            chosen = probability
    return chosen


def metrics(predicted: Sequence[bool], labels: Sequence[int]) -> dict[str, float | int]:
    true_positive = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y)
    flagged = sum(predicted)
    support = sum(labels)
    precision = true_positive / flagged if flagged else 0.0
    recall = true_positive / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": support,
        "rows": len(labels),
    }


def data_dir_or_exit() -> Path:
    path = Path(os.environ.get("VIGIE_SHARED_DATA", DEFAULT_DATA))
    missing = [name for name in LICENCES if not (path / name).is_dir()]
    if missing:
        raise SystemExit(
            f"error: training data not found: {', '.join(str(path / name) for name in missing)};"
            " set VIGIE_SHARED_DATA to the folder that holds labeled/"
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="model JSON path to write")
    args = parser.parse_args()
    try:
        from sklearn.model_selection import train_test_split
    except ImportError:
        raise SystemExit("error: scikit-learn is not installed; run make install") from None

    # Load and split
    data = data_dir_or_exit()
    examples = prepare(list(read_germeval(data / GERMEVAL / "germeval2018.training.txt")))
    train, held_out = train_test_split(
        examples, test_size=HELD_OUT_SHARE, random_state=SEED, stratify=[e.label for e in examples]
    )

    # Fit, pick the threshold on the held-out split, export
    vectorizer, classifier = fit([e.text for e in train], [e.label for e in train])
    held_out_labels = [e.label for e in held_out]
    probabilities = classifier.predict_proba(vectorizer.transform([e.text for e in held_out]))[:, 1]
    threshold = choose_threshold(probabilities.tolist(), held_out_labels)
    document = export(vectorizer, classifier, threshold)
    exported = InsultModel.from_json(document)
    export_error = max(
        abs(exported.probability(e.text) - float(p)) for e, p in zip(held_out, probabilities, strict=True)
    )
    if export_error > MAX_EXPORT_ERROR:
        raise SystemExit(f"error: exported model differs from scikit-learn by {export_error:.2e}")

    # Evaluate
    report: dict[str, Any] = {"held_out": {}}
    for source in sorted({e.source for e in held_out}):
        subset = [(p, e.label) for p, e in zip(probabilities, held_out, strict=True) if e.source == source]
        report["held_out"][source] = metrics([p >= threshold for p, _ in subset], [y for _, y in subset])
    report["held_out"]["all"] = metrics([p >= threshold for p in probabilities], held_out_labels)
    test = list(read_germeval(data / GERMEVAL / "germeval2018.test.txt"))
    test_texts = [clean(e.text) for e in test]
    report["germeval2018_test_insult"] = metrics(
        [exported.probability(text) >= threshold for text in test_texts], [e.label for e in test]
    )

    # Write the model, then the metadata that names its hash
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(payload + b"\n")
    metadata = {
        "model_file": args.output.name,
        "sha256": hashlib.sha256(payload + b"\n").hexdigest(),
        "seed": SEED,
        "training_sets": {
            name: {"licence": LICENCES[name], "rows": sum(1 for e in examples if e.source == name)}
            for name in sorted(LICENCES)
        },
        "labels": {
            GERMEVAL: "fine label INSULT = 1, OTHER = 0; ABUSE and PROFANITY left out",
        },
        "rows": {"train": len(train), "held_out": len(held_out), "positive": sum(e.label for e in examples)},
        "parameters": {
            "analyzer": "model.char_ngrams (folded text, letters only, char_wb style)",
            "ngram_range": list(NGRAM_RANGE),
            "min_df": MIN_DOCUMENT_FREQUENCY,
            "max_features": MAX_FEATURES,
            "C": REGULARISATION_C,
            "class_weight": "balanced",
            "held_out_share": HELD_OUT_SHARE,
            "target_precision": TARGET_PRECISION,
            "threshold": document["threshold"],
            "hit_weight": HIT_WEIGHT,
            "languages": list(LANGUAGES),
        },
        "features": len(document["features"]["ngrams"]),
        "export_max_probability_error": float(f"{export_error:.2e}"),
        "metrics": report,
        "versions": {"python": sys.version.split()[0], "scikit-learn": _version("sklearn")},
    }
    args.output.with_name(args.output.stem + ".meta.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(json.dumps({"model": str(args.output), "threshold": threshold, "metrics": report}, indent=2))


def _version(module: str) -> str:
    return str(__import__(module).__version__)


if __name__ == "__main__":
    main()

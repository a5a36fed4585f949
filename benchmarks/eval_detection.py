"""Print detection precision, recall and F1 on the labelled sets, and the share of real reviews flagged.

Usage: .venv/bin/python benchmarks/eval_detection.py [--show-flags N]
Reads VIGIE_SHARED_DATA (default ../shared/data) and exits cleanly when it is absent.
"""

import argparse
import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from _data import data_dir_or_exit, read_jsonl

from contracts.risk import Category
from services.scoring.engine import TextScorer, check_reply

CHANNELS = {"review", "private_message", "note"}


@dataclass
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    support: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, gold: bool, predicted: bool, item_id: str) -> None:
        self.support += gold
        if gold and predicted:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
            self.misses.append(f"FP {item_id}")
        elif gold:
            self.false_negative += 1
            self.misses.append(f"FN {item_id}")

    def row(self, name: str) -> str:
        precision = (
            self.true_positive / (self.true_positive + self.false_positive)
            if self.true_positive + self.false_positive
            else float("nan")
        )
        recall = self.true_positive / self.support if self.support else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
        scores = f"P={precision:5.2f} R={recall:5.2f} F1={f1:5.2f}"
        return f"  {name:<28} {scores}  support={self.support:<5} FP={self.false_positive}"


def eval_extortion_set(scorer: TextScorer, path: Path, verbose: bool) -> None:
    print(f"\n== {path.parent.name}/{path.name} (groups A-C: categories; group D: reply_breach)")
    table: dict[str, Counts] = defaultdict(Counts)
    for item in read_jsonl(path):
        if item["group"] == "D":
            predicted = check_reply(item["text"]).reply_breach
            table[f"reply_breach / {item['lang']}"].add(
                item["label"] == "reply_breach", predicted, item["id"]
            )
            continue
        channel = item["channel"] if item["channel"] in CHANNELS else "review"
        risk = scorer.score(item["text"], channel=channel)
        for category in Category:
            gold = item["label"] == category.value
            predicted = risk.categories[category].flagged
            table[f"{category.value} / all"].add(gold, predicted, item["id"])
            table[f"{category.value} / {item['lang']}"].add(gold, predicted, item["id"])
    for name in sorted(table):
        print(table[name].row(name))
        if verbose and table[name].misses and name.endswith("/ all"):
            print("     ", " ".join(table[name].misses))


def eval_hatecheck(scorer: TextScorer, folder: Path) -> None:
    print(f"\n== {folder.name} (threat = threat_dir_h and threat_norm_h; everything else negative)")
    for language in ("french", "german"):
        counts, insult = Counts(), Counts()
        with (folder / f"hatecheck_cases_final_{language}.csv").open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                risk = scorer.score(row["test_case"])
                counts.add(
                    row["functionality"].startswith("threat_"),
                    risk.categories[Category.THREAT].flagged,
                    row["mhc_case_id"],
                )
                is_slur = row["functionality"] == "slur_h"
                insult.add(is_slur, risk.categories[Category.INSULT].flagged, row["mhc_case_id"])
        print(counts.row(f"threat / {language}"))
        print(insult.row(f"insult (slur_h) / {language}"))


def eval_germeval(scorer: TextScorer, folder: Path) -> None:
    print(f"\n== {folder.name} test file (insult = fine label INSULT)")
    counts = Counts()
    with (folder / "germeval2018.test.txt").open(encoding="utf-8") as rows:
        for number, line in enumerate(rows):
            text, _coarse, fine = line.rstrip("\n").split("\t")
            counts.add(fine == "INSULT", scorer.score(text).categories[Category.INSULT].flagged, str(number))
    print(counts.row("insult / de"))


def eval_jigsaw(scorer: TextScorer, folder: Path) -> None:
    print(f"\n== {folder.name}")
    threat, insult = Counts(), Counts()
    with (folder / "test_examples.csv").open(encoding="utf-8") as rows:
        for number, row in enumerate(csv.DictReader(rows)):
            risk = scorer.score(row["comment_text"])
            threat.add(row["threat"] == "1", risk.categories[Category.THREAT].flagged, str(number))
            insult.add(row["insult"] == "1", risk.categories[Category.INSULT].flagged, str(number))
    print(threat.row("threat / en"))
    print(insult.row("insult / en"))


def flag_rates(scorer: TextScorer, reviews: Path, show: int) -> None:
    print(f"\n== share of real reviews flagged per category ({reviews})")
    print("  " + f"{'file':<38}{'rows':>6}" + "".join(f"{c.value[:10]:>11}" for c in Category))
    for path in sorted(reviews.glob("*.jsonl")):
        flagged: dict[Category, list[str]] = defaultdict(list)
        rows = list(read_jsonl(path))
        for row in rows:
            risk = scorer.score(row.get("text") or "", rating=row.get("rating"))
            for category in risk.flagged():
                flagged[category].append(row["external_id"])
        shares = "".join(f"{100 * len(flagged[c]) / len(rows):10.2f}%" for c in Category)
        print(f"  {path.name:<38}{len(rows):>6}{shares}")
        for category in (Category.EXTORTION, Category.THREAT):
            if show and flagged[category]:
                print(f"      {category.value}: {' '.join(flagged[category][:show])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-flags",
        type=int,
        default=0,
        metavar="N",
        help="list up to N flagged ids per file for extortion and threat",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="list false positive and false negative ids on the extortion set",
    )
    args = parser.parse_args()

    data = data_dir_or_exit()
    scorer = TextScorer()
    labeled = data / "labeled"
    eval_extortion_set(scorer, labeled / "extortion" / "real-published.dev.jsonl", args.verbose)
    eval_hatecheck(scorer, labeled / "fr-de-hatecheck-threat-tests")
    eval_germeval(scorer, labeled / "de-germeval2018-offensive")
    eval_jigsaw(scorer, labeled / "en-jigsaw-toxic-sample")
    flag_rates(scorer, data / "reviews", args.show_flags)


if __name__ == "__main__":
    main()

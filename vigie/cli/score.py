"""`vigie score` and `vigie check-reply`: the stream's scorer, offline, without Kafka or MongoDB."""

import json
import sys
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from contracts.reviews import ReviewCreate
from services.scoring.runtime import build_scorer
from vigie.settings import Settings


def score_file(settings: Settings, source: TextIO, target: TextIO) -> tuple[int, int]:
    """Write each input line with a `risk` field added; return (scored, rejected) counts."""
    scorer = build_scorer(settings)
    scored = rejected = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            review = ReviewCreate.model_validate_json(line)
        except ValidationError as exc:
            rejected += 1
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "line"
            print(f"{source.name}:{number}: rejected, {field}: {first['msg']}", file=sys.stderr)
            continue
        risk = scorer.score(  # type: ignore[attr-defined]
            review.text, channel=review.channel.value, rating=review.rating, language=review.language
        )
        output = {**json.loads(line), "risk": risk.model_dump(mode="json")}
        target.write(json.dumps(output, ensure_ascii=False) + "\n")
        scored += 1
    return scored, rejected


def run_score(settings: Settings, input_path: Path, output_path: Path) -> int:
    if not input_path.is_file():
        print(f"error: input file {input_path} does not exist", file=sys.stderr)
        return 2
    if not output_path.parent.is_dir():
        print(f"error: the folder of the output file, {output_path.parent}, does not exist; create it first",
              file=sys.stderr)
        return 2
    with input_path.open(encoding="utf-8") as source, output_path.open("w", encoding="utf-8") as target:
        scored, rejected = score_file(settings, source, target)
    print(json.dumps({"scored": scored, "rejected": rejected, "output": str(output_path)}))
    return 0 if rejected == 0 else 1


def run_check_reply(text: str, language: str | None) -> int:
    from services.scoring.engine import check_reply

    result = check_reply(text, language=language)
    print(result.model_dump_json(indent=2))
    return 1 if result.reply_breach else 0

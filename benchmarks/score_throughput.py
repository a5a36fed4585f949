"""Print the scorer's throughput (reviews per second, one core) and peak memory on fr-trustpilot-shops.jsonl.

Usage: .venv/bin/python benchmarks/score_throughput.py [--repeat N]
Reads VIGIE_SHARED_DATA (default ../shared/data) and exits cleanly when it is absent.
"""

import argparse
import platform
import resource
import sys
import time

from _data import data_dir_or_exit, read_jsonl

from services.scoring.engine import TextScorer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes over the file; the best pass is reported"
    )
    args = parser.parse_args()

    path = data_dir_or_exit() / "reviews" / "fr-trustpilot-shops.jsonl"
    reviews = [(row.get("text") or "", row.get("rating")) for row in read_jsonl(path)]
    characters = sum(len(text) for text, _ in reviews)
    scorer = TextScorer()
    scorer.score("warm-up: compile and cache")

    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text, rating in reviews:
            scorer.score(text, rating=rating)
        best = min(best, time.perf_counter() - started)

    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024
    print(f"file: {path} ({len(reviews)} reviews, {characters / len(reviews):.0f} characters on average)")
    print(
        f"machine: {platform.processor() or platform.machine()},"
        f" Python {platform.python_version()}, one process"
    )
    print(f"throughput: {len(reviews) / best:,.0f} reviews/s (best of {args.repeat} passes, {best:.2f} s)")
    print(f"peak memory: {peak_mb:.0f} MB (resource.getrusage ru_maxrss)")


if __name__ == "__main__":
    main()

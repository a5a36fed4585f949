"""Locate the shared data set (VIGIE_SHARED_DATA, default ../shared/data) for the benchmark scripts."""

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def data_dir_or_exit() -> Path:
    """Return the shared data folder, or exit with status 0 and a message when it is absent."""
    path = Path(os.environ.get("VIGIE_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        print(
            f"skipped: shared data folder {path} not found;"
            " set VIGIE_SHARED_DATA to the folder that holds reviews/ and labeled/"
        )
        raise SystemExit(0)
    return path


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)

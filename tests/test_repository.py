"""Checks on the repository itself."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_BYTES = 5 * 1024 * 1024


def tracked_files() -> list[Path]:
    try:
        output = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout  # noqa: S607
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in output.decode().split("\0") if name]


def test_no_tracked_file_over_limit() -> None:
    large = [str(path.relative_to(ROOT)) for path in tracked_files()
             if path.is_file() and path.stat().st_size > MAX_FILE_BYTES]
    assert large == [], f"files over {MAX_FILE_BYTES} bytes are tracked; data and build outputs stay out of git"

"""`vigie replay` on bad files and an unreachable ingest (no server needed)."""

from pathlib import Path

import pytest

from vigie.cli.main import main
from vigie.cli.replay import ReplayInterruptedError, ReplaySummary, ReplayTarget, read_items, replay
from vigie.stack.processes import free_port


def test_bad_lines_counted_with_line_numbers(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"platform": "google"}\n{not json\n\n"\\ud800"\n', encoding="utf-8")
    summary = ReplaySummary()

    items = list(read_items([source], summary))

    assert [line for _, line, _ in items] == [1]
    assert summary.sent == 3
    assert [item["line"] for item in summary.rejected_items] == [2, 4]
    assert "invalid JSON" in str(summary.rejected_items[0]["reason"])
    assert "surrogate" in str(summary.rejected_items[1]["reason"])


def test_unreachable_ingest_names_url(tmp_path: Path) -> None:
    source = tmp_path / "one.jsonl"
    source.write_text('{"platform": "google"}\n', encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}"

    with pytest.raises(ReplayInterruptedError) as raised:
        replay([source], ReplayTarget(url, "prt_x", "whsec_" + "A" * 44))

    assert url in str(raised.value)
    assert "vigie stack up" in str(raised.value)


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["replay", str(tmp_path / "absent.jsonl")])

    assert exited.value.code == 2
    assert "absent.jsonl" in capsys.readouterr().err

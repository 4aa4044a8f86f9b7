"""Progress, as a person waiting at a terminal sees it: a bar on standard error with how far the run has got (bytes of
the input read of all of them, or articles scored of all of them) — and nothing at all in a pipe."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path, terminal
from corpus import write_corpus
from dateline.read import Reading, read_paths
from dateline.records import Article
from dateline.serve.cli import app

runner = CliRunner()


def test_reading_counts_the_bytes_of_the_input_as_articles_come(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{n}", "date": "2024-03-14", "text": f"Story {n}. " * 50}) for n in range(40)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-03-14 One more story.", encoding="utf-8")
    total = sum(p.stat().st_size for p in tmp_path.iterdir())
    reading = Reading()
    seen = []
    for item in read_paths([tmp_path], reading=reading):
        assert isinstance(item, Article)
        seen.append(reading.done)
        assert reading.total == total
    assert len(seen) == 41 and seen == sorted(seen) and seen[0] < seen[20] < total
    assert reading.done == total


def test_standard_input_has_no_total(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"The mayor spoke."))))
    reading = Reading()
    (article,) = read_paths(["-"], published=date(2024, 3, 14), reading=reading)
    assert isinstance(article, Article) and reading.total is None


@pytest.mark.model
def test_extract_and_ingest_show_a_bar_with_a_total_on_a_terminal_only(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    shown = runner.invoke(app, ["extract", str(tmp_path / "corpus"), "--jsonl"], env=terminal(100))
    assert "extracting: 8 articles, 2 failed" in shown.stderr and "100%" in shown.stderr
    piped = runner.invoke(app, ["extract", str(tmp_path / "corpus"), "--jsonl"])
    assert "extracting" not in piped.stderr and "%" not in piped.stderr
    db = f"sqlite:///{tmp_path / 'news.db'}"
    shown = runner.invoke(app, ["ingest", str(tmp_path / "corpus"), "--db", db], env=terminal(100))
    assert "ingesting: 8 stored" in shown.stderr and "100%" in shown.stderr
    piped = runner.invoke(app, ["ingest", str(tmp_path / "corpus"), "--db", db])
    assert "ingesting" not in piped.stderr and "0 stored · 8 already stored" in piped.stderr


@pytest.mark.model
def test_eval_shows_articles_scored_of_all_of_them() -> None:
    folder = shared_path("data", "timeml", "TimeBank")
    files = [str(p) for p in sorted(folder.glob("*.tml"))[:5]]
    shown = runner.invoke(app, ["eval", "time", *files], env=terminal(100))
    assert "scoring: 5 of 5 articles" in shown.stderr and "100%" in shown.stderr
    assert "strict_PRF" in shown.stdout
    piped = runner.invoke(app, ["eval", "time", *files])
    assert "scoring" not in piped.stderr

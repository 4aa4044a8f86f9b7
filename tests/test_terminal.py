"""What a person sees at a terminal of 80, 100 or 160 columns, and what a program reads in a pipe: every quote's
words whole and wrapped at word boundaries, nothing wider than the terminal, a page of rows with a count of the rest,
and one result contract from `extract --jsonl` and `show --jsonl` alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, shared_path, terminal, unstyled
from corpus import write_corpus
from dateline.records import SCHEMA
from dateline.serve.cli import app

pytestmark = pytest.mark.model

WIDTHS = (80, 100, 160)
runner = CliRunner()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's sample articles, the spec's worked example, and the mixed test corpus, in one folder."""
    folder = tmp_path_factory.mktemp("terminal") / "articles"
    write_corpus(folder)
    for sample in (ROOT / "examples").iterdir():
        (folder / sample.name).write_bytes(sample.read_bytes())
    example = shared_path("examples", "000_fbf2ac5d012c0ac3.txt")
    (folder / example.name).write_bytes(example.read_bytes())
    return folder


@pytest.fixture(scope="module")
def db(articles: Path) -> str:
    url = f"sqlite:///{articles.parent / 'news.db'}"
    runner.invoke(app, ["ingest", str(articles), "--db", url])
    return url


def flat(text: str) -> str:
    return " ".join(text.split())


def fits(printed: str, width: int) -> bool:
    return all(len(line.rstrip()) <= width for line in printed.splitlines())


@pytest.mark.parametrize("width", WIDTHS)
def test_extract_prints_every_quote_whole_at_any_width(width: int) -> None:
    example = shared_path("examples", "000_fbf2ac5d012c0ac3.txt")
    shown = unstyled(runner.invoke(app, ["extract", str(example)], env=terminal(width)).stdout)
    (result,) = [json.loads(line) for line in runner.invoke(app, ["extract", str(example), "--jsonl"]).stdout
                 .splitlines()]
    assert result["quotes"] and fits(shown, width)
    for quote in result["quotes"]:
        assert flat(quote["text"]) in flat(shown)  # wrapped at word boundaries: no word is cut
    assert "Antony Blinken · cue told · addressee Jonathan Capehart" in flat(shown)
    assert "published 2021-06-21" in shown.splitlines()[0]


def test_a_long_title_is_cut_short_and_the_date_stays(tmp_path: Path) -> None:
    line = json.dumps({"id": "long", "date": "2024-03-14", "title": "A very long headline " * 12,
                       "text": "“The harbor stays open,” Mayor Ana Ortiz said on Monday."})
    (tmp_path / "long.jsonl").write_text(line + "\n", encoding="utf-8")
    shown = unstyled(runner.invoke(app, ["extract", str(tmp_path / "long.jsonl")], env=terminal(80)).stdout)
    first = shown.splitlines()[0]
    assert "published 2024-03-14" in first and "A very long headline A very" in first
    assert "…" in first and len(first) <= 80


@pytest.mark.parametrize("width", WIDTHS)
def test_quotes_at_a_terminal_are_a_page_of_readable_blocks(db: str, width: int) -> None:
    every = [json.loads(line) for line in runner.invoke(app, ["quotes", "--db", db, "--jsonl"]).stdout.splitlines()]
    assert len(every) > 20, "the corpus should hold more than one page of quotes"
    shown = unstyled(runner.invoke(app, ["quotes", "--db", db], env=terminal(width)).stdout)
    assert fits(shown, width)
    for quote in every[:20]:
        assert flat(quote["text"]) in flat(shown)
    assert f"… {len(every) - 20:,} more: --limit N to see more" in shown


def test_a_limit_the_user_gives_is_the_page(db: str) -> None:
    shown = unstyled(runner.invoke(app, ["quotes", "--db", db, "--limit", "3"], env=terminal(80)).stdout)
    assert shown.count("\n    ") >= 3 and " more: --limit N" in shown
    everything = runner.invoke(app, ["quotes", "--db", db, "--limit", "3", "--jsonl"]).stdout
    assert len(everything.splitlines()) == 3 and "--limit N" not in everything


@pytest.mark.parametrize("width", WIDTHS)
def test_show_prints_every_quote_whole(db: str, width: int) -> None:
    stored = json.loads(runner.invoke(app, ["show", "000_fbf2ac5d012c0ac3", "--db", db, "--jsonl"]).stdout)
    shown = unstyled(runner.invoke(app, ["show", "000_fbf2ac5d012c0ac3", "--db", db], env=terminal(width)).stdout)
    assert fits(shown, width) and len(stored["quotes"]) >= 6
    for quote in stored["quotes"]:
        assert flat(quote["text"]) in flat(shown)


@pytest.mark.parametrize("width", WIDTHS)
def test_people_and_organizations_tables_fit(db: str, width: int) -> None:
    for command in ("people", "organizations"):
        shown = unstyled(runner.invoke(app, [command, "--db", db], env=terminal(width)).stdout)
        assert fits(shown, width)
        assert "first_seen" in shown  # a date column is never wrapped, so neither is its header


def test_show_jsonl_is_the_contract_extract_jsonl_prints(articles: Path, db: str) -> None:
    extracted = [json.loads(line) for line in runner.invoke(app, ["extract", str(articles)]).stdout.splitlines()]
    assert len(extracted) >= 8  # in a pipe, extract prints JSON Lines without being asked
    for result in extracted:
        stored = json.loads(runner.invoke(app, ["show", result["id"], "--db", db, "--jsonl"]).stdout)
        assert stored == result, result["id"]
        assert list(stored)[0] == "schema" and stored["schema"] == SCHEMA

"""What a person sees at a terminal of 80, 100 or 160 columns, and what a program reads in a pipe: every quote's
words whole and wrapped at word boundaries, nothing wider than the terminal, a page of rows with a count of the rest,
and one result contract from `extract --jsonl` and `show --jsonl` alike."""

from __future__ import annotations

import json
import re
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


@pytest.mark.parametrize("command", [["quotes", "--speaker", "Nobody Atall"], ["quotes", "--search", "zeppelin"],
                                     ["quotes", "--distinct", "--since", "2999-01-01"], ["people", "Nobody Atall"],
                                     ["organizations", "Nobody Atall"]])
def test_an_empty_answer_says_none_found(db: str, command: list[str]) -> None:
    shown = unstyled(runner.invoke(app, [*command, "--db", db], env=terminal(80)).stdout)
    assert shown.splitlines()[1:] == ["none found"], shown  # the title, then the answer: not a bare title
    assert runner.invoke(app, [*command, "--db", db, "--jsonl"]).stdout == ""  # a program reads no rows


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


COMMANDS = ["", "ingest", "quotes", "quote", "people", "organizations", "person", "show", "export", "serve",
            "extract", "eval", "eval quotes", "eval time"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_page_reads_at_80_columns(command: str) -> None:
    shown = runner.invoke(app, [*command.split(), "-h"], env={"COLUMNS": "80"}).stdout
    assert shown.startswith("Usage: ") and fits(shown, 80)
    for noise in ("<bool>", "<list", "<path>", "<=x", "x<=", "{PATH}", "╭"):  # types, click's ranges, boxes
        assert noise not in shown, noise
    paragraphs = shown.split("\n\n")
    assert not any(p.rstrip().endswith("...") for p in paragraphs if "Commands:" in p)  # no summary cut short


def test_ranges_are_shown_as_ranges_and_a_bad_value_names_the_option() -> None:
    shown = " ".join(runner.invoke(app, ["quotes", "-h"], env={"COLUMNS": "80"}).stdout.split())
    assert "--limit N At most this many. [1–1000]" in shown
    wrong = runner.invoke(app, ["quotes", "--since", "2021-13-01"])
    assert wrong.exit_code == 2
    assert wrong.stderr.startswith("error: --since: [D210] '2021-13-01' is not a date (want YYYY-MM-DD)")


def test_the_people_table_keeps_names_roles_dates_and_counts_whole_at_80_columns(db: str) -> None:
    people = [json.loads(line) for line in runner.invoke(app, ["people", "--db", db, "--jsonl"]).stdout.splitlines()]
    shown = unstyled(runner.invoke(app, ["people", "--db", db], env=terminal(80)).stdout)
    assert fits(shown, 80)
    lines = shown.splitlines()
    for person in people[:20]:
        (row,) = [line for line in lines if line.startswith(person["name"] + " ")]  # the name whole, on its row
        assert f"{person['first_seen']}  {person['last_seen']}" in row
        for word in " ".join(person["roles"]).split():
            assert word in shown.split() or f"{word};" in shown.split(), word  # no word of a role is cut
    assert len(lines) < 3 * min(len(people), 20) + 5  # a row is a line or two, not six


def test_quote_and_person_headlines_wrap_at_word_boundaries(db: str) -> None:
    quote = json.loads(runner.invoke(app, ["quotes", "--db", db, "--jsonl", "--speaker", "Blinken"]).stdout
                       .splitlines()[0])
    shown = unstyled(runner.invoke(app, ["quote", quote["quote"], "--db", db], env=terminal(80)).stdout)
    assert fits(shown, 80) and flat(f"“{quote['text']}” — {quote['speaker']}") in flat(shown)
    person = unstyled(runner.invoke(app, ["person", "Blinken", "--db", db], env=terminal(80)).stdout)
    assert fits(person, 80) and person.startswith("Antony Blinken (P")


def test_the_ingest_bar_keeps_its_time_left_at_80_columns(articles: Path, tmp_path: Path) -> None:
    shown = runner.invoke(app, ["ingest", str(articles), "--db", str(tmp_path / "n.db")], env=terminal(80)).stderr
    pieces = re.split(r"[\r\n]|\x1b\[[0-9;?]*[A-Za-z]", shown)  # the lines the bar drew, then those it left
    frames = [piece.rstrip() for piece in pieces if "ingesting:" in piece]
    assert frames and all(len(frame) <= 80 for frame in frames)
    assert all(re.search(r"\d+% +(-:--|\d+:\d\d) +\d:\d\d:\d\d$", frame) for frame in frames), frames
    first = next(at for at, piece in enumerate(pieces) if "already stored ·" in piece)
    last = next(at for at, piece in enumerate(pieces) if "→" in piece)
    summary = [piece for piece in pieces[first:last + 1] if piece]
    assert all(len(line) <= 80 for line in summary) and "in this process →" in flat(" ".join(summary))  # at a word

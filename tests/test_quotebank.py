"""`dateline export --format quotebank` holds what Quotebank holds — quotations, the words in quotation marks — in
Quotebank's quotation-centric fields and types, `phase` included; `--all-kinds` adds the indirect quotes, beliefs
and findings (the reporter's words), each marked with its kind and act. On a store of made-up stories and on one of
Reuters wire stories, each a real SQLite file ingested by the CLI."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from dateline.serve.cli import app

pytestmark = pytest.mark.model

FIELDS = ["quoteID", "quotation", "speaker", "qids", "date", "numOccurrences", "probas", "urls", "phase"]
"""Quotebank's quotation-centric record, in its order."""

STORIES = {
    "direct": ("2024-03-05", "“We will keep the harbor open for every fishing family,” Mayor Ana Ortiz said on "
                             "Tuesday."),
    "again": ("2024-03-06", "Mayor Ana Ortiz told reporters: “We will keep the harbor open for every fishing "
                            "family in Dunmore.”"),
    "indirect": ("2024-03-05", "Mayor Ana Ortiz said the council would vote on the school budget in March."),
    "belief": ("2024-03-05", "Gov. Tom Reyes believes the bridge will be rebuilt before winter."),
    "finding": ("2024-03-05", "A state study found that the harbor water is cleaner than it was a decade ago."),
    "mixed": ("2024-03-07", "Gov. Tom Reyes said the plan was “a fair deal for every family in the county” and "
                            "would pass."),
}


def ingested(folder: Path) -> str:
    db = f"sqlite:///{folder / 'news.db'}"
    done = CliRunner().invoke(app, ["ingest", str(folder / "news"), "--db", db])
    assert done.exit_code == 0, done.output
    return db


def exported(db: str, out: Path, *options: str) -> list[dict[str, object]]:
    done = CliRunner().invoke(app, ["export", str(out), "--format", "quotebank", *options, "--db", db])
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in (out / "quotebank.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("quotebank")
    (folder / "news").mkdir()
    for name, (day, text) in STORIES.items():
        (folder / "news" / f"{name}.txt").write_text(f"date {day} {text}", encoding="utf-8")
    return ingested(folder), folder


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The first 120 Reuters wire stories of the shared dev set (read from ../shared, ingested into a store)."""
    source = shared_path("data", "reuters", "reuters-dev.jsonl")
    folder = tmp_path_factory.mktemp("quotebank-wire")
    (folder / "news").mkdir()
    with source.open(encoding="utf-8") as lines, (folder / "news" / "wire.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(lines, 120))
    return ingested(folder), folder


def stored(db: str, ask: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db.removeprefix("sqlite:///")) as connection:
        return connection.execute(ask).fetchall()


def is_quotebank_record(row: dict[str, object]) -> bool:
    """Whether a record has Quotebank's fields, in order, with their types and forms."""
    probas = row["probas"]
    return (list(row)[:len(FIELDS)] == FIELDS and isinstance(row["quoteID"], str) and isinstance(row["quotation"], str)
            and isinstance(row["speaker"], str) and row["qids"] == []
            and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", str(row["date"])) is not None
            and type(row["numOccurrences"]) is int and row["numOccurrences"] >= 1
            and isinstance(probas, list) and all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str)
                                                 and re.fullmatch(r"[01]\.\d{4}", p[1]) for p in probas)
            and isinstance(row["urls"], list) and all(isinstance(u, str) for u in row["urls"])
            and row["phase"] == "E")


def test_the_export_holds_quotations_only_in_quotebanks_fields(made: tuple[str, Path]) -> None:
    db, folder = made
    rows = exported(db, folder / "out")
    assert all(list(row) == FIELDS and is_quotebank_record(row) for row in rows)
    (harbor,) = [r for r in rows if "harbor open" in str(r["quotation"])]
    assert harbor["numOccurrences"] == 2 and harbor["speaker"] == "Ana Ortiz"
    assert harbor["quotation"] == "We will keep the harbor open for every fishing family in Dunmore."  # the longest
    assert harbor["date"] == "2024-03-05 00:00:00" and harbor["probas"] == [["Ana Ortiz", "1.0000"]]
    (deal,) = [r for r in rows if "fair deal" in str(r["quotation"])]  # a mixed quote's words in quotation marks
    assert deal["speaker"] == "Tom Reyes"
    quotations = {q for (q,) in stored(db, "SELECT DISTINCT quote FROM quotes WHERE kind IN ('direct', 'mixed')")}
    assert {r["quoteID"] for r in rows} == quotations and len(rows) == 2
    said = " ".join(str(r["quotation"]) for r in rows)
    assert "school budget" not in said and "bridge" not in said and "cleaner" not in said


def test_all_kinds_adds_the_reporters_words_marked_with_kind_and_act(made: tuple[str, Path]) -> None:
    db, folder = made
    rows = exported(db, folder / "all", "--all-kinds")
    assert all(list(row) == [*FIELDS, "kind", "act"] and is_quotebank_record(row) for row in rows)
    assert {q for (q,) in stored(db, "SELECT DISTINCT quote FROM quotes")} == {r["quoteID"] for r in rows}
    marked = {(r["kind"], r["act"]) for r in rows}
    assert marked == {("direct", "statement"), ("mixed", "statement"), ("indirect", "statement"),
                      ("indirect", "belief"), ("indirect", "finding")}
    quotations = exported(db, folder / "only")
    assert [{k: r[k] for k in FIELDS} for r in rows if r["kind"] != "indirect"] == quotations


def test_on_wire_stories_no_indirect_quote_belief_or_finding_is_exported(wire: tuple[str, Path]) -> None:
    db, folder = wire
    rows = exported(db, folder / "out")
    everything = exported(db, folder / "all", "--all-kinds")
    assert all(is_quotebank_record(row) for row in rows + everything)
    kinds = dict(stored(db, "SELECT quote, group_concat(DISTINCT kind) FROM quotes GROUP BY quote"))
    assert rows and all(set(str(kinds[r["quoteID"]]).split(",")) <= {"direct", "mixed"} for r in rows)
    reporters = [r for r in everything if r["kind"] == "indirect"]
    assert len(reporters) > len(rows)  # most of what a wire story attributes is indirect: left out by default
    assert len(rows) + len(reporters) == len(everything)
    counts = dict(stored(db, "SELECT quote, count(*) FROM quotes GROUP BY quote"))
    assert all(r["numOccurrences"] == counts[r["quoteID"]] for r in everything)

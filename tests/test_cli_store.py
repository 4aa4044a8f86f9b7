"""The corpus commands as a user types them: ingest, then quotes / people / show / export from the same file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus import write_corpus
from dateline.serve.cli import app

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    write_corpus(folder / "corpus")
    url = f"sqlite:///{folder / 'news.db'}"
    result = CliRunner().invoke(app, ["ingest", str(folder / "corpus"), "--db", url])
    assert result.exit_code == 1, result.output  # two bad inputs, each reported on a line of its own
    assert "wire.jsonl:2: [D105] malformed JSON" in result.output
    assert "8 stored · 0 already stored · 2 failed" in result.output
    return url


def _jsonl(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_quotes_by_speaker_and_words(db: str) -> None:
    result = CliRunner().invoke(app, ["quotes", "--db", db, "--speaker", "Ortiz", "--search", "more time",
                                      "--jsonl"])
    rows = _jsonl(result.stdout)
    assert result.exit_code == 0 and rows
    assert all(r["speaker"] == "Ana Ortiz" and "more time" in r["text"] and r["cue"] == "told" for r in rows)
    assert all(r["found_by"] and 0 < r["confidence"] <= 1 for r in rows)  # which finder, and how sure it is


def test_quotes_between_two_days_as_csv(db: str) -> None:
    result = CliRunner().invoke(app, ["quotes", "--db", db, "--since", "2024-02-01", "--until", "2024-02-29",
                                      "--csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["said"][:7] for r in rows} == {"2024-02"}


def test_people_with_roles_and_counts(db: str) -> None:
    result = CliRunner().invoke(app, ["people", "Ortiz", "--db", db, "--jsonl"])
    (ortiz,) = _jsonl(result.stdout)
    assert ortiz["name"] == "Ana Ortiz" and ortiz["roles"] == ["Mayor"] and ortiz["quotes"] > 0


def test_show_one_article(db: str) -> None:
    result = CliRunner().invoke(app, ["show", "wire-2", "--db", db, "--jsonl"])
    (article,) = _jsonl(result.stdout)
    assert article["id"] == "wire-2" and article["quotes"] and article["times"]
    missing = CliRunner().invoke(app, ["show", "nothing-here", "--db", db])
    assert missing.exit_code == 1 and "error: nothing-here: [D420] no article with this id" in missing.output


def test_export_parquet(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    result = CliRunner().invoke(app, ["export", str(tmp_path), "--format", "parquet", "--table", "quotes",
                                      "--db", db])
    assert result.exit_code == 0
    quotes = pq.read_table(tmp_path / "quotes.parquet").to_pylist()
    assert quotes and {"speaker", "text", "said", "article"} <= set(quotes[0])


def test_a_bad_database_url_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["quotes", "--db", f"sqlite:///{tmp_path}/missing/x.db"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "[D400]" in result.output


def test_export_keeps_existing_files_unless_forced(db: str, tmp_path: Path) -> None:
    (tmp_path / "quotes.jsonl").write_text("mine\n", encoding="utf-8")
    args = ["export", str(tmp_path), "--format", "jsonl", "--table", "quotes", "--db", db]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1 and "already exists" in refused.output and "--force" in refused.output
    assert (tmp_path / "quotes.jsonl").read_text(encoding="utf-8") == "mine\n"
    forced = CliRunner().invoke(app, [*args, "--force"])
    assert forced.exit_code == 0 and _jsonl((tmp_path / "quotes.jsonl").read_text(encoding="utf-8"))


def test_export_never_writes_through_a_link(db: str, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "quotes.csv").symlink_to(precious)
    args = ["export", str(out), "--format", "csv", "--table", "quotes", "--db", db]
    assert CliRunner().invoke(app, args).exit_code == 1
    assert CliRunner().invoke(app, [*args, "--force"]).exit_code == 0
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert not (out / "quotes.csv").is_symlink() and "text" in (out / "quotes.csv").read_text(encoding="utf-8")


def test_person_and_distinct_quotes_from_the_command_line(db: str) -> None:
    person = CliRunner().invoke(app, ["person", "Ortiz", "--db", db, "--jsonl"])
    (ortiz,) = _jsonl(person.stdout)
    assert ortiz["name"] == "Ana Ortiz" and ortiz["roles"][0]["role"] == "Mayor" and ortiz["quotes_by_month"]
    listed = _jsonl(CliRunner().invoke(app, ["quotes", "--distinct", "--speaker", ortiz["id"], "--db", db,
                                             "--jsonl"]).stdout)
    assert listed and all(r["speaker_id"] == ortiz["id"] and r["occurrences"] >= 1 for r in listed)
    assert CliRunner().invoke(app, ["person", "Nobody", "--db", db]).exit_code == 1

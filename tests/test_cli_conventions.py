"""The command line behaves as its users' other tools do: a version, -h, `python -m dateline`; a question asked of
a database that is not there, or not Dateline's, is refused in one line and changes nothing; options that do not go
together, or a value that is not one of the choices, are usage errors; a password is never printed back."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from dateline import __version__
from dateline.serve.cli import app

runner = CliRunner()


def test_version_and_short_help() -> None:
    assert runner.invoke(app, ["--version"]).output.strip() == f"dateline {__version__}"
    assert "Usage" in runner.invoke(app, ["-h"]).output
    assert "--distinct" in runner.invoke(app, ["quotes", "-h"]).output


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "dateline", "--version"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and done.stdout.strip() == f"dateline {__version__}"


@pytest.mark.parametrize("command", [["quotes"], ["quotes", "--distinct"], ["people"], ["organizations"],
                                     ["person", "Ortiz"], ["quote", "Q0"], ["show", "a1"]])
def test_a_question_asked_of_a_database_that_is_not_there_is_refused_and_makes_none(tmp_path: Path,
                                                                                     command: list[str]) -> None:
    missing = tmp_path / "mistyped.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2
    assert f"error: {missing}: [D400] no database here" in result.output and "Traceback" not in result.output
    assert not missing.exists()


def test_someone_elses_sqlite_file_is_not_touched(tmp_path: Path) -> None:
    other = tmp_path / "budget.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE lines (amount INTEGER)")
    result = runner.invoke(app, ["quotes", "--db", str(other)])
    assert result.exit_code == 2 and "[D400] not a Dateline database" in result.output
    with sqlite3.connect(other) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["lines"]


def test_options_that_exclude_each_other_and_a_value_not_among_the_choices_are_usage_errors(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert runner.invoke(app, ["ingest", str(tmp_path / "none.txt"), "--db", str(db)]).exit_code == 1
    assert not db.exists()  # a run that stored nothing and failed leaves no empty database behind
    both = runner.invoke(app, ["quotes", "--jsonl", "--csv", "--db", str(db)])
    assert both.exit_code == 2 and "exclude each other" in both.output
    bogus = runner.invoke(app, ["quotes", "--act", "bogus", "--db", str(db)])
    assert bogus.exit_code == 2 and "is not an act" in bogus.output and "finding" in bogus.output
    assert runner.invoke(app, ["quotes", "--limit", "0", "--db", str(db)]).exit_code == 2


def test_a_password_in_a_database_url_is_never_printed() -> None:
    result = runner.invoke(app, ["show", "nosuch", "--db", "postgresql://reader:s3cret@127.0.0.1:9/news"])
    assert result.exit_code == 2 and "s3cret" not in result.output and "reader:***@" in result.output


def test_a_folder_is_read_for_its_articles_and_the_other_files_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a1.txt").write_text("date 2024-03-14 Ana Ortiz said the harbor would stay open.", encoding="utf-8")
    (folder / "README.md").write_text("# What this folder holds\n", encoding="utf-8")
    (folder / "sources.csv").write_text("id,url\na1,https://example.org/a1\n", encoding="utf-8")
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output  # nothing failed: the README and the CSV are not articles
    assert "passed over 2 file(s)" in result.output and "README.md, sources.csv" in result.output
    listed = runner.invoke(app, ["quotes", "--db", str(db), "--jsonl"])
    assert [json.loads(line)["article"] for line in listed.stdout.splitlines()] == ["a1"]


def test_the_spacy_components_never_guess_a_date(nlp: Language) -> None:
    from datetime import date, datetime

    from dateline import extract
    from dateline.components.times import NoPublicationDate

    with pytest.raises(NoPublicationDate, match=r"D201.*doc\._\.dateline_published"):
        nlp("Ana Ortiz said on Monday that the harbor would open in May.")
    doc = nlp.make_doc("Ana Ortiz said on Monday that the harbor would open in May.")
    doc._.dateline_published = date(2024, 3, 14)
    times = nlp(doc)._.dateline_times
    assert [t["value"] for t in times] == ["2024-03-11", "2024-05"]  # "said … that": the Monday before
    text = "The harbor opened on Monday."
    assert extract(text, "2024-03-14").times == extract(text, datetime(2024, 3, 14, 9, 30)).times == extract(
        text, date(2024, 3, 14)).times  # an ISO string, a datetime or a date


def test_a_scheduler_nobody_listens_on_is_one_line_after_a_short_wait(tmp_path: Path) -> None:
    import socket

    with socket.socket() as unused:  # a port no scheduler listens on
        unused.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{unused.getsockname()[1]}"
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a1.txt").write_text("date 2024-03-14 Ana Ortiz said the harbor would stay open.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--scheduler", address, "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"cannot reach the Dask scheduler at {address} within 5 s" in result.output


def test_help_names_every_input_form_and_says_what_each_value_is() -> None:
    wide = {"COLUMNS": "160"}
    extract_help = " ".join(runner.invoke(app, ["extract", "-h"], env=wide).output.split())
    for form in ("dated text", "plain text", "JSON Lines", "HTML", "WARC", "TimeML", "standard input"):
        assert form in extract_help
    quotes_help = runner.invoke(app, ["quotes", "-h"], env=wide).output
    for placeholder in ("NAME", "QUERY", "YYYY-MM-DD", "ACT", "URL"):
        assert placeholder in quotes_help

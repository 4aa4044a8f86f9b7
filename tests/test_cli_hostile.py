"""Hostile text stays inert on the way out, outputs cannot be turned, and the exit status tells cases apart:
0 all good, 1 some input refused, 2 usage, 3 an internal error."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import terminal, unstyled
from dateline.serve import cli
from dateline.serve.cli import app
from dateline.serve.inert import clean, file_name
from dateline.serve.rows import write_csv

HOSTILE = ('date 2024-03-14 The mayor said on Monday that "the [/quote] council [link=file:///etc/passwd]won'
           '[/link] \x1b[2J\x1b]0;owned\x07 \u202eevil" and left.')


def test_escape_sequences_and_markup_in_an_article_are_printed_inert(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path)], env=terminal())
    assert result.exit_code == 0, result.output
    shown = unstyled(result.stdout)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "[/quote]" in shown and "[link=file:///etc/passwd]" in shown


def test_clean_keeps_text_and_replaces_what_a_terminal_acts_on() -> None:
    assert clean("Café «naïve» — 東京\tand\nmore") == "Café «naïve» — 東京\tand\nmore"
    assert clean("a\x1b[31mb\x9bc\u2066d\ud800") == "a\ufffd[31mb\ufffdc\ufffdd\ufffd"


def test_csv_cells_a_spreadsheet_would_run_are_neutralized() -> None:
    out = io.StringIO()
    write_csv([{"text": "=HYPERLINK(\"http://x.example\")", "who": "@admin", "n": -5, "plain": "fine"}], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row == {"text": "'=HYPERLINK(\"http://x.example\")", "who": "'@admin", "n": "-5", "plain": "fine"}


def test_file_names_for_ids_are_safe_and_never_collide() -> None:
    names = {file_name(i, ".tml") for i in ("sub/x", "other/x", "sub_x", "../../etc/passwd", "x")}
    assert len(names) == 5
    assert all("/" not in n and not n.startswith(".") for n in names)
    assert file_name("x", ".tml") == "x.tml"
    assert len(file_name("y" * 1000, ".tml").encode()) < 255


def test_timeml_files_of_two_ids_that_differ_only_by_folder_are_two_files(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "date": "2024-03-14", "text": f"Filed on Monday from {i}."})
             for i in ("sub/x", "other/x")]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "c.jsonl"), "--jsonl", "--timeml",
                                      str(tmp_path / "tml")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "tml").iterdir())) == 2


@pytest.mark.parametrize("args", [["--limit", str(2**70)], ["--limit", "0"]])
def test_out_of_range_numbers_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["quotes", "--db", f"sqlite:///{tmp_path / 'x.db'}", *args])
    assert result.exit_code == 2


def test_max_chars_above_what_the_pipeline_takes_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2024-03-14 Hello.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--max-chars", "5000000"])
    assert result.exit_code == 2


def test_a_file_name_that_is_not_utf8_is_read_and_printed(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("date 2024-03-14 The mayor said on Monday that the vote would wait.",
                                 encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--jsonl"])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["source"].endswith("caf\\xe9.txt")


def test_an_internal_error_is_one_line_and_status_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("date 2024-03-14 Hello.", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:  # stands in for a bug: none is known to trigger for real
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "process", broken)
    monkeypatch.setattr(sys, "argv", ["dateline", "extract", str(tmp_path / "a.txt")])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: a bug" in err and "--debug" in err
    monkeypatch.setattr(sys, "argv", ["dateline", "--debug", "extract", str(tmp_path / "a.txt")])
    with pytest.raises(SystemExit):
        cli.main()
    assert "Traceback" in capsys.readouterr().err


def test_a_db_file_that_is_not_sqlite_is_one_line_and_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("my notes, not a database\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", "--db", str(tmp_path / "notes.db")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "[D400]" in result.output and "not a database" in result.output
    assert (tmp_path / "notes.db").read_text(encoding="utf-8") == "my notes, not a database\n"


def test_store_tables_print_markup_and_escapes_as_text() -> None:
    from rich.console import Console

    from dateline.serve.rows import table

    console = Console(record=True, width=100, force_terminal=True)
    console.print(table([{"speaker": "[bold]Eve[/bold]", "text": "a [/quote] b \x1b]8;;file:///etc/passwd\x07x"}],
                        ("speaker", "text"), wide=("text",)))
    shown = console.export_text()
    assert "[bold]Eve[/bold]" in shown and "[/quote]" in shown and "\x1b]8" not in shown and "\x07" not in shown

"""Reading articles in the forms users have them, and a one-line error for each bad one."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from conftest import terminal
from dateline.errors import ReadError
from dateline.read import read_paths
from dateline.serve.cli import app

GOOD = "date 2024-03-14 The mayor said on Tuesday that the harbor vote would wait.\n\nIt was a long night."


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_dated_text_keeps_the_body_after_the_header(tmp_path: Path) -> None:
    (article,) = read_paths([write(tmp_path, "a1.txt", "  " + GOOD)])
    assert article.published == date(2024, 3, 14)
    assert article.text.startswith("The mayor said")
    assert article.id == "a1"


def test_plain_text_takes_the_date_given(tmp_path: Path) -> None:
    (article,) = read_paths([write(tmp_path, "plain.txt", "The mayor spoke.")], published=date(2020, 1, 2))
    assert article.published == date(2020, 1, 2) and article.text == "The mayor spoke."


def test_jsonl_keeps_id_and_text_exactly(tmp_path: Path) -> None:
    record = {"id": "x-1", "published": "2016-09-12T08:00:00Z", "title": "T", "text": "  Leading space kept.\n"}
    (article,) = read_paths([write(tmp_path, "a.jsonl", json.dumps(record) + "\n")])
    assert (article.id, article.text, article.published, article.title) == (
        "x-1", "  Leading space kept.\n", date(2016, 9, 12), "T")


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g", "date": "2020-05-05", "text": "Hello there."}) + "\n")
    (article,) = read_paths([path])
    assert article.id == "g"


def test_a_bad_line_is_reported_and_the_rest_still_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "date": "2020-05-05", "text": "One."}),
        "{not json",
        json.dumps({"id": "nodate", "text": "Two."}),
        json.dumps({"id": "baddate", "date": "2021-02-30", "text": "Three."}),
        json.dumps({"id": "empty", "date": "2021-02-03", "text": "  "}),
        json.dumps({"id": "ok2", "date": "2020-05-06", "text": "Four."}),
    ]
    items = list(read_paths([write(tmp_path, "mixed.jsonl", "\n".join(lines))]))
    assert [i.id for i in items if not isinstance(i, ReadError)] == ["ok1", "ok2"]
    errors = [str(i) for i in items if isinstance(i, ReadError)]
    assert len(errors) == 4
    assert errors[0].startswith(f"{tmp_path / 'mixed.jsonl'}:2: ") and "malformed JSON" in errors[0]
    assert ":3: " in errors[1] and "no publication date" in errors[1]
    assert ":4: " in errors[2] and "'2021-02-30' is not a date" in errors[2]
    assert ":5: " in errors[3] and "empty" in errors[3]


def test_each_bad_file_gets_one_line(tmp_path: Path) -> None:
    cases = {
        "nodate.txt": ("The mayor spoke.", "no date"),
        "baddate.txt": ("date 2021-13-01 The mayor spoke.", "is not a date"),
        "empty.txt": ("date 2021-01-01   ", "empty"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    }
    for name, (content, message) in cases.items():
        (error,) = read_paths([write(tmp_path, name, content)])
        assert isinstance(error, ReadError)
        assert str(error).startswith(str(tmp_path / name)) and message in str(error)
        assert "\n" not in str(error)


def test_huge_article_is_refused(tmp_path: Path) -> None:
    (error,) = read_paths([write(tmp_path, "huge.txt", "date 2021-01-01 " + "word " * 300)], max_chars=1000)
    assert isinstance(error, ReadError) and "over the limit" in str(error)


def test_cli_reports_bad_files_and_still_extracts_the_good_one(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, "bad.txt", "No header here.")
    result = CliRunner().invoke(app, ["extract", str(bad), str(good), "--jsonl"])
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["id"] == "good"
    assert f"{bad}:1: [D101] no date" in result.stderr


def test_cli_reads_standard_input() -> None:
    result = CliRunner().invoke(app, ["extract", "-", "--jsonl", "--date", "2024-03-14"],
                                input="The mayor said on Tuesday that the harbor vote would wait.")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["published"] == "2024-03-14"
    assert [t["value"] for t in out["times"]] == ["2024-03-12"]


def test_cli_terminal_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(write(tmp_path, "good.txt", GOOD))], env=terminal())
    assert result.exit_code == 0
    assert "Quotes" in result.stdout and "Tuesday → 2024-03-12" in result.stdout

"""One table of errors and one shape for them: every code is defined once, in `dateline.errors`, and means one thing;
every error the command line prints is ``error: WHERE: [Dnnn] what, and what to do``; the same kind of failure ends
with the same exit status wherever it happens; and a command that fails before storing anything leaves nothing."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from dateline import errors
from dateline.errors import EXTRAS, MEANINGS, Code
from dateline.serve import cli
from dateline.serve.cli import app

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"
SHAPE = re.compile(r"^(error|note): (?:(?P<where>\S(?:[^\[]*\S)?): )?\[(?P<code>D\d{3})\] \S.*$")
"""The one line shape; WHERE has no "[" so the code after it is found where it must be."""

runner = CliRunner()


def test_every_code_is_defined_once_in_the_errors_module_and_means_one_thing() -> None:
    values = [code.value for code in Code]
    assert len(values) == len(set(values)) == len(Code.__members__)  # no code is another's alias
    assert set(MEANINGS) == set(Code)
    assert len({meaning.what for meaning in MEANINGS.values()}) == len(MEANINGS)
    source = (SRC / "errors.py").read_text(encoding="utf-8")
    for value in values:
        assert len(re.findall(rf'"{value}"', source)) == 1, value


def test_no_code_is_written_anywhere_else_in_the_source() -> None:
    elsewhere = {str(path.relative_to(SRC)): re.findall(r"\bD\d{3}\b", path.read_text(encoding="utf-8"))
                 for path in SRC.rglob("*") if path.is_file() and path.suffix in {".py", ".html", ".txt", ".tsv"}
                 and path.name != "errors.py"}
    assert {name: found for name, found in elsewhere.items() if found} == {}


def test_every_missing_extra_names_the_line_that_installs_it() -> None:
    for module in ("fastapi", "uvicorn", "jinja2", "pyarrow", "psycopg", "distributed"):
        assert module in EXTRAS
    assert errors.Message.MISSING_EXTRA.format(purpose="p", module="fastapi", extra=EXTRAS["fastapi"]).endswith(
        "pip install 'dateline[web]'")


def shaped(stderr: str) -> list[re.Match[str]]:
    """Every line of standard error, each checked against the one shape."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "the failure said nothing"
    matched = [SHAPE.match(line) for line in lines]
    assert all(matched), [line for line, m in zip(lines, matched, strict=True) if not m]
    return [m for m in matched if m]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one article in it, made without the model (an empty corpus is an empty store)."""
    folder = tmp_path_factory.mktemp("errors")
    (folder / "empty").mkdir()
    assert runner.invoke(app, ["ingest", str(folder / "empty"), "--db", str(folder / "news.db")]).exit_code == 0
    return folder / "news.db"


FAILURES = [
    (["quotes", "--since", "2021-13-01"], 2, "--since", Code.USAGE, "'2021-13-01' is not a date (want YYYY-MM-DD)"),
    (["quotes", "--until", "yesterday"], 2, "--until", Code.USAGE, "is not a date"),
    (["quotes", "--limit", "0"], 2, "--limit", Code.USAGE, "'0' is not a whole number from 1 to 1000"),
    (["people", "--limit", str(2**62)], 2, "--limit", Code.USAGE, "from 1 to 1000"),
    (["quotes", "--act", "bogus"], 2, "--act", Code.USAGE, "is not an act"),
    (["quotes", "--bogus"], 2, "--bogus", Code.USAGE, "no such option"),
    (["quotes", "--jsonl", "--csv"], 2, "--csv", Code.USAGE, "exclude each other"),
    (["quotes", "--search", '""'], 2, None, Code.SEARCH, "nothing to search for"),
    (["nosuchcommand"], 2, None, Code.USAGE, "no such command"),
    (["extract"], 2, "PATH", Code.USAGE, "missing argument"),
    (["quote", "Q0"], 1, "Q0", Code.NOT_FOUND, "no quote with this id"),
    (["person", "P0"], 1, "P0", Code.NOT_FOUND, "no person with this id"),
    (["show", "nothing-here"], 1, "nothing-here", Code.NOT_FOUND, "no article with this id"),
    (["export", "out", "--format", "xml"], 2, "--format", Code.USAGE, "'xml' is not a format"),
    (["export", "out", "--format", "csv", "--table", "nope"], 2, "--table", Code.USAGE, "no table nope"),
    (["eval", "time", "nonexist"], 1, "nonexist", Code.UNREADABLE, "no such file or folder"),
    (["eval", "quotes", "nonexist.jsonl"], 1, "nonexist.jsonl", Code.UNREADABLE, "no such file"),
]


@pytest.mark.parametrize(("args", "status", "where", "code", "what"), FAILURES, ids=[" ".join(f[0]) for f in FAILURES])
def test_each_failure_is_one_line_of_the_one_shape_with_the_status_of_its_kind(
        store: Path, tmp_path: Path, args: list[str], status: int, where: str | None, code: Code, what: str) -> None:
    takes_db = args[0] in {"quotes", "people", "quote", "person", "show", "export"}
    args = [tmp_path / a if a == "out" else a for a in args]  # type: ignore[misc]
    result = runner.invoke(app, [str(a) for a in args] + (["--db", str(store)] if takes_db else []))
    assert result.exit_code == status == MEANINGS[code].status, result.output
    (line,) = shaped(result.stderr)
    assert (line["where"], line["code"]) == (where, code.value) and what in line.group(0)
    assert result.stdout == ""


def test_a_database_that_is_not_there_is_named_as_where(tmp_path: Path) -> None:
    result = runner.invoke(app, ["people", "--db", str(tmp_path / "mistyped.db")])
    (line,) = shaped(result.stderr)
    assert result.exit_code == 2 and line["where"] == str(tmp_path / "mistyped.db") and line["code"] == "D400"


@pytest.mark.parametrize(("module", "args"), [
    ("fastapi", ["serve"]),
    ("pyarrow", ["export", "{tmp}/out", "--format", "parquet"]),
    ("psycopg", ["quotes", "--db", "postgresql://reader@127.0.0.1:9/news"]),
    ("distributed", ["ingest", "{tmp}/empty", "--workers", "2"]),
])
def test_a_missing_extra_is_one_status_everywhere_with_the_line_that_installs_it(
        monkeypatch: pytest.MonkeyPatch, store: Path, tmp_path: Path, module: str, args: list[str]) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an install without the extra has: the import fails
    (tmp_path / "empty").mkdir()
    given = [a.format(tmp=tmp_path) for a in args]
    if "--db" not in given:
        given += ["--db", str(store)]
    result = runner.invoke(app, given)
    (line,) = shaped(result.stderr)
    assert result.exit_code == 2 and line["code"] == Code.MISSING_EXTRA.value, result.output
    assert f"pip install 'dateline[{EXTRAS[module]}]'" in line.group(0)


def test_a_command_that_fails_before_storing_anything_leaves_no_file(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nosuch.jsonl"), "--db", str(new)])
    assert result.exit_code == 1
    assert [m["where"] for m in shaped(result.stderr.splitlines()[0])] == [str(tmp_path / "nosuch.jsonl")]
    assert "nothing stored" in result.stderr and not list(tmp_path.glob("new.db*"))


def test_a_store_there_before_is_kept_when_a_run_fails(store: Path, tmp_path: Path) -> None:
    before = store.stat().st_size
    result = runner.invoke(app, ["ingest", str(tmp_path / "nosuch.jsonl"), "--db", str(store)])
    assert result.exit_code == 1 and store.exists() and store.stat().st_size >= before


def test_debug_anywhere_on_the_line_shows_the_traceback_of_a_bug(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2024-03-14 Hello.", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:  # stands in for a bug: none is known to trigger for real
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "process", broken)
    monkeypatch.setattr(cli, "load", lambda model, **options: None)
    plain = runner.invoke(app, ["extract", str(tmp_path / "a.txt")])
    (line,) = shaped(plain.stderr)
    assert plain.exit_code == 3 and line["code"] == Code.INTERNAL.value and "RuntimeError: a bug" in line.group(0)
    for args in (["--debug", "extract", str(tmp_path / "a.txt")], ["extract", str(tmp_path / "a.txt"), "--debug"]):
        debugged = runner.invoke(app, args)
        assert debugged.exit_code == 3 and "Traceback (most recent call last)" in debugged.stderr, args
    after_dashes = runner.invoke(app, ["extract", "--", "--debug"])  # after --, a file named --debug
    assert after_dashes.exit_code == 3 and "Traceback (most recent call last)" not in after_dashes.stderr


@pytest.mark.model
def test_bad_input_is_a_line_each_and_the_rest_still_comes_out(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("date 2024-03-14 The mayor said the harbor would stay open.", encoding="utf-8")
    (tmp_path / "nodate.txt").write_text("The mayor spoke.", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text('{"id": "w1", "date": "2024-03-14", "text": "Fine."}\n{broken\n',
                                         encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--jsonl"])
    assert result.exit_code == 1
    found = {(m.group(1), m["code"]) for m in shaped(result.stderr)}
    assert found == {("error", "D101"), ("error", "D105"), ("note", "D151")}
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == ["good", "w1"]


@pytest.mark.model
def test_eval_prints_json_lines_in_a_pipe_like_every_other_command() -> None:
    folder = shared_path("data", "timeml", "TimeBank")
    files = [str(p) for p in sorted(folder.glob("*.tml"))[:2]]
    result = runner.invoke(app, ["eval", "time", *files, "--errors", "2"])
    assert result.exit_code == 0, result.output
    figures, *misses = [json.loads(line) for line in result.stdout.splitlines()]
    assert "strict_PRF" in figures and len(misses) <= 2

"""Store files: made whole or not at all, by `ingest` only, and never in a file that is not a Dateline store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import POSTGRES_URL, fresh_postgres
from dateline.errors import StoreError
from dateline.store import Store

ROOT = Path(__file__).resolve().parents[1]
MAKE = "import sys; from dateline.store import Store; Store(sys.argv[1]).close(); print('made')"


def making(url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-c", MAKE, url], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_a_store_killed_while_it_is_made_is_there_whole_or_not_at_all(tmp_path: Path) -> None:
    for k in range(6):  # killed at moments spread over the making, from when its schema is begun
        path = tmp_path / f"k{k}.db"
        run = making(str(path))
        while run.poll() is None and not list(tmp_path.glob(f".k{k}.db.*.making")):
            time.sleep(0.005)
        time.sleep(0.15 * k)
        run.send_signal(signal.SIGKILL)
        run.wait()
        if path.exists():
            with Store(str(path), create=False) as store:  # opens: the schema is whole
                assert store.counts()["articles"] == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".db") and p.stat().st_size == 0]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_runs_making_the_same_store_at_once_both_succeed(kind: str, tmp_path: Path) -> None:
    if kind == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("no PostgreSQL server: .ci/run starts one and sets DATELINE_TEST_POSTGRES")
        url = fresh_postgres(POSTGRES_URL)
    else:
        url = str(tmp_path / "together.db")
    runs = [making(url) for _ in range(3)]
    outs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outs]
    with Store(url, create=False) as store:
        assert store.counts()["articles"] == 0
    if kind == "sqlite":
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("together.db")) == []


def test_an_empty_file_is_not_made_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match=r"an empty file \(0 bytes\), not a Dateline store"):
        Store(str(empty))
    assert empty.stat().st_size == 0


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="a folder, not a database file"):
        Store(str(tmp_path))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot make the database here"):  # a file where a folder is wanted
        Store(str(tmp_path / "file" / "inside.db"))


def test_someone_elses_sqlite_file_is_left_as_it_was(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.db"
    with sqlite3.connect(theirs) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('mine')")
    before = theirs.read_bytes()
    for create in (False, True):
        with pytest.raises(StoreError, match="not a Dateline database"):
            Store(str(theirs), create=create)
    assert theirs.read_bytes() == before
    assert sqlite3.connect(theirs).execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert not Path(f"{theirs}-wal").exists()


def test_a_new_store_is_written_ahead_logged(tmp_path: Path) -> None:
    Store(str(tmp_path / "new.db")).close()
    assert [p.name for p in tmp_path.iterdir()] == ["new.db"]  # nothing left of its making
    assert sqlite3.connect(tmp_path / "new.db").execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_timeml_never_writes_through_a_link_nor_replaces_without_force(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.serve.cli import app

    story = tmp_path / "story.txt"
    story.write_text("date 2024-03-14 The council met on Monday.", encoding="utf-8")
    folder, elsewhere = tmp_path / "tml", tmp_path / "elsewhere.txt"
    folder.mkdir()
    elsewhere.write_text("keep me", encoding="utf-8")
    (folder / "story.tml").symlink_to(elsewhere)  # planted where the result would go
    ran = CliRunner().invoke(app, ["extract", str(story), "--jsonl", "--timeml", str(folder)])
    assert ran.exit_code == 1 and elsewhere.read_text(encoding="utf-8") == "keep me"
    assert f"error: {folder / 'story.tml'}: [D600] {folder / 'story.tml'} already exists: pass --force" in ran.stderr
    ran = CliRunner().invoke(app, ["extract", str(story), "--jsonl", "--timeml", str(folder), "--force"])
    assert ran.exit_code == 0 and elsewhere.read_text(encoding="utf-8") == "keep me"
    assert not (folder / "story.tml").is_symlink() and "<TIMEX3" in (folder / "story.tml").read_text(encoding="utf-8")
    ran = CliRunner().invoke(app, ["extract", str(story), "--jsonl", "--timeml", str(story)])
    assert ran.exit_code == 1 and ran.stderr.strip().splitlines() == [
        f"error: {story}: [D600] a file, not a folder: give a folder (or a path with nothing there) to write into"]


def test_export_into_a_file_is_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.serve.cli import app

    Store(str(tmp_path / "s.db")).close()
    (tmp_path / "out").write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    ran = CliRunner().invoke(app, ["export", str(out), "--format", "jsonl", "--db", str(tmp_path / "s.db")])
    assert ran.exit_code == 1 and ran.stderr.strip().splitlines() == [
        f"error: {out}: [D600] a file, not a folder: give a folder (or a path with nothing there) to write into"]


def test_only_ingest_upgrades_an_older_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.serve.cli import app
    from dateline.store.engine import connect, downgrade

    path = tmp_path / "old.db"
    Store(str(path)).close()
    engine = connect(str(path), migrate=False)
    downgrade(engine, "0009")
    engine.dispose()
    before = path.read_bytes()
    ran = CliRunner().invoke(app, ["quotes", "--db", str(path)])
    assert ran.exit_code == 2 and "[D400] at revision 0009, not" in ran.stderr and "an ingest into it" in ran.stderr
    assert path.read_bytes() == before
    Store(str(path)).close()  # what an ingest opens: upgraded
    assert CliRunner().invoke(app, ["quotes", "--db", str(path)]).exit_code == 0

"""Where output goes, run as a user runs the command: in a real process whose standard input, output and error are
each a terminal (a pseudo-terminal) or not, in every combination. Results always reach standard output — a file, a
pipe or a screen alike — and progress only standard error; a pipe closed early (`| head -1`) ends the run quietly."""

from __future__ import annotations

import itertools
import json
import os
import pty
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

SRC = Path(__file__).resolve().parents[1] / "src"
ARTICLES = 12
"""More than the progress bar's `AFTER`, so the bar shows while results are written."""


@dataclass
class Ran:
    status: int
    out: str
    err: str


def _drain(fd: int, into: list[bytes]) -> None:
    """Read `fd` to its end (a pseudo-terminal's end is EIO once the child has gone)."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        into.append(chunk)
    os.close(fd)


def run(args: list[str], *, stdin: bool, stdout: bool, stderr: bool, cwd: Path) -> Ran:
    """`python -m dateline ARGS` with each of its three streams a terminal (True) or not: a pipe for output, an
    empty file for input."""
    ends: dict[str, int] = {}
    child: list[int] = []
    for name, terminal in (("stdout", stdout), ("stderr", stderr)):
        parent_end, child_end = pty.openpty() if terminal else os.pipe()
        ends[name] = parent_end
        child.append(child_end)
    if stdin:
        keyboard, stdin_end = pty.openpty()
    else:
        keyboard, stdin_end = None, os.open(os.devnull, os.O_RDONLY)
    env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm-256color", "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("TTY_COMPATIBLE", None)
    process = subprocess.Popen([sys.executable, "-m", "dateline", *args], stdin=stdin_end, stdout=child[0],
                               stderr=child[1], env=env, cwd=cwd)
    for fd in (*child, stdin_end):
        os.close(fd)
    read: dict[str, list[bytes]] = {"stdout": [], "stderr": []}
    readers = [threading.Thread(target=_drain, args=(ends[name], read[name])) for name in read]
    for reader in readers:
        reader.start()
    status = process.wait(timeout=600)
    for reader in readers:
        reader.join()
    if keyboard is not None:
        os.close(keyboard)
    text = {name: b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n") for name, chunks in read.items()}
    return Ran(status, text["stdout"], text["stderr"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("streams")
    lines = [json.dumps({"id": f"story-{n}", "date": "2024-03-14",
                         "text": f"“The harbor stays open,” Mayor Ana Ortiz said on Monday of pier {n}."})
             for n in range(ARTICLES)]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


COMBINATIONS = list(itertools.product((False, True), repeat=3))


@pytest.mark.parametrize(("stdin", "stdout", "stderr"), COMBINATIONS,
                         ids=["".join(n if on else "-" for n, on in zip("ioe", c, strict=True)) for c in COMBINATIONS])
def test_every_result_reaches_standard_output_whatever_is_a_terminal(corpus: Path, stdin: bool, stdout: bool,
                                                                      stderr: bool) -> None:
    ran = run(["extract", "corpus.jsonl", "--jsonl", "--timeml", "tml", "--force"], stdin=stdin, stdout=stdout,
              stderr=stderr, cwd=corpus)  # --force: each combination writes the same files again
    assert ran.status == 0, ran.err
    printed = [json.loads(line) for line in ran.out.splitlines() if line.startswith("{")]
    assert sorted(r["id"] for r in printed) == sorted(f"story-{n}" for n in range(ARTICLES))
    assert "story-" not in ran.err and '"quotes"' not in ran.err
    assert len(list((corpus / "tml").iterdir())) == ARTICLES


@pytest.mark.parametrize("stderr", [False, True], ids=["pipe", "terminal"])
def test_a_person_at_a_terminal_sees_every_article_with_or_without_the_bar(corpus: Path, stderr: bool) -> None:
    ran = run(["extract", "corpus.jsonl"], stdin=True, stdout=True, stderr=stderr, cwd=corpus)
    assert ran.status == 0, ran.err
    assert ran.out.count("published 2024-03-14") == ARTICLES and "Ana Ortiz" in ran.out
    assert "published" not in ran.err


def pipeline(command: str, cwd: Path) -> tuple[int, str, str]:
    """`command` run by bash with pipefail: the first command's status (PIPESTATUS), what came out, what was said."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("TTY_COMPATIBLE", None)
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}; echo \"status ${{PIPESTATUS[0]}}\" >&2"],
                          capture_output=True, text=True, cwd=cwd, env=env, check=False, timeout=600)
    *said, status = done.stderr.splitlines()
    return int(status.split()[1]), done.stdout, "\n".join(said)


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles enough that extracting them all takes far longer than `head -1` takes to read one line and go."""
    folder = tmp_path_factory.mktemp("pipe")
    lines = [json.dumps({"id": f"story-{n}", "date": "2024-03-14",
                         "text": f"“The harbor stays open,” Mayor Ana Ortiz said on Monday of pier {n}. " * 3})
             for n in range(300)]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_extract_into_head_ends_quietly_at_once_with_the_sigpipe_status(long_corpus: Path) -> None:
    command = f"{sys.executable} -m dateline extract corpus.jsonl --timeml tml | head -1"
    status, out, said = pipeline(command, long_corpus)
    assert json.loads(out)["id"] == "story-0" and out.count("\n") == 1
    assert said == "" and status == 141  # no error line: 128 + SIGPIPE, as a Unix tool the pipe stopped
    assert len(list((long_corpus / "tml").iterdir())) < 300  # it stopped, rather than extracting to the end


def test_quotes_into_head_ends_quietly(long_corpus: Path) -> None:
    db = long_corpus / "news.db"
    ingested = pipeline(f"{sys.executable} -m dateline ingest corpus.jsonl --db {db}", long_corpus)
    assert ingested[0] == 0, ingested
    for reader, lines in (("head -1", 1), ("head -n 0", 0)):
        status, out, said = pipeline(f"{sys.executable} -m dateline quotes --jsonl --db {db} | {reader}", long_corpus)
        assert out.count("\n") == lines and said == "", reader
        assert status == 141, reader  # 300 quotes are more than a pipe holds: the pipe closes under the writer

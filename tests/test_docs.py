"""Every shell command in README.md and docs/*.md runs as written and gives what the page says it gives.

The convention, in every page: shell commands are in ```console blocks, each after a `$ ` prompt, and the lines
under a command (up to the next prompt) are what it prints on a terminal 80 columns wide — standard output and
standard error as they appear there. A line holding only `…` stands for any number of lines left out; a `…`
inside a line for any text (a rate, a time). A command must exit 0, unless the next one is `echo $?`, whose line
is the status it ended with. A block whose info string says `not-run="why"` is not run (it installs packages,
serves forever, or needs a server a test cannot have), and one that says `needs="../shared"` is run only where
the shared data lies beside the project.

Each page runs in a folder of its own, laid out as the project's: a copy of `examples/`, `bench/` beside it,
`../shared` above it where there is one, and `dateline.db`, the store `dateline ingest examples/` makes — except
on a page that runs that command itself (the README's quick start), which starts without a store. A page's
commands run in order, each in `bash` at a pseudo-terminal 80 columns wide, with `dateline` the Dateline under
test and `python` the interpreter running the tests."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import dateline
from conftest import ROOT, SHARED

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.S | re.M)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
KNOWN = {"not-run", "needs"}
MAKES_THE_STORE = "dateline ingest examples/"
TERMINAL = {"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "50", "NO_COLOR": "1"}
TOKEN = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b|[\r\n\t]|[^\x1b\r\n\t]+")
ERASE_LINE = "\x1b[2K"


@dataclass(frozen=True)
class Command:
    page: str
    number: int
    line: str
    shown: tuple[str, ...]
    not_run: str | None
    needs_shared: bool

    @property
    def id(self) -> str:
        return f"{self.page}:{self.number}:{self.line[:60]}"


def blocks(page: Path) -> list[tuple[str, str]]:
    """The fenced blocks of a page: (info string, body)."""
    return [(info.strip(), body) for info, body in FENCE.findall(page.read_text(encoding="utf-8"))]


def commands(page: Path) -> list[Command]:
    """The page's commands in order, each with the output shown under it and how its block is marked."""
    found: list[Command] = []
    name = str(page.relative_to(ROOT))
    for info, body in blocks(page):
        language, _, rest = info.partition(" ")
        if language != "console":
            continue
        marks = dict(ATTRIBUTE.findall(rest))
        assert set(marks) <= KNOWN, f"{name}: unknown mark in ```{info}"
        assert marks.get("needs", "../shared") == "../shared", f"{name}: ```{info}"
        lines = body.rstrip("\n").split("\n")
        assert lines[0].startswith("$ "), f"{name}: a console block starts with a command: {lines[0]!r}"
        current: list[str] = []
        shown: list[str] = []
        for text in [*lines, "$ "]:
            if text.startswith("$ ") or text == "$":
                if current:
                    found.append(Command(name, len(found) + 1, current[0], tuple(shown), marks.get("not-run"),
                                         "needs" in marks))
                current, shown = [text[2:]], []
            else:
                shown.append(text.rstrip())
    return found


ALL = [command for page in PAGES for command in commands(page)]


def screen(raw: str) -> list[str]:
    """What a terminal 80 columns wide shows of `raw`: its lines, as far as the codes in it move the cursor (a
    carriage return, a line moved up to, a line erased, a tab) — what rich's progress bars use; colours and other
    codes are dropped, as are trailing blanks and blank last lines."""
    lines, row, col = [""], 0, 0
    for token in TOKEN.findall(raw):
        if token == "\n":
            row, col = row + 1, 0
            if row == len(lines):
                lines.append("")
        elif token == "\r":
            col = 0
        elif token == "\t":
            col = (col // 8 + 1) * 8
        elif token.startswith("\x1b"):
            if token.endswith("A"):
                row = max(0, row - int(token[2:-1] or 1))
            elif token == ERASE_LINE:
                lines[row] = ""
        else:
            line = lines[row].ljust(col)
            lines[row] = line[:col] + token + line[col + len(token):]
            col += len(token)
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def pattern(shown: str) -> re.Pattern[str]:
    """A line as the page shows it, with `…` standing for any text."""
    return re.compile(".*".join(re.escape(part) for part in shown.split("…")) + r"\Z", re.S)


def matches(shown: tuple[str, ...], printed: list[str]) -> bool:
    """Whether the lines shown are the lines printed: one for one, but where a line of `…` alone stands for any
    number of lines."""
    if not shown:
        return not printed
    head, rest = shown[0], shown[1:]
    if head == "…":
        return any(matches(rest, printed[k:]) for k in range(len(printed) + 1))
    return bool(printed) and pattern(head).match(printed[0]) is not None and matches(rest, printed[1:])


def in_a_terminal(line: str, folder: Path, env: dict[str, str], timeout: float = 900) -> tuple[int, str]:
    """Run a command line in `bash` as a person at a terminal 80 columns wide does: its standard output and error
    a pseudo-terminal (so a pipe inside the line is a pipe, as in a shell), its input nothing. The status, and what
    the terminal was sent."""
    main, sub = pty.openpty()
    fcntl.ioctl(sub, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    process = subprocess.Popen(["bash", "-c", line], cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=sub,
                               stderr=sub, start_new_session=True)
    os.close(sub)
    got = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while select.select([main], [], [], max(0.0, deadline - time.monotonic()))[0]:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: every process that wrote to the terminal has ended
                break
            if not chunk:
                break
            got += chunk
    finally:
        os.close(main)
    if process.poll() is None and time.monotonic() >= deadline:
        process.kill()
    return process.wait(timeout=60), got.decode("utf-8", "replace")


@dataclass
class Ran:
    status: int
    printed: list[str]


def shims(folder: Path) -> Path:
    """`dateline` and `python` as the page's commands run them: the console script pip writes, and the interpreter,
    of this test run."""
    folder.mkdir()
    scripts = {"dateline": f"#!{sys.executable}\nimport sys\nfrom dateline.serve.cli import main\nsys.exit(main())\n",
               "python": f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n'}
    for name, text in scripts.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / name).chmod(0o755)
    (folder / "python3").symlink_to(folder / "python")
    return folder


def environment(bin_folder: Path) -> dict[str, str]:
    """This process's environment for a page's commands: the shims first on PATH, the Dateline under test first on
    PYTHONPATH (a relative entry would not hold in another folder), no store named, a terminal's settings."""
    env = {k: v for k, v in os.environ.items() if k != "DATELINE_DB" and not k.startswith("PYTEST")}
    env["PATH"] = os.pathsep.join([str(bin_folder), str(Path(sys.executable).parent), env.get("PATH", "")])
    paths = [Path(dateline.__file__).resolve().parents[1], *(Path(p).resolve() for p in
                                                             env.get("PYTHONPATH", "").split(os.pathsep) if p)]
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in paths)
    return {**env, **TERMINAL}


class Pages:
    """Each page's commands, run once, in order, in a folder of the page's own: what each printed, and its status.
    The folders start from one made once: `examples/` copied and the store `dateline ingest examples/` makes."""

    def __init__(self, tmp: pytest.TempPathFactory) -> None:
        self.tmp = tmp
        self.env = environment(shims(tmp.mktemp("docs") / "bin"))
        self.template = tmp.mktemp("template")
        shutil.copytree(ROOT / "examples", self.template / "examples")
        status, printed = in_a_terminal(MAKES_THE_STORE, self.template, self.env)
        assert status == 0 and (self.template / "dateline.db").exists(), printed
        self.ran: dict[str, dict[int, Ran]] = {}

    def __call__(self, page: str) -> dict[int, Ran]:
        if page not in self.ran:
            self.ran[page] = self.run(page)
        return self.ran[page]

    def run(self, page: str) -> dict[int, Ran]:
        base = self.tmp.mktemp("page")
        project = base / "dateline"
        shutil.copytree(self.template / "examples", project / "examples")
        (project / "bench").symlink_to(ROOT / "bench", target_is_directory=True)
        if SHARED.exists():
            (base / "shared").symlink_to(SHARED, target_is_directory=True)
        mine = [c for c in ALL if c.page == page]
        if not any(c.line == MAKES_THE_STORE and c.not_run is None for c in mine):
            shutil.copy(self.template / "dateline.db", project / "dateline.db")
        results: dict[int, Ran] = {}
        last: Ran | None = None
        for command in mine:
            if command.not_run is not None or (command.needs_shared and not SHARED.exists()):
                continue
            if command.line == "echo $?":
                assert last is not None, f"{command.id}: `echo $?` after no command"
                results[command.number] = Ran(0, [str(last.status)])
                continue
            status, printed = in_a_terminal(command.line, project, self.env)
            last = results[command.number] = Ran(status, screen(printed))
        return results


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    return Pages(tmp_path_factory)


@pytest.mark.model
@pytest.mark.parametrize("command", ALL, ids=[c.id for c in ALL])
def test_a_documented_command_gives_what_the_page_shows(command: Command, pages: Pages) -> None:
    if command.not_run is not None:
        pytest.skip(f"not run: {command.not_run}")
    if command.needs_shared and not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the shared data lives beside the project as ../shared")
    ran = pages(command.page)[command.number]
    following = [c for c in ALL if c.page == command.page and c.number == command.number + 1]
    checked_later = bool(following) and following[0].line == "echo $?"
    printed = "\n".join(ran.printed)
    assert ran.status == 0 or checked_later, f"`{command.line}` exited {ran.status}:\n{printed}"
    assert matches(command.shown, ran.printed), (f"`{command.line}` printed:\n{printed}\n\n"
                                                 f"where {command.page} shows:\n" + "\n".join(command.shown))


def test_every_shell_command_is_in_a_console_block() -> None:
    """No other way of showing a command, so none escapes the test above; every fence says what it holds."""
    for page in PAGES:
        for info, body in blocks(page):
            language = info.partition(" ")[0]
            assert language, f"{page.name}: a fence without a language:\n{body[:200]}"
            assert language not in {"bash", "sh", "shell", "zsh", "shell-session"}, f"{page.name}: ```{info}"
            if language != "console":
                assert not re.search(r"^\$ ", body, re.M), f"{page.name}: a prompt outside ```console:\n{body}"


def test_the_commands_run_are_most_of_them() -> None:
    """Few commands go untested, and each says why."""
    skipped = [c for c in ALL if c.not_run is not None]
    assert all(c.not_run.strip() for c in skipped)
    assert len(ALL) >= 40 and len(skipped) <= len(ALL) // 4, (len(ALL), len(skipped))


def test_the_readme_is_short_and_links_every_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 200
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in readme, f"the README does not link docs/{page.name}"


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", page.read_text(encoding="utf-8")), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_every_relative_link_leads_to_a_file_and_a_heading() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for path, anchor, source in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)|src=\"([^\"]+)\"", text):
            target = path or source
            if "://" in target or target.startswith("mailto:"):
                continue
            linked = (page.parent / target).resolve() if target else page
            assert linked.exists(), f"{page.name} links {target}, which is not there"
            if anchor:
                assert anchor in anchors(linked), f"{page.name} links {target}#{anchor}: no such heading"


def test_the_errors_page_lists_every_code_with_its_status_and_meaning() -> None:
    """docs/errors.md's table is `dateline.errors.MEANINGS`, row for row: a code added, or a meaning or a status
    changed, fails here with the row to write."""
    from dateline.errors import MEANINGS

    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    rows = {code: (int(status), meaning.strip()) for code, status, meaning in
            re.findall(r"^\| (D\d{3}) \| (\d+) \| ([^|]*) \|", page, flags=re.M)}
    wanted = {code.value: (meaning.status, meaning.what) for code, meaning in MEANINGS.items()}
    for code, (status, what) in wanted.items():
        assert rows.get(code) == (status, what), f"docs/errors.md wants the row: | {code} | {status} | {what} | … |"
    assert set(rows) == set(wanted), f"docs/errors.md lists codes Dateline does not have: {set(rows) - set(wanted)}"

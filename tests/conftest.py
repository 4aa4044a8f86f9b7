"""Shared fixtures: one English pipeline per test session, and the path to ../shared."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

import dateline
from dateline.pipeline import extract
from dateline.records import Result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file in ../shared, or a skip naming what is missing (CI always has it)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data lives beside the project as ../shared")
    return path


@pytest.fixture(scope="session")
def nlp() -> Language:
    return dateline.nlp()


def _runner(nlp: Language) -> Callable[..., Result]:
    def _run(text: str, published: str = "2024-03-14") -> Result:
        return extract(text, date.fromisoformat(published), nlp=nlp)

    return _run


@pytest.fixture(scope="session")
def run(nlp: Language) -> Callable[..., Result]:
    """Extract from a text written in the test, published on a given day (default 2024-03-14, a Thursday)."""
    return _runner(nlp)


@pytest.fixture(scope="session")
def run_rules() -> Callable[..., Result]:
    """`run` with the rules alone (`--rules-only`): for tests that pin one construction of the rules."""
    return _runner(dateline.nlp(attribution=None))


def terminal(width: int = 80) -> dict[str, str]:
    """The environment of a person's terminal `width` columns wide, for `CliRunner.invoke(env=...)`: rich takes
    the output for a terminal (TTY_COMPATIBLE) without colours (NO_COLOR); `unstyled` takes off its bold."""
    return {"TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "COLUMNS": str(width), "NO_COLOR": "1"}


STYLE = re.compile(r"\x1b\[[0-9;]*m")


def unstyled(printed: str) -> str:
    """What a terminal shows of `printed`: the text without rich's style codes (bold, dim, underline) — and
    nothing else taken away, so an escape sequence of any other kind is still there to be seen."""
    return STYLE.sub("", printed)


POSTGRES_URL = os.environ.get("DATELINE_TEST_POSTGRES")


def fresh_postgres(url: str) -> str:
    """An empty schema-free database at `url`: every Dateline table dropped."""
    from sqlalchemy import create_engine, text

    from dateline.store import database_url

    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store: a SQLite file, and a PostgreSQL database when .ci/run started a server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dateline.db'}"
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: .ci/run starts one and sets DATELINE_TEST_POSTGRES "
                    "(locally: export DATELINE_TEST_POSTGRES=$(bash .ci/postgres))")
    return fresh_postgres(POSTGRES_URL)

"""Opening a store: a database URL to a SQLAlchemy engine whose schema is migrated to the newest revision.

A plain path or a ``sqlite:///`` URL is a SQLite file (written ahead-logged, so a reader never blocks the
writer and a killed writer loses only its open batch); ``postgresql://`` goes through psycopg 3.

A store is made whole or not at all. A new SQLite store is built beside its path under a hidden name and linked
into place only when its schema is complete (`os.link`, which never replaces a file): a kill at any moment leaves
no store or a whole one, and of two runs making the same store at once, the second finds the first's and opens it.
On PostgreSQL the migrations run in one transaction, one run at a time (an advisory lock). Nothing is changed in a
file that is not a Dateline store: it is not migrated, nor switched to write-ahead logging, and an empty file (0
bytes) is not made into a store.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from dateline.errors import StoreError, require

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_URL = "sqlite:///dateline.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(value: str) -> str:
    """A SQLAlchemy URL from what a user types: ``corpus.db``, ``sqlite:///corpus.db``, ``postgresql://…``."""
    if "://" not in value:
        return f"sqlite:///{value}"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """What each connection to a SQLite store sets for itself. Write-ahead logging is set once, in the file, as a
    store is made (`_make_sqlite`), so opening someone else's database never switches it."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def connect(url: str = DEFAULT_URL, *, migrate: bool = True, create: bool = True,
            read_only: bool = False) -> Engine:
    """An engine on the store at `url`, its schema brought up to date unless `migrate` is false. A SQLite file
    that does not exist yet is made only where `create` is true (`ingest`); a question asked of a mistyped path is
    an error, not an empty answer. A `read_only` engine changes nothing, the schema included: it must be current."""
    if database_url(url).startswith("postgresql"):
        require("psycopg", "a PostgreSQL database")
    try:
        engine = create_engine(database_url(url), future=True)
    except (ArgumentError, ImportError) as err:
        raise StoreError(f"not a database URL Dateline can use ({err}): give a SQLite file or a postgresql:// URL",
                         where=_masked(url)) from None
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if path and path != ":memory:":
            _check_file(Path(path))
        if (not create or read_only) and path and path != ":memory:" and not Path(path).exists():
            raise StoreError("no database here: give --db (or DATELINE_DB), or make one with `dateline ingest`",
                             where=path)
        if create and not read_only and migrate and path and path != ":memory:" and not Path(path).exists():
            _make_sqlite(Path(path))
        if read_only:
            engine.dispose()
            uri = f"file:{Path(path or '').resolve()}?mode=ro"
            engine = create_engine(f"sqlite:///{path}", creator=lambda: sqlite3.connect(uri, uri=True,
                                                                                check_same_thread=False))
            event.listen(engine, "connect", _sqlite_read_pragmas)
        else:
            event.listen(engine, "connect", _sqlite_pragmas)
    elif read_only:
        engine.dispose()
        engine = create_engine(database_url(url), future=True,
                               connect_args={"options": "-c default_transaction_read_only=on"})
    if read_only:
        require_current(engine)
    elif migrate:
        upgrade(engine)
    return engine


def _check_file(path: Path) -> None:
    """A `StoreError` for a path that cannot be a SQLite store: a folder, or an empty file (which SQLite would take
    for a new database, and make into a store)."""
    if path.is_dir():
        raise StoreError("a folder, not a database file: give --db a file", where=str(path))
    try:
        empty = path.is_file() and path.stat().st_size == 0
    except OSError:
        return
    if empty:
        raise StoreError("an empty file (0 bytes), not a Dateline store: give --db a store `dateline ingest` made, or "
                         "a path with no file there", where=str(path))


def _make_sqlite(path: Path) -> None:
    """A new store at `path`, made whole under a hidden name in the same folder and linked into place: at no moment
    is a partial store at `path`. If another run linked its store there first, that one stands and this is
    dropped."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".making", dir=path.parent)
    except OSError as err:
        raise StoreError(f"cannot make the database here ({err.strerror or err}): check the folder exists and is "
                         "writable", where=str(path)) from None
    os.close(handle)
    making = Path(name)
    engine = create_engine(f"sqlite:///{making}", future=True)
    event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")  # kept in the file: the store's, for good
        upgrade(engine)
        engine.dispose()  # the last connection closed: the log is folded into the file
        try:
            os.link(making, path)  # never replaces: a store another run made first stands
        except FileExistsError:
            pass
        except OSError as err:
            raise StoreError(f"cannot make the database here ({err.strerror or err}): check the folder is writable",
                             where=str(path)) from None
    finally:
        engine.dispose()
        for leftover in (making, Path(f"{making}-wal"), Path(f"{making}-shm")):
            leftover.unlink(missing_ok=True)


READ_MMAP = 0x7FFF0000
"""How much of a SQLite store a read-only connection maps into memory (up to 2 GiB, SQLite's ceiling; address space,
shared with every other connection and process through the page cache): pages are read in place instead of copied
by a call each, a third off a search on a store of a million quotes (`bench/serve_load.py`)."""


def _sqlite_read_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA mmap_size={READ_MMAP}")
    cursor.close()


def require_current(engine: Engine) -> None:
    """A store opened read-only must already be at the newest revision (nothing may migrate it)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if "alembic_version" not in tables:
                raise StoreError("not a Dateline database: give --db a store `dateline ingest` made",
                                 where=printable(engine))
            current = connection.scalar(text("SELECT version_num FROM alembic_version"))
    except DBAPIError as err:
        reason = " ".join(str(err.orig).split())
        raise StoreError(f"cannot open the database ({reason}): check --db", where=printable(engine)) from None
    if current != head:
        raise StoreError(f"at revision {current}, not {head}: an ingest into it upgrades it (`dateline ingest`, or "
                         "`dateline.Store(URL)` in Python)", where=printable(engine))


MIGRATION_LOCK = 0x44617465  # "Date"
"""The PostgreSQL advisory lock a migration holds, so that two runs making one store take turns."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run every migration the store has not had yet (none, when it is current), up to `revision`."""
    from alembic import command

    config = _config()
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":  # one run migrates at a time; the next finds it done
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            tables = set(inspect(connection).get_table_names())
            if tables and "alembic_version" not in tables:  # someone else's database: leave it as it is
                raise StoreError(f"not a Dateline database (it holds other tables: {', '.join(sorted(tables)[:3])}):"
                                 " give --db a store `dateline ingest` made, or a new file", where=printable(engine))
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except DBAPIError as err:  # not a database at all, unreachable, refused: one line, never a traceback
        reason = " ".join(str(err.orig).split())
        raise StoreError(f"cannot open the database ({reason}): check --db", where=printable(engine)) from None


def downgrade(engine: Engine, revision: str) -> None:
    """Take the store back to an earlier `revision` ("base" for none): for going back to an older Dateline. A
    revision that folded records together cannot part them again, so a downgrade may drop what no longer fits
    (each revision's `downgrade` says what)."""
    from alembic import command

    with engine.begin() as connection:
        config = _config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def printable(engine: Engine) -> str:
    """The engine's database URL fit to print: its password hidden."""
    return engine.url.render_as_string(hide_password=True)


def _masked(url: str) -> str:
    """A database URL fit to print: its password hidden."""
    try:
        return make_url(database_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1] if "@" in url else url

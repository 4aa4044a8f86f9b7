"""Migrations that last: every revision is written out, so a fresh store, an old store and a downgraded store all
end up where `schema.py` says — and the check that says so fails when they do not."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from dateline.store import Store
from dateline.store.engine import connect, downgrade, upgrade
from dateline.store.schema import metadata

SEARCH_OBJECTS = ("_fts", "tsv", "_trgm")  # full-text and name search, which the migrations add outside schema.py


def differences(engine: Engine) -> list[object]:
    """What the migrated database has that `schema.py` does not, or lacks that it has."""
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    return [d for d in diff if not any(name in repr(d) for name in SEARCH_OBJECTS)]


def tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def store_from_revision_0001(db_url: str) -> Engine:
    """A store as the first Dateline made it, holding three articles with a quote each, the third a later dated
    copy of the first's text."""
    engine = connect(db_url, migrate=False)
    upgrade(engine, "0001")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for key, day, body in (("k1", "2024-03-14", "“The harbor is open,” Reyes said."),
                               ("k2", "2024-03-15", "“Taxes fall,” Cho said."),
                               ("k3", "2024-03-16", "“The harbor is open,” Reyes said.")):
            connection.execute(text("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
                                    "VALUES (:k, :i, NULL, NULL, :p, 'corpus/a.txt', :t, :n)"),
                               {"k": key, "i": key, "p": date.fromisoformat(day), "t": body, "n": now})
            connection.execute(text("INSERT INTO quotes (article, n, text, start, \"end\", kind, act, speaker, spans, "
                                    "said) VALUES (:k, 0, :q, 1, 5, 'direct', 'statement', 'X', '[]', :p)"),
                               {"k": key, "q": body.split("”")[0][1:], "p": date.fromisoformat(day)})
    return engine


def test_a_fresh_store_migrates_to_the_schema(db_url: str) -> None:
    engine = connect(db_url)
    assert differences(engine) == []
    assert {"articles", "quotes", "people", "persons", "organizations"} <= tables(engine)


def test_the_schema_check_fails_when_a_table_differs(db_url: str) -> None:
    engine = connect(db_url)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE quotes ADD COLUMN stray TEXT"))
    found = differences(engine)
    assert [d[0] for d in found] == ["remove_column"]  # there in the database, not in schema.py: "remove" it
    assert "stray" in repr(found)


def test_a_store_from_the_first_revision_comes_to_the_newest_with_its_records(db_url: str) -> None:
    engine = store_from_revision_0001(db_url)
    engine.dispose()
    store = Store(db_url)  # opening migrates to the newest revision
    assert differences(store.engine) == []
    assert sorted(q["text"] for q in store.rows("quotes")) == ["Taxes fall,", "The harbor is open,",
                                                               "The harbor is open,"]
    assert len(list(store.rows("articles"))) == 3  # two dated copies of one text are two articles now
    assert {(q["found_by"], q["confidence"]) for q in store.rows("quotes")} == {(None, None)}  # not kept then
    assert [q["text"] for q in store.quotes(search="taxes")] == ["Taxes fall,"]


def test_every_revision_goes_back_down_to_nothing_and_up_again(db_url: str) -> None:
    """Down to the first revision, where keys were text and URL alone: the later dated copy cannot be kept apart and
    is dropped, as revision 0002's downgrade says; everything else comes back as it was."""
    engine = store_from_revision_0001(db_url)
    upgrade(engine)
    downgrade(engine, "0001")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT a.id, q.text FROM articles a JOIN quotes q ON q.article = a.key "
                                       "ORDER BY a.id")).all()
    assert [tuple(r) for r in rows] == [("k1", "The harbor is open,"), ("k2", "Taxes fall,")]
    downgrade(engine, "base")
    assert tables(engine) == set()
    upgrade(engine)
    assert differences(engine) == []


def test_names_are_indexed_by_their_trigrams(db_url: str) -> None:
    """A part of a name finds its forms by an index of trigrams (revision 0009), not by reading every name: FTS5's
    trigram table on SQLite, pg_trgm's GIN index on PostgreSQL (which CI's server offers)."""
    engine = connect(db_url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            found = connection.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'names_fts'"))
        else:
            found = connection.scalar(text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_names_trgm'"))
    assert found == 1

"""What makes a page of a speaker's newest quotes, or of a search's, quick on a large store.

``quotes`` are indexed on (speaker_entity, said) and (speaker, said) instead of the speaker alone, so a person's
newest quotes are read from the end of an index range rather than found among all of theirs and sorted; and on
(id, said, quote), so the day and the quote of each occurrence a search matches are read from a small index instead
of the occurrence's row.

Every form of a name is indexed by its trigrams, so that a part of a name ("Trump") finds its forms without reading
each of the tens of thousands a large corpus holds (17 ms → 0.4 ms on SQLite, 22 → 0.8 ms on PostgreSQL, for
64,553 names): on SQLite ``names_fts`` (FTS5's ``trigram`` tokenizer, kept in step by triggers), which the queries
look in first; on PostgreSQL a GIN index of pg_trgm, which ILIKE uses by itself. pg_trgm ships with PostgreSQL and
is trusted (a database's owner may create it); where it cannot be had, the names are read one by one as before.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NAMES = "CREATE VIRTUAL TABLE names_fts USING fts5(name, content=\"names\", tokenize='trigram')"
TRIGGERS = (
    "CREATE TRIGGER names_fts_insert AFTER INSERT ON names BEGIN "
    "INSERT INTO names_fts(rowid, name) VALUES (new.rowid, new.name); END",
    "CREATE TRIGGER names_fts_delete AFTER DELETE ON names BEGIN "
    "INSERT INTO names_fts(names_fts, rowid, name) VALUES ('delete', old.rowid, old.name); END",
    "CREATE TRIGGER names_fts_update AFTER UPDATE OF name ON names BEGIN "
    "INSERT INTO names_fts(names_fts, rowid, name) VALUES ('delete', old.rowid, old.name); "
    "INSERT INTO names_fts(rowid, name) VALUES (new.rowid, new.name); END",
)


def upgrade() -> None:
    op.drop_index("ix_quotes_speaker", "quotes")
    op.drop_index("ix_quotes_speaker_entity", "quotes")
    op.create_index("ix_quotes_speaker_said", "quotes", ["speaker", "said"])
    op.create_index("ix_quotes_speaker_entity_said", "quotes", ["speaker_entity", "said"])
    op.create_index("ix_quotes_id_said_quote", "quotes", ["id", "said", "quote"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(NAMES)
        for trigger in TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO names_fts(names_fts) VALUES ('rebuild')")
    else:
        _trigrams_on_postgres()


def _trigrams_on_postgres() -> None:
    """The GIN index of pg_trgm on the names, in a savepoint: a server that refuses the extension leaves the
    migration going, without the index."""
    savepoint = op.get_bind().begin_nested()
    try:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_names_trgm ON names USING gin (name gin_trgm_ops)")
    except DBAPIError:
        savepoint.rollback()
    else:
        savepoint.commit()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("names_fts_update", "names_fts_delete", "names_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS names_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_names_trgm")
    op.drop_index("ix_quotes_id_said_quote", "quotes")
    op.drop_index("ix_quotes_speaker_entity_said", "quotes")
    op.drop_index("ix_quotes_speaker_said", "quotes")
    op.create_index("ix_quotes_speaker_entity", "quotes", ["speaker_entity"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])

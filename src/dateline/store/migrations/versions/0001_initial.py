"""The first schema: articles, people and their mentions, quotes, times, organizations and places, events; and
full-text search over quotes (FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

from dateline.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The first revision builds the tables from `schema.py` as it stands; every later change to `schema.py` comes
# with a revision of its own that alters them (tests/test_store.py checks the two agree).


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', "
                   "tokenize='porter unicode61')")
        op.execute("CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
                   "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END")
        op.execute("CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
                   "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END")
    elif bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE quotes ADD COLUMN tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED")
        op.execute("CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    metadata.drop_all(bind)

"""The first schema: articles, people and their mentions, quotes, times, organizations and places, events; and
full-text search over quotes (FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The tables as they were at this revision, written out: a revision never reads `schema.py`, which describes the
# newest schema, so that every later revision alters exactly what this one made (tests/test_store.py checks that
# the migrated database and `schema.py` agree).


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "articles",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_articles_id", "articles", ["id"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "people",
        sa.Column("article", sa.String(40), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False),
        sa.Column("person", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
    )
    op.create_index("ix_people_article", "people", ["article", "person"], unique=True)
    op.create_index("ix_people_name", "people", ["name"])
    op.create_table(
        "mentions",
        sa.Column("article", sa.String(40), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False),
        sa.Column("person", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_mentions_article", "mentions", ["article", "person"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article", sa.String(40), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("act", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text()),
        sa.Column("speaker_person", sa.String(32)),
        sa.Column("speaker_text", sa.Text()),
        sa.Column("speaker_start", sa.Integer()),
        sa.Column("speaker_end", sa.Integer()),
        sa.Column("cue", sa.Text()),
        sa.Column("cue_start", sa.Integer()),
        sa.Column("cue_end", sa.Integer()),
        sa.Column("addressee", sa.Text()),
        sa.Column("addressee_start", sa.Integer()),
        sa.Column("addressee_end", sa.Integer()),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("said", sa.Date(), nullable=False),
    )
    op.create_index("ix_quotes_article", "quotes", ["article", "n"], unique=True)
    op.create_index("ix_quotes_said", "quotes", ["said"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])
    op.create_table(
        "times",
        sa.Column("article", sa.String(40), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.String(64), nullable=False),
    )
    op.create_index("ix_times_article", "times", ["article", "n"], unique=True)
    op.create_table(
        "entities",
        sa.Column("article", sa.String(40), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
    )
    op.create_index("ix_entities_article", "entities", ["article"])
    op.create_table(
        "events",
        sa.Column("article", sa.String(40), sa.ForeignKey("articles.key", ondelete="CASCADE"), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("place", sa.Text()),
        sa.Column("time", sa.String(64)),
        sa.Column("also_present", sa.JSON(), nullable=False),
    )
    op.create_index("ix_events_article", "events", ["article", "n"], unique=True)
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
    for table in ("events", "entities", "times", "quotes", "mentions", "people", "articles"):
        op.drop_table(table)

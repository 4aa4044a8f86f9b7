"""Full-text search the way the tools around SQLite find it, and over article text too.

On SQLite, the quotes' FTS5 table is declared again with ``content="quotes"`` — the form Datasette and sqlite-utils
look for to offer a search box and ``?_search=`` — and gains an update trigger (on the words only, so linking a
quote to others costs nothing); ``articles_fts`` indexes each article's title and text the same way, on the
articles' rowid. Both are filled from what is stored. On PostgreSQL, articles gain a generated ``tsv`` column of
their title and text with a GIN index, as quotes have had.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

QUOTES = ("CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content=\"quotes\", content_rowid=\"id\", "
          "tokenize='porter unicode61')")
ARTICLES = ("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content=\"articles\", "
            "tokenize='porter unicode61')")
TRIGGERS = (
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS quotes_fts_insert")
        op.execute("DROP TRIGGER IF EXISTS quotes_fts_delete")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
        op.execute(QUOTES)
        op.execute(ARTICLES)
        for trigger in TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
        op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    elif bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('english', left(coalesce(title, '') || ' ' || text, 250000))) STORED")
        op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("articles_fts_update", "articles_fts_delete", "articles_fts_insert", "quotes_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_tsv")
        op.execute("ALTER TABLE articles DROP COLUMN tsv")

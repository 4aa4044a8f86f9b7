"""Article keys that include the publication date and the id the source gave: two dated copies of one text are two
articles. Adds ``articles.given_id`` and re-keys every stored article and its records.

An article stored before this revision does not say whether its id was given by its source. One read from a line of
a JSON Lines file (its source ends in ``:N``) whose id is not the hash Dateline makes for an article without one
had its id given; any other (a file's name, a WARC record, a made-up hash) had none.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import hashlib
import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CHILDREN = ("people", "mentions", "quotes", "times", "entities", "events")
CHUNK = 1000


def _key(published: str, given_id: str | None, url: str | None, text: str) -> str:
    return hashlib.sha1(f"{published}\n{given_id or ''}\n{url or ''}\n{text}".encode()).hexdigest()


def _made_up(identifier: str, url: str | None, text: str) -> bool:
    """Whether an id is one Dateline made from an article's text (and URL), as `read.fields.content_id` does."""
    return identifier in {hashlib.sha1(text.encode()).hexdigest()[:16],
                          hashlib.sha1(f"{url}\n{text}".encode()).hexdigest()[:16]}


def upgrade() -> None:
    op.add_column("articles", sa.Column("given_id", sa.Text()))
    bind = op.get_bind()
    op.create_table("rekey_0002", sa.Column("old", sa.String(40), primary_key=True),
                    sa.Column("new", sa.String(40), nullable=False), sa.Column("given_id", sa.Text()))
    rekey = sa.table("rekey_0002", sa.column("old"), sa.column("new"), sa.column("given_id"))
    rows = bind.execute(sa.text("SELECT key, id, url, published, source, text FROM articles"))
    while batch := rows.fetchmany(CHUNK):
        mapping = []
        for key, identifier, url, published, source, text in batch:
            from_a_line = bool(re.search(r":\d+$", source or ""))
            given = identifier if from_a_line and not _made_up(identifier, url, text) else None
            day = published.isoformat() if hasattr(published, "isoformat") else str(published)
            mapping.append({"old": key, "new": _key(day, given, url, text), "given_id": given})
        bind.execute(sa.insert(rekey), mapping)
    # each article copied under its new key, its records moved to it, then the old row removed
    op.execute("INSERT INTO articles (key, id, given_id, url, title, published, source, text, ingested) "
               "SELECT r.new, a.id, r.given_id, a.url, a.title, a.published, a.source, a.text, a.ingested "
               "FROM articles a JOIN rekey_0002 r ON a.key = r.old")
    for table in CHILDREN:
        op.execute(f"UPDATE {table} SET article = (SELECT r.new FROM rekey_0002 r WHERE r.old = {table}.article) "
                   f"WHERE article IN (SELECT old FROM rekey_0002)")
    op.execute("DELETE FROM articles WHERE key IN (SELECT old FROM rekey_0002)")
    op.drop_table("rekey_0002")


def downgrade() -> None:
    """Back to keys of URL and text alone. Two dated copies of one text then share a key: the first published is
    kept and the later copies, with their records, are dropped (nothing else is lost)."""
    bind = op.get_bind()
    op.create_table("rekey_0002", sa.Column("old", sa.String(40), primary_key=True),
                    sa.Column("new", sa.String(40), nullable=False), sa.Column("keep", sa.Boolean(), nullable=False))
    rekey = sa.table("rekey_0002", sa.column("old"), sa.column("new"), sa.column("keep"))
    rows = bind.execute(sa.text("SELECT key, url, text FROM articles ORDER BY published, key"))
    seen: set[str] = set()
    while batch := rows.fetchmany(CHUNK):
        mapping = []
        for key, url, text in batch:
            new = hashlib.sha1(f"{url or ''}\n{text}".encode()).hexdigest()
            mapping.append({"old": key, "new": new, "keep": new not in seen})
            seen.add(new)
        bind.execute(sa.insert(rekey), mapping)
    dropped = "SELECT old FROM rekey_0002 WHERE NOT keep"
    for table in CHILDREN:
        op.execute(f"DELETE FROM {table} WHERE article IN ({dropped})")
    op.execute(f"DELETE FROM articles WHERE key IN ({dropped})")
    op.execute("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
               "SELECT r.new, a.id, a.url, a.title, a.published, a.source, a.text, a.ingested "
               "FROM articles a JOIN rekey_0002 r ON a.key = r.old")
    for table in CHILDREN:
        op.execute(f"UPDATE {table} SET article = (SELECT r.new FROM rekey_0002 r WHERE r.old = {table}.article) "
                   f"WHERE article IN (SELECT old FROM rekey_0002)")
    op.execute("DELETE FROM articles WHERE key IN (SELECT old FROM rekey_0002)")
    op.drop_table("rekey_0002")
    op.drop_column("articles", "given_id")  # ALTER TABLE … DROP COLUMN: the table is not rebuilt, its rows stay

"""What makes a page of a speaker's newest quotes, or of a search's, quick on a large store.

``quotes`` are indexed on (speaker_entity, said) and (speaker, said) instead of the speaker alone, so a person's
newest quotes are read from the end of an index range rather than found among all of theirs and sorted; and on
(id, said), so the day of each quote a search matches is read from a small index instead of the quote's row.

On SQLite, ``names_fts`` indexes every form of a name by its trigrams (FTS5's ``trigram`` tokenizer, kept in step
by triggers), so that a part of a name ("Trump") finds its forms without reading each of the tens of thousands a
large corpus holds; PostgreSQL reads them as before.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

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
    op.create_index("ix_quotes_id_said", "quotes", ["id", "said"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(NAMES)
        for trigger in TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO names_fts(names_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("names_fts_update", "names_fts_delete", "names_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS names_fts")
    op.drop_index("ix_quotes_id_said", "quotes")
    op.drop_index("ix_quotes_speaker_entity_said", "quotes")
    op.drop_index("ix_quotes_speaker_said", "quotes")
    op.create_index("ix_quotes_speaker_entity", "quotes", ["speaker_entity"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])

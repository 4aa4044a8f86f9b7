"""What makes corpus questions quick on a large store: ``quotes.speaker_entity`` (the speaker's person, kept on the
quote), ``names`` (every form a person was named by, and every speaker no person was resolved to) and
``quote_stats`` (each quote's first appearance and number of occurrences), filled from what is stored.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("speaker_entity", sa.String(16)))
    op.execute("UPDATE quotes SET speaker_entity = (SELECT people.entity FROM people WHERE people.article = "
               "quotes.article AND people.person = quotes.speaker_person)")
    op.create_index("ix_quotes_speaker_entity", "quotes", ["speaker_entity"])
    op.create_index("ix_quotes_act", "quotes", ["act"])
    op.create_index("ix_quotes_quote_act", "quotes", ["quote", "act"])
    op.create_table("quote_stats", sa.Column("quote", sa.String(16), primary_key=True),
                    sa.Column("first_seen", sa.Date(), nullable=False),
                    sa.Column("occurrences", sa.Integer(), nullable=False))
    op.execute("INSERT INTO quote_stats (quote, first_seen, occurrences) SELECT quotes.quote, min(articles.published), "
               "count(*) FROM quotes JOIN articles ON articles.key = quotes.article GROUP BY quotes.quote")
    op.create_index("ix_quote_stats_first_seen", "quote_stats", ["first_seen", "quote"])
    op.create_table("names", sa.Column("name", sa.Text(), primary_key=True),
                    sa.Column("entity", sa.String(16), primary_key=True))
    op.execute("INSERT INTO names (name, entity) SELECT name, entity FROM people WHERE entity IS NOT NULL UNION "
               "SELECT speaker, '' FROM quotes WHERE speaker IS NOT NULL AND speaker_entity IS NULL")


def downgrade() -> None:
    op.drop_table("names")
    op.drop_table("quote_stats")
    op.drop_index("ix_quotes_quote_act", "quotes")
    op.drop_index("ix_quotes_act", "quotes")
    op.drop_index("ix_quotes_speaker_entity", "quotes")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("speaker_entity")

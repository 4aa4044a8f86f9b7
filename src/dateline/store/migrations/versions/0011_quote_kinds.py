"""What kind of attribution each quote is: ``quotes.source_kind`` (who or what the source is: person,
organization, document, other) and ``quotes.within`` (the `n` of the quote in the same article whose words report
this one, for a quote nested in another) and ``quotes.annotated`` (the source, cue and content as annotated corpora
bound them). Quotes stored before keep all three null.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("source_kind", sa.String(16)))
    op.add_column("quotes", sa.Column("within", sa.Integer()))
    op.add_column("quotes", sa.Column("annotated", sa.JSON()))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("annotated")
        batch.drop_column("within")
        batch.drop_column("source_kind")

"""Which finder found each quote and how sure it is: ``quotes.found_by`` (the finder's name, "direct.tail") and
``quotes.confidence`` (its measured precision, 0 to 1), as extraction now gives them. Quotes stored before keep
both null: which finder found them was not kept, and guessing it would be extraction again.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("found_by", sa.String(40)))
    op.add_column("quotes", sa.Column("confidence", sa.Float()))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("confidence")
        batch.drop_column("found_by")

"""Persons named by a surname alone, joined across the corpus on evidence: ``persons.surname`` (indexed: the
persons a bare surname may be), ``persons.note`` (why one stays apart: two persons or more of that surname agree),
and ``person_merges.why`` / ``organization_merges.why`` (the evidence each merge was made on; none for merges made
before it was kept). Stored persons get their surnames; the joins themselves are made as articles are saved.

Revision ID: 0014
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dateline.store.names import surname

revision = "0014"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("persons", sa.Column("surname", sa.Text()))
    op.add_column("persons", sa.Column("note", sa.Text()))
    op.create_index("ix_persons_surname", "persons", ["surname"])
    op.add_column("person_merges", sa.Column("why", sa.Text()))
    op.create_index("ix_person_merges_new", "person_merges", ["new"])
    op.add_column("organization_merges", sa.Column("why", sa.Text()))
    bind = op.get_bind()
    named = [{"i": pid, "s": surname(name)} for pid, name in bind.execute(sa.text("SELECT id, name FROM persons"))]
    if named:
        bind.execute(sa.text("UPDATE persons SET surname = :s WHERE id = :i"), named)


def downgrade() -> None:
    with op.batch_alter_table("organization_merges") as batch:
        batch.drop_column("why")
    op.drop_index("ix_person_merges_new", "person_merges")
    with op.batch_alter_table("person_merges") as batch:
        batch.drop_column("why")
    op.drop_index("ix_persons_surname", "persons")
    with op.batch_alter_table("persons") as batch:
        batch.drop_column("note")
        batch.drop_column("surname")

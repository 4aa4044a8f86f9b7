"""Persons a nickname shows to be one: the ``person_merges`` table that keeps a merged person's id answering, and the
merges the people already stored call for ('William J. "Bill" Clinton' joins "Bill Clinton" and "William Clinton").

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dateline.store.names import also_keys, person_id, person_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("person_merges", sa.Column("old", sa.String(16), primary_key=True),
                    sa.Column("new", sa.String(16), nullable=False))
    bind = op.get_bind()
    names = {}
    pairs = set()
    for name, entity in bind.execute(sa.text("SELECT name, entity FROM people WHERE entity IS NOT NULL")):
        key = person_key(name)
        for other in also_keys(name):
            if key:
                pairs.add((entity, person_id(other)))
                names.setdefault(person_id(other), name)
    stored = {pid for (pid,) in bind.execute(sa.text("SELECT id FROM persons"))}
    parent = {pid: pid for pair in pairs for pid in pair}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            pid = parent[pid]
        return pid

    for one, other in sorted(pairs):
        a, b = sorted((root(one), root(other)))
        parent[b] = a  # the smaller id survives, as `write.merge_persons` keeps it
    for pid in sorted(parent):
        survivor = root(pid)
        if survivor == pid:
            if pid not in stored:
                bind.execute(sa.text("INSERT INTO persons (id, key, name) VALUES (:i, NULL, :n)"),
                             {"i": pid, "n": names.get(pid, pid)})
            continue
        bind.execute(sa.text("INSERT INTO person_merges (old, new) VALUES (:o, :n)"), {"o": pid, "n": survivor})
        bind.execute(sa.text("UPDATE people SET entity = :n WHERE entity = :o"), {"o": pid, "n": survivor})
        bind.execute(sa.text("DELETE FROM persons WHERE id = :o"), {"o": pid})


def downgrade() -> None:
    op.drop_table("person_merges")

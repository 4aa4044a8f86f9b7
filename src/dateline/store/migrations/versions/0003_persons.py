"""Persons across the corpus: a ``persons`` table, and ``people.entity`` linking each article's person to one; the
people already stored are linked as new ones are (`store/names.py`).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dateline.store.names import lone_person_id, person_id, person_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHUNK = 1000


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("key", sa.Text()),
        sa.Column("name", sa.Text(), nullable=False),
    )
    op.create_index("ix_persons_key", "persons", ["key"])
    op.add_column("people", sa.Column("entity", sa.String(16)))
    bind = op.get_bind()
    persons = sa.table("persons", sa.column("id"), sa.column("key"), sa.column("name"))
    people = sa.table("people", sa.column("article"), sa.column("person"), sa.column("entity"))
    fullest: dict[str, tuple[str | None, str]] = {}
    links: list[dict[str, str]] = []
    for article, person, name in bind.execute(sa.text("SELECT article, person, name FROM people")):
        key = person_key(name)
        entity = person_id(key) if key else lone_person_id(article, person)
        links.append({"a": article, "p": person, "e": entity})
        if entity not in fullest or len(name) > len(fullest[entity][1]):
            fullest[entity] = (key, name)
    values = [{"id": pid, "key": key, "name": name} for pid, (key, name) in sorted(fullest.items())]
    for at in range(0, len(values), CHUNK):
        bind.execute(sa.insert(persons), values[at:at + CHUNK])
    update = (people.update().where(people.c.article == sa.bindparam("a"), people.c.person == sa.bindparam("p"))
              .values(entity=sa.bindparam("e")))
    for at in range(0, len(links), CHUNK):
        bind.execute(update, links[at:at + CHUNK])
    op.create_index("ix_people_entity", "people", ["entity"])


def downgrade() -> None:
    op.drop_index("ix_people_entity", "people")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("entity")
    op.drop_table("persons")

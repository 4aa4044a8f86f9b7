"""Organizations across the corpus: an ``organizations`` table, ``organization_merges`` that keep a merged
organization's id answering, and ``entities.entity`` linking each article's organization to one; the organizations
already stored are linked as new ones are (`store/org_names.py`), their mention forms read back from the articles.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from dateline.store.link import link_organizations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHUNK = 1000


def upgrade() -> None:
    op.create_table("organizations", sa.Column("id", sa.String(16), primary_key=True), sa.Column("key", sa.Text()),
                    sa.Column("name", sa.Text(), nullable=False))
    op.create_index("ix_organizations_key", "organizations", ["key"])
    op.create_table("organization_merges", sa.Column("old", sa.String(16), primary_key=True),
                    sa.Column("new", sa.String(16), nullable=False))
    op.add_column("entities", sa.Column("entity", sa.String(16)))
    bind = op.get_bind()
    entities = sa.table("entities", sa.column("article"), sa.column("kind"), sa.column("name"),
                        sa.column("entity"))
    rows = []
    statement = sa.text("SELECT e.article, e.name, e.mentions, a.text FROM entities e JOIN articles a "
                        "ON a.key = e.article WHERE e.kind = 'organization' ORDER BY e.article, e.name")
    for article, name, spans, text in bind.execute(statement):
        spans = json.loads(spans) if isinstance(spans, str) else spans
        rows.append({"article": article, "name": name, "forms": [text[s:e] for s, e in spans]})
    update = (entities.update().where(entities.c.article == sa.bindparam("a"), entities.c.kind == "organization",
                                      entities.c.name == sa.bindparam("n")).values(entity=sa.bindparam("e")))
    for at in range(0, len(rows), CHUNK):  # each chunk's links written before the next may merge them
        chunk = rows[at:at + CHUNK]
        link_organizations(bind, chunk, evidence=False)
        bind.execute(update, [{"a": r["article"], "n": r["name"], "e": r["entity"]} for r in chunk])
    op.create_index("ix_entities_entity", "entities", ["entity"])


def downgrade() -> None:
    op.drop_index("ix_entities_entity", "entities")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("entity")
    op.drop_table("organization_merges")
    op.drop_table("organizations")

"""One quote across articles: ``quotes.text_id`` and ``quotes.quote``, the ``quote_anchors`` that find a quote's
repeats and the ``quote_merges`` that keep merged ids answering (`store/repeats.py`); the quotes already stored are
grouped as new ones are, in one pass (a union of the texts that repeat one another).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dateline.store.repeats import MATCHED_KINDS, anchors, linkable, probes, same_quote, text_id, words_of

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CHUNK = 1000


def upgrade() -> None:
    op.add_column("quotes", sa.Column("text_id", sa.String(16)))
    op.add_column("quotes", sa.Column("quote", sa.String(16)))
    op.create_table("quote_anchors", sa.Column("anchor", sa.String(16), primary_key=True),
                    sa.Column("text_id", sa.String(16), primary_key=True))
    op.create_table("quote_merges", sa.Column("old", sa.String(16), primary_key=True),
                    sa.Column("new", sa.String(16), nullable=False))
    bind = op.get_bind()
    texts: dict[str, list[str]] = {}
    named: list[dict[str, object]] = []
    for ident, article, n, text, kind in bind.execute(sa.text("SELECT id, article, n, text, kind FROM quotes")):
        words = words_of(text)
        tid = text_id(words)
        if linkable(words, kind):
            texts[tid] = words
        named.append({"i": ident, "t": tid,
                      "q": tid if linkable(words, kind) else text_id([*words, "#", article, str(n)])})
    quotes = sa.table("quotes", sa.column("id"), sa.column("text_id"), sa.column("quote"))
    update = quotes.update().where(quotes.c.id == sa.bindparam("i")).values(text_id=sa.bindparam("t"),
                                                                            quote=sa.bindparam("q"))
    for at in range(0, len(named), CHUNK):
        bind.execute(update, named[at:at + CHUNK])
    found = sorted({(a, t) for t, words in texts.items() for a in anchors(words)})
    table = sa.table("quote_anchors", sa.column("anchor"), sa.column("text_id"))
    for at in range(0, len(found), CHUNK):
        bind.execute(sa.insert(table), [{"anchor": a, "text_id": t} for a, t in found[at:at + CHUNK]])
    parent = {t: t for t in texts}

    def root(t: str) -> str:
        while parent[t] != t:
            parent[t] = parent[parent[t]]
            t = parent[t]
        return t

    by_anchor: dict[str, list[str]] = {}
    for a, t in found:
        by_anchor.setdefault(a, []).append(t)
    for tid, words in texts.items():
        for other in {o for a in probes(words) for o in by_anchor.get(a, ())} - {tid}:
            if root(other) != root(tid) and same_quote(words, texts[other]):
                one, two = sorted((root(tid), root(other)))
                parent[two] = one  # the smaller id survives, as `write.link_quotes` keeps it
    moved = [{"t": t, "q": root(t)} for t in sorted(texts) if root(t) != t]
    quotes = sa.table("quotes", sa.column("id"), sa.column("text_id"), sa.column("quote"), sa.column("kind"))
    regroup = (quotes.update().where(quotes.c.text_id == sa.bindparam("t"), quotes.c.kind.in_(MATCHED_KINDS))
               .values(quote=sa.bindparam("q")))
    for at in range(0, len(moved), CHUNK):
        bind.execute(regroup, moved[at:at + CHUNK])
    op.create_index("ix_quotes_text_id", "quotes", ["text_id"])
    op.create_index("ix_quotes_quote", "quotes", ["quote"])


def downgrade() -> None:
    op.drop_table("quote_merges")
    op.drop_table("quote_anchors")
    op.drop_index("ix_quotes_quote", "quotes")
    op.drop_index("ix_quotes_text_id", "quotes")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("quote")
        batch.drop_column("text_id")

"""Whom a quote speaks for, and the roles people held, searchable: ``roles`` (each role a person held in an article,
and the organization it names), ``quotes.organization`` (the organization a quote speaks for) and
``articles.outlet`` (the host of its URL), by the rules of `store/affiliations.py`, filled in for what is stored;
and organizations' mentions indexed by (organization, article), so that the organizations most written about are
counted from the index alone.

Roles are indexed by their trigrams, as names are (revision 0009), so that a part of a role ("spokesman") finds the
roles holding it without reading every one: ``roles_fts`` on SQLite, pg_trgm's GIN index on PostgreSQL where the
server lets the extension be made.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import DBAPIError

from dateline.store.affiliations import affiliate, outlet

revision = "0012"
down_revision = "0014"
branch_labels = None
depends_on = None

CHUNK = 500
ROLES = "CREATE VIRTUAL TABLE roles_fts USING fts5(role, content=\"roles\", tokenize='trigram')"
TRIGGERS = (
    "CREATE TRIGGER roles_fts_insert AFTER INSERT ON roles BEGIN "
    "INSERT INTO roles_fts(rowid, role) VALUES (new.rowid, new.role); END",
    "CREATE TRIGGER roles_fts_delete AFTER DELETE ON roles BEGIN "
    "INSERT INTO roles_fts(roles_fts, rowid, role) VALUES ('delete', old.rowid, old.role); END",
    "CREATE TRIGGER roles_fts_update AFTER UPDATE OF role ON roles BEGIN "
    "INSERT INTO roles_fts(roles_fts, rowid, role) VALUES ('delete', old.rowid, old.role); "
    "INSERT INTO roles_fts(rowid, role) VALUES (new.rowid, new.role); END",
)


def upgrade() -> None:
    op.add_column("articles", sa.Column("outlet", sa.Text()))
    op.create_index("ix_articles_outlet", "articles", ["outlet", "published"])
    op.add_column("quotes", sa.Column("organization", sa.String(16)))
    op.create_table("roles", sa.Column("article", sa.String(40), sa.ForeignKey("articles.key", ondelete="CASCADE"),
                                       nullable=False),
                    sa.Column("person", sa.String(32), nullable=False), sa.Column("role", sa.Text(), nullable=False),
                    sa.Column("entity", sa.String(16)), sa.Column("organization", sa.String(16)))
    op.create_index("ix_roles_article", "roles", ["article", "person"])
    op.create_index("ix_roles_entity", "roles", ["entity"])
    op.create_index("ix_roles_organization", "roles", ["organization"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(ROLES)
        for trigger in TRIGGERS:
            op.execute(trigger)
    _fill(bind)
    op.create_index("ix_quotes_organization_said", "quotes", ["organization", "said"])
    op.drop_index("ix_entities_entity", "entities")
    op.create_index("ix_entities_entity_article", "entities", ["entity", "article"])
    if bind.dialect.name != "sqlite":
        _trigrams_on_postgres()


def _fill(bind: sa.Connection) -> None:
    """Every stored article's outlet, role rows and quotes' organizations, a chunk of articles at a time."""
    keys = [row[0] for row in bind.execute(sa.text("SELECT key FROM articles ORDER BY key"))]
    articles = sa.table("articles", sa.column("key"), sa.column("outlet"))
    quotes = sa.table("quotes", sa.column("id"), sa.column("organization"))
    roles = sa.table("roles", sa.column("article"), sa.column("person"), sa.column("role"), sa.column("entity"),
                     sa.column("organization"))
    for at in range(0, len(keys), CHUNK):
        chunk = keys[at:at + CHUNK]
        outlets = [{"k": key, "o": outlet(url)} for key, url in _rows(bind, "SELECT key, url FROM articles", chunk,
                                                                          column="key") if url]
        if outlets:
            bind.execute(articles.update().where(articles.c.key == sa.bindparam("k")).values(outlet=sa.bindparam("o")),
                         outlets)
        role_rows, organized = _affiliated(bind, chunk)
        if role_rows:
            bind.execute(sa.insert(roles), role_rows)
        if organized:
            bind.execute(quotes.update().where(quotes.c.id == sa.bindparam("i")).values(
                organization=sa.bindparam("o")), organized)


def _rows(bind: sa.Connection, statement: str, keys: list[str], *, column: str = "article") -> list[Any]:
    """The rows of a statement over the articles of `keys` (its WHERE added here)."""
    joined = " AND " if " WHERE " in statement else " WHERE "
    query = sa.text(f"{statement}{joined}{column} IN :keys").bindparams(sa.bindparam("keys", expanding=True))
    return list(bind.execute(query, {"keys": keys}))


def _affiliated(bind: sa.Connection, keys: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The role rows of some articles, and their quotes that speak for an organization (id and organization)."""
    texts = dict(_rows(bind, "SELECT key, text FROM articles", keys, column="key"))
    people: dict[str, list[dict[str, Any]]] = {}
    for article, person, held, entity in _rows(bind, "SELECT article, person, roles, entity FROM people", keys):
        roles = json.loads(held) if isinstance(held, str) else held
        people.setdefault(article, []).append({"article": article, "person": person, "roles": roles or [],
                                               "entity": entity})
    organizations: dict[str, list[tuple[str, list[str], str | None]]] = {}
    for article, name, spans, entity in _rows(bind, "SELECT article, name, mentions, entity FROM entities "
                                                    "WHERE kind = 'organization'", keys):
        spans = json.loads(spans) if isinstance(spans, str) else spans
        forms = [texts[article][start:end] for start, end in spans or []]
        organizations.setdefault(article, []).append((name, forms, entity))
    quotes: dict[str, list[dict[str, Any]]] = {}
    for ident, article, speaker, person, entity in _rows(
            bind, "SELECT id, article, speaker, speaker_person, speaker_entity FROM quotes", keys):
        quotes.setdefault(article, []).append({"id": ident, "speaker": speaker, "speaker_person": person,
                                               "speaker_entity": entity})
    role_rows: list[dict[str, Any]] = []
    organized: list[dict[str, Any]] = []
    for key in keys:
        role_rows.extend(affiliate(people.get(key, []), organizations.get(key, []), quotes.get(key, [])))
        organized.extend({"i": q["id"], "o": q["organization"]} for q in quotes.get(key, []) if q["organization"])
    return role_rows, organized


def _trigrams_on_postgres() -> None:
    """pg_trgm's GIN index on the roles, in a savepoint: a server that refuses the extension leaves the migration
    going, without the index."""
    savepoint = op.get_bind().begin_nested()
    try:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_roles_trgm ON roles USING gin (role gin_trgm_ops)")
    except DBAPIError:
        savepoint.rollback()
    else:
        savepoint.commit()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("roles_fts_update", "roles_fts_delete", "roles_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS roles_fts")
    op.drop_table("roles")
    op.drop_index("ix_entities_entity_article", "entities")
    op.create_index("ix_entities_entity", "entities", ["entity"])
    op.drop_index("ix_quotes_organization_said", "quotes")
    op.drop_index("ix_articles_outlet", "articles")
    op.drop_column("quotes", "organization")  # in place (SQLite 3.35 on): the tables keep their search triggers
    op.drop_column("articles", "outlet")

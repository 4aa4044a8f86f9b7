"""Alembic's entry point for Dateline's store: runs the migrations on the connection `store.engine` hands it."""

from __future__ import annotations

from alembic import context

from dateline.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()

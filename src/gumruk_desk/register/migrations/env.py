"""Alembic environment: always run programmatically with a connection (see register.db)."""

from __future__ import annotations

from alembic import context

from gumruk_desk.register.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=True
)  # SQLite alters tables only in batch mode
with context.begin_transaction():
    context.run_migrations()

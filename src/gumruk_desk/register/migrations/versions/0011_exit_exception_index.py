"""An index of the Nakit Beyan Formu an exit cites as its exception, so that what earlier
exits already took out of a declaration is read from a handful of index entries.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# register/registry.py queries this very expression, so that SQLite uses the index.
EXIT_REFERENCE = (
    "(CASE WHEN json_valid(content) THEN json_extract(content, '$.exit_exception.reference') END)"
)


def upgrade() -> None:
    op.execute(
        f"CREATE INDEX ix_record_exit_reference ON record({EXIT_REFERENCE}) "
        f"WHERE {EXIT_REFERENCE} IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_record_exit_reference")

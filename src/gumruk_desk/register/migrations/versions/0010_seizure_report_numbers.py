"""Seizure reports numbered in their own series (``OFFICE-DESK-Z-YEAR-SEQ``): a unique index
on the number a record's content gives its seizure report, so the next number is one index
probe away and a seizure report's number leads back to the record it came from.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# register/registry.py queries this very expression, so that SQLite uses the index. json_valid
# first: an index expression that raised would make a damaged row unreadable by `verify`.
SEIZURE_NUMBER = (
    "(CASE WHEN json_valid(content) THEN json_extract(content, '$.seizure_report.number') END)"
)


def upgrade() -> None:
    op.execute(
        f"CREATE UNIQUE INDEX ix_record_seizure_number ON record({SEIZURE_NUMBER}) "
        f"WHERE {SEIZURE_NUMBER} IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_record_seizure_number")

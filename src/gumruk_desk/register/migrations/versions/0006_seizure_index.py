"""A partial index of the records that put cash into custody (seizures), so that the list
of seizures awaiting upload (SPEC §6, 24 hours) reads a handful of index entries instead of
every record's JSON.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The query in register/browse.py must use this very expression for SQLite to use the index.
# json_valid first: an index expression that raised would make a damaged row unreadable by
# `verify` instead of reported by it.
SEIZURE_PREDICATE = (
    "CASE WHEN json_valid(content) THEN json_array_length(content, '$.outcome.custody') "
    "ELSE 0 END > 0"
)


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_record_seizure ON record(id) WHERE {SEIZURE_PREDICATE}")


def downgrade() -> None:
    op.execute("DROP INDEX ix_record_seizure")

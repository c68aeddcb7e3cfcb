"""Surname prefix search served by one index scan: (last_name_key, id DESC).

The first index on last_name_key alone made "newest first among the matches" sort every
match (101 ms median in a 1,000,000-record register); this one needs no sort.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_record_last_name_key", table_name="record")
    op.execute("CREATE INDEX ix_record_last_name_key_id ON record (last_name_key, id DESC)")


def downgrade() -> None:
    op.drop_index("ix_record_last_name_key_id", table_name="record")
    op.create_index("ix_record_last_name_key", "record", ["last_name_key"])

"""Indexes for what the window asks of a large register at every refresh: the records of one
kind or of a date range (the register's filters), and the records the centre rejected (the
status bar's count of pending uploads). Without them each was a scan of the whole table —
most of a second at a million records.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_record_kind_id ON record (kind, id)")
    op.execute("CREATE INDEX ix_record_date_id ON record (record_date, id)")
    op.execute(
        "CREATE INDEX ix_event_sync_rejected ON event (record_id) WHERE kind = 'sync_rejected'"
    )


def downgrade() -> None:
    for name in ("ix_record_kind_id", "ix_record_date_id", "ix_event_sync_rejected"):
        op.execute(f"DROP INDEX IF EXISTS {name}")

"""Partial indexes for the events a record's own screen and print look up by record: its
prints (which copy this is) and the link to the record filled in place of a cancelled one.
Without them both read the whole chain, which grows by a few events per record.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_KINDS = {
    "ix_event_print": "print",
    "ix_event_replacement": "replacement_linked",
}


def upgrade() -> None:
    for name, kind in _KINDS.items():
        op.execute(f"CREATE INDEX {name} ON event (record_id) WHERE kind = '{kind}'")


def downgrade() -> None:
    for name in _KINDS:
        op.execute(f"DROP INDEX IF EXISTS {name}")

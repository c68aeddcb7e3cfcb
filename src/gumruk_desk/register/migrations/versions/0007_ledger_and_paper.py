"""Partial indexes for the rare events the ledger and the paper fallback look up by kind:
approved ledger pages, reserved paper number blocks and voided paper numbers (the data
itself lives in the events of the chain, which are append-only and hashed).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_KINDS = {
    "ix_event_ledger": "ledger_page_approved",
    "ix_event_paper_block": "paper_block_reserved",
    "ix_event_paper_void": "paper_number_voided",
}


def upgrade() -> None:
    for name, kind in _KINDS.items():
        op.execute(f"CREATE INDEX {name} ON event (seq) WHERE kind = '{kind}'")


def downgrade() -> None:
    for name in _KINDS:
        op.execute(f"DROP INDEX IF EXISTS {name}")

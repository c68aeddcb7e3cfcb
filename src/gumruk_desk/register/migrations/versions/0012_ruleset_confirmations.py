"""Partial indexes for the events that make a draft rule set apply and add yearly tolerances to
a rule set: every registration reads them (as part of its reference key), so they are found
from a handful of index entries however long the chain.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_KINDS = {
    "ix_event_ruleset_confirmed": "ruleset_confirmed",
    "ix_event_tolerance_accepted": "tolerance_accepted",
}


def upgrade() -> None:
    for name, kind in _KINDS.items():
        op.execute(f"CREATE INDEX {name} ON event (seq) WHERE kind = '{kind}'")


def downgrade() -> None:
    for name in _KINDS:
        op.execute(f"DROP INDEX IF EXISTS {name}")

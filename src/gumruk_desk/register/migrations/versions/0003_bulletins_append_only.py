"""Imported rate bulletins are append-only too (a re-import adds a row).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER rate_bulletin_no_{action.lower()} BEFORE {action} ON rate_bulletin "
            "BEGIN SELECT RAISE(ABORT, 'kur bültenleri değiştirilemez ve silinemez'); END"
        )


def downgrade() -> None:
    for action in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS rate_bulletin_no_{action}")

"""What the desk window needs: drafts, desk settings, manual rates, loaded rule sets, and
partial indexes for the two states a record's events can give it (cancelled, uploaded).

Drafts and settings are working data, not records: they change and go. Manual rates and
loaded rule sets change what registrations compute, so they are append-only like bulletins
and each row is vouched for by an event of the chain.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_APPEND_ONLY = {
    "manual_rate": "elle girilen kurlar değiştirilemez ve silinemez",
    "ruleset_file": "yüklenen kural setleri değiştirilemez ve silinemez",
}


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("officer_sicil", sa.String(20), nullable=False),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "manual_rate",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rate_date", sa.String(10), nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("try_per_unit", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(20), nullable=False),
        sa.Column("entered_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "ruleset_file",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ruleset_id", sa.String(60), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(20), nullable=False),
        sa.Column("loaded_at", sa.String(40), nullable=False),
    )
    for table, message in _APPEND_ONLY.items():
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    # Partial: registrations and prints never touch them; only the rare state events do.
    op.execute(
        "CREATE INDEX ix_event_cancelled ON event (record_id) WHERE kind = 'cancellation_approved'"
    )
    op.execute("CREATE INDEX ix_event_synced ON event (record_id) WHERE kind = 'sync_acknowledged'")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_event_synced")
    op.execute("DROP INDEX IF EXISTS ix_event_cancelled")
    for table in _APPEND_ONLY:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    for table in ("ruleset_file", "manual_rate", "setting", "draft"):
        op.drop_table(table)

"""Drop indexes no query uses: every registration paid for them at commit.

record.registered_at (listing filters on record_date), event.kind (look-ups go by
record_id), and the unique indexes on event.uuid and event.hash (the chain itself makes
events unique; sync identifies records by their own uuid).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_record_registered_at", table_name="record")
    op.drop_index("ix_event_kind", table_name="event")
    # The unique constraints on event.uuid/hash are part of the table: rebuild it (batch
    # mode copies the rows unchanged; the append-only triggers are dropped and restored).
    op.execute("DROP TRIGGER IF EXISTS event_no_update")
    op.execute("DROP TRIGGER IF EXISTS event_no_delete")
    with op.batch_alter_table("event", recreate="always", copy_from=_event_table(False)):
        pass
    _triggers()


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS event_no_update")
    op.execute("DROP TRIGGER IF EXISTS event_no_delete")
    with op.batch_alter_table("event", recreate="always", copy_from=_event_table(True)):
        pass
    _triggers()
    op.create_index("ix_event_kind", "event", ["kind"])
    op.create_index("ix_record_registered_at", "record", ["registered_at"])


def _triggers() -> None:
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER event_no_{action.lower()} BEFORE {action} ON event "
            "BEGIN SELECT RAISE(ABORT, 'kayıtlar değiştirilemez ve silinemez'); END"
        )


def _event_table(unique: bool) -> sa.Table:
    """The event table as batch mode should rebuild it (the unnamed unique constraints of
    revision 0001 can only go by rebuilding from an explicit definition)."""
    return sa.Table(
        "event",
        sa.MetaData(),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("uuid", sa.String(36), nullable=False, unique=unique),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(20)),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("record.id"), index=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=unique),
    )

"""The first register schema: station, officers, rate bulletins, records and the event chain.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("record", "event")


def upgrade() -> None:
    op.create_table(
        "station",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("office_code", sa.String(10), nullable=False),
        sa.Column("office_name", sa.String(200), nullable=False),
        sa.Column("desk_code", sa.String(10), nullable=False),
        sa.Column("customs_area", sa.String(200), nullable=False),
        sa.Column("central_url", sa.String(300), nullable=False),
        sa.Column("rate_column", sa.String(20), nullable=False),
        sa.Column("demo", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "officer",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sicil", sa.String(20), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "rate_bulletin",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bulletin_date", sa.String(10), nullable=False, index=True),
        sa.Column("bulletin_number", sa.String(40)),
        sa.Column("quotes", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "record",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("number", sa.String(60), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("series", sa.String(4), nullable=False),
        sa.Column("office", sa.String(10), nullable=False),
        sa.Column("desk", sa.String(10), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("registered_at", sa.String(40), nullable=False),
        sa.Column("record_date", sa.String(10), nullable=False),
        sa.Column("officer_sicil", sa.String(20), nullable=False),
        sa.Column("last_name_key", sa.String(80), nullable=False),
        sa.Column("id_number", sa.String(30), nullable=False),
        sa.Column("outcome_code", sa.String(30), nullable=False),
        sa.Column("paper_number", sa.String(60), unique=True),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("row_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("series", "office", "desk", "year", "seq", name="uq_record_series_seq"),
    )
    op.create_index("ix_record_last_name_key", "record", ["last_name_key"])
    op.create_index("ix_record_id_number", "record", ["id_number"])
    op.create_index("ix_record_registered_at", "record", ["registered_at"])
    op.create_table(
        "event",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False, index=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(20)),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("record.id"), index=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    # A second line of defence behind the hash chain: the register refuses to rewrite history.
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'kayıtlar değiştirilemez ve silinemez'); END"
            )


def downgrade() -> None:
    for table in APPEND_ONLY:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    for table in ("event", "record", "rate_bulletin", "officer", "station"):
        op.drop_table(table)

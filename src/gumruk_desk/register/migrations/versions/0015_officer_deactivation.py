"""Officers can be deactivated (the moment is kept on the row; the chain's
``officer_deactivated`` event vouches for it), and the login failures of one sicil are found
by an index of their own: the login answers an unknown sicil with the same count of
remaining attempts as a known one, read from the chain's ``login_failed`` events.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("officer", sa.Column("deactivated_at", sa.String(40), nullable=True))
    op.execute(
        "CREATE INDEX ix_event_login_failed_sicil ON event (json_extract(payload, '$.sicil'))"
        " WHERE kind = 'login_failed'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_event_login_failed_sicil")
    with op.batch_alter_table("officer") as batch:
        batch.drop_column("deactivated_at")

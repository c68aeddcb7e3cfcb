"""The chain begins to follow each officer's lock-out state (locked, failed attempts), so that
an edit of those columns behind the desk's back makes ``verify`` fail: for the officers of an
existing register, one event records the state as it stands (a successful login used to reset
the count without an event, so the past alone cannot tell it).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from gumruk_desk.register.driver import sqlite3

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from gumruk_desk.register import chain

    dbapi = op.get_bind().connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection)
    rows = dbapi.execute(
        "SELECT sicil, locked, failed_attempts FROM officer ORDER BY id"
    ).fetchall()
    for sicil, locked, failed in rows:
        chain.append_event(
            dbapi,
            chain.OFFICER_STATE,
            {"sicil": sicil, "locked": bool(locked), "failed_attempts": int(failed)},
        )


def downgrade() -> None:
    pass  # events are never removed: the chain only grows

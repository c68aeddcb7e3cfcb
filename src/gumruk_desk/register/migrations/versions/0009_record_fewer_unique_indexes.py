"""Two unique indexes fewer on ``record``, written by every registration for nothing:

- ``uuid``: nothing on the desk looks a record up by its uuid (a version-4 uuid from the
  operating system's random source does not repeat; the central system keys records by it
  and refuses a second content under a known one). Like ``event.uuid`` in revision 0004.
  It was also the one index every registration wrote at a random place.
- ``paper_number``: stays unique, but only where there is one (a partial index): records
  not first filled on paper no longer add a NULL entry to it.

The table is rebuilt by SQLite's own procedure (new table, copy, drop, rename), with
foreign keys off for the migration (see register.db.migrate); the rows are copied unchanged,
so every row hash still holds.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = """
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    number VARCHAR(60) NOT NULL,
    kind VARCHAR(20) NOT NULL,
    series VARCHAR(4) NOT NULL,
    office VARCHAR(10) NOT NULL,
    desk VARCHAR(10) NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    registered_at VARCHAR(40) NOT NULL,
    record_date VARCHAR(10) NOT NULL,
    officer_sicil VARCHAR(20) NOT NULL,
    last_name_key VARCHAR(80) NOT NULL,
    id_number VARCHAR(30) NOT NULL,
    outcome_code VARCHAR(30) NOT NULL,
    paper_number VARCHAR(60),
    content TEXT NOT NULL,
    row_hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_record_series_seq UNIQUE (series, office, desk, year, seq),
    UNIQUE (number)"""
_NAMES = (
    "id, uuid, number, kind, series, office, desk, year, seq, registered_at, record_date, "
    "officer_sicil, last_name_key, id_number, outcome_code, paper_number, content, row_hash"
)
# As revision 0006 wrote it: the query in register/browse.py uses this very expression.
_SEIZURE_PREDICATE = (
    "CASE WHEN json_valid(content) THEN json_array_length(content, '$.outcome.custody') "
    "ELSE 0 END > 0"
)


def upgrade() -> None:
    _rebuild("")
    op.execute(
        "CREATE UNIQUE INDEX uq_record_paper_number ON record (paper_number) "
        "WHERE paper_number IS NOT NULL"
    )


def downgrade() -> None:
    _rebuild(",\n    UNIQUE (uuid),\n    UNIQUE (paper_number)")


def _rebuild(extra_constraints: str) -> None:
    for action in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS record_no_{action}")
    op.execute(f"CREATE TABLE record_rebuilt ({_COLUMNS}{extra_constraints}\n)")
    op.execute(f"INSERT INTO record_rebuilt ({_NAMES}) SELECT {_NAMES} FROM record")
    op.execute("DROP TABLE record")  # and its indexes; foreign keys are off (register.db)
    op.execute("ALTER TABLE record_rebuilt RENAME TO record")
    op.execute("CREATE INDEX ix_record_id_number ON record (id_number)")
    op.execute("CREATE INDEX ix_record_last_name_key_id ON record (last_name_key, id DESC)")
    op.execute(f"CREATE INDEX ix_record_seizure ON record(id) WHERE {_SEIZURE_PREDICATE}")
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER record_no_{action.lower()} BEFORE {action} ON record "
            "BEGIN SELECT RAISE(ABORT, 'kayıtlar değiştirilemez ve silinemez'); END"
        )

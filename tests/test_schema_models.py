"""The typed models say what the migrations built: the same tables, columns, types, keys and
indexes — the partial and expression indexes word for word, since SQLite uses one only for a
query of the same text.

Alembic's autogenerate comparison checks the tables and columns. SQLite cannot reflect an index
on an expression and Alembic does not compare a partial index's WHERE, so the indexes are
compared on the SQL SQLite keeps for them against the SQL the models would create."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex

import keyed_sqlite3 as sqlite3
from gumruk_desk.domain import chainspec
from gumruk_desk.register import db, models


def _migrated(tmp_path: Path) -> Path:
    path = tmp_path / "register.sqlite3"
    engine = db.make_engine(path)  # the register's driver (a plain file: no key)
    try:
        db.migrate(engine, path)
    finally:
        engine.dispose()
    return path


def _normal(sql: str) -> str:
    """One spelling of a CREATE INDEX statement: no spaces, quotes or redundant parentheses
    around a single expression, upper case."""
    text = re.sub(r"\s+", "", sql).replace('"', "").upper()
    return text.replace("((", "(").replace("))", ")")


def test_the_models_tables_and_columns_are_the_migrated_schema(tmp_path: Path) -> None:
    path = _migrated(tmp_path)
    engine = db.make_engine(path)  # the register's driver (a plain file: no key)
    try:
        with engine.connect() as conn, warnings.catch_warnings():
            # Expression indexes cannot be reflected: compared below, on their SQL.
            warnings.simplefilter("ignore")
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            diff = compare_metadata(context, models.Base.metadata)
    finally:
        engine.dispose()
    # Index differences are judged on their SQL below (a DESC column or an expression
    # reflects differently from how it is declared, though the index is the same).
    structural = [op for op in diff if op[0] not in ("add_index", "remove_index")]
    assert structural == []


def _index_differences(path: Path) -> dict[str, tuple[str | None, str | None]]:
    """Index name → (as the models declare it, as the register holds it), where they differ."""
    with sqlite3.connect(path) as conn:
        stored = {
            name: _normal(sql)
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        }
    declared = {
        str(index.name): _normal(str(CreateIndex(index).compile(dialect=sqlite.dialect())))
        for table in models.Base.metadata.tables.values()
        for index in table.indexes
    }
    return {
        name: (declared.get(name), stored.get(name))
        for name in declared.keys() | stored.keys()
        if declared.get(name) != stored.get(name)
    }


def test_the_models_indexes_are_the_migrated_indexes_word_for_word(tmp_path: Path) -> None:
    assert _index_differences(_migrated(tmp_path)) == {}


def test_the_comparison_sees_an_undeclared_index_and_another_predicate(tmp_path: Path) -> None:
    path = _migrated(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE INDEX ix_record_outcome ON record (outcome_code)")
        conn.execute("DROP INDEX ix_event_print")
        conn.execute("CREATE INDEX ix_event_print ON event (record_id) WHERE kind = 'printed'")
    assert sorted(_index_differences(path)) == ["ix_event_print", "ix_record_outcome"]


def test_the_row_hash_covers_every_column_of_the_record_model_but_itself() -> None:
    columns = tuple(c.name for c in models.Record.__table__.columns if c.name != "row_hash")
    assert columns == chainspec.RECORD_COLUMNS


def test_the_event_hash_covers_every_column_of_the_event_model_but_the_links() -> None:
    columns = tuple(c.name for c in models.Event.__table__.columns)
    assert columns == (*chainspec.EVENT_FIELDS, "prev_hash", "hash")

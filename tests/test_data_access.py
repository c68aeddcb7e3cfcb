"""Each register module reaches the database one way: plain SQL through ``db.cursor`` (the
modules the registration runs, on the DB-API connection of ``Database.write``) or the ORM
session the caller passes (officers)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from factories import ek1
from gumruk_desk.register import registry
from gumruk_desk.register.models import Record
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW

REGISTER = Path(registry.__file__).resolve().parent
PLAIN_SQL = ("chain", "drafts", "rates_store", "registry", "rulesets_store")
ORM = ("officers",)
# What a module uses to reach the database through SQLAlchemy: the session's own methods
# and the statement builders.
SESSION_CALLS = {"execute", "scalar", "scalars", "get", "add", "flush", "delete", "merge"}
BUILDERS = {"select", "insert", "update", "delete", "text", "and_", "or_"}


def _calls(module: str) -> tuple[set[str], set[str]]:
    """(methods called on a name ``session``, names imported from sqlalchemy) in ``module``."""
    tree = ast.parse((REGISTER / f"{module}.py").read_text(encoding="utf-8"))
    on_session = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "session"
    }
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
        for alias in node.names
    }
    return on_session, imported


@pytest.mark.parametrize("module", PLAIN_SQL)
def test_modules_of_the_registration_path_use_plain_sql_only(module: str) -> None:
    on_session, imported = _calls(module)
    assert not on_session & SESSION_CALLS, module
    assert not imported & BUILDERS, module
    source = (REGISTER / f"{module}.py").read_text(encoding="utf-8")
    assert "db.cursor(" in source


@pytest.mark.parametrize("module", ORM)
def test_the_orm_modules_use_no_raw_cursor(module: str) -> None:
    source = (REGISTER / f"{module}.py").read_text(encoding="utf-8")
    assert "db.cursor(" not in source and "sqlite3" not in source


def test_look_ups_give_the_stored_rows_as_records(desk: Desk) -> None:
    desk.register(ek1(), officer=desk.authenticate(OFFICER, OFFICER_PW))
    with desk.db.reading() as s:
        number, row_hash, content = s.connection().exec_driver_sql(
            "SELECT number, row_hash, content FROM record ORDER BY id DESC"
        ).first() or ("", "", "")
        found = registry.get_record(s, number)
        assert isinstance(found, Record) and found.number == number
        assert (found.row_hash, found.content) == (row_hash, content)
        assert [r.number for r in registry.list_records(s)][-1] == number
        assert [r.number for r in registry.search(s, number)] == [number]
        assert registry.get_record(s, number + "0") is None

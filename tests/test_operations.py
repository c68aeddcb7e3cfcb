"""Operations: upgrading a register written with the first schema, backups and
restore (only after the backup's chain verifies), a full disk and a read-only register
(nothing half-written, work resumes), the log (numbers only), the crash handler."""

from __future__ import annotations

import datetime
import io
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import keyed_sqlite3 as sqlite3
from factories import ek1
from gumruk_desk import cli
from gumruk_desk.register import backup, db, keys
from gumruk_desk.register.db import DB_FILE, RegisterError
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, record_of, setup_register


def register_some(desk: Desk, n: int) -> list[str]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    return [desk.register(ek1(), officer=officer).number for _ in range(n)]


# -- upgrades ---------------------------------------------------------------------------------


def test_a_register_written_with_the_first_schema_upgrades_to_head(tmp_path: Path) -> None:
    # The data: a register as the first version wrote it (same tables, same rows) …
    made = tmp_path / "made"
    setup_register(made)
    with Desk(made) as desk:
        numbers = register_some(desk, 5)
        assert desk.verify().ok
    # … copied into a file holding only the first migration's schema.
    old = tmp_path / "old"
    old.mkdir()
    engine = db.make_engine(old / DB_FILE)
    db.migrate(engine, old / DB_FILE, revision="0001")
    engine.dispose()
    conn = sqlite3.connect(old / DB_FILE)
    made_key = keys.register_key(made)
    assert made_key is not None
    conn.execute(f"ATTACH DATABASE ? AS made KEY \"x'{made_key.hex()}'\"", (str(made / DB_FILE),))
    for table in ("station", "officer", "rate_bulletin", "record", "event"):
        # The first schema's columns: later revisions added some (officer.deactivated_at),
        # empty in these rows.
        columns = ", ".join(row[1] for row in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT INTO main.{table} SELECT {columns} FROM made.{table}")
    conn.commit()
    conn.execute("DETACH DATABASE made")
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()

    with Desk(old) as desk:  # opening upgrades it to head
        assert db.current_revision(desk.db.engine) == db.head_revision()
        result = desk.verify()
        assert result.ok and result.records == 5
        assert [r.number for r in desk.list_records()] == numbers
        assert all(record_of(desk, n)["status"] == "registered" for n in numbers)
        assert register_some(desk, 1)[0].endswith("000006")
        assert desk.verify().ok
    assert list((old / "backups").glob("before-migration-0001-*.sqlite3"))
    # The rebuilt record table (revision 0009) keeps every guarantee the register relies on.
    with Desk(old) as desk, desk.db.write() as conn:
        record = conn.execute("SELECT * FROM record ORDER BY id LIMIT 1").fetchone()
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM pragma_foreign_key_check").fetchone() == (0,)
        same_number = "record.number"
        same_sequence = "record.series, record.office, record.desk, record.year, record.seq"
        for changed, constraint in (("seq", same_number), ("number", same_sequence)):
            with pytest.raises(
                sqlite3.IntegrityError, match=f"UNIQUE constraint failed: {constraint}"
            ):
                conn.execute("SAVEPOINT s")
                try:
                    conn.execute(
                        "INSERT INTO record SELECT id + 1000, uuid || 'x', number || "
                        "(CASE WHEN ? = 'number' THEN 'x' ELSE '' END), kind, series, office, "
                        "desk, year, seq + (CASE WHEN ? = 'seq' THEN 100000 ELSE 0 END), "
                        "registered_at, record_date, officer_sicil, last_name_key, id_number, "
                        "outcome_code, paper_number, content, row_hash FROM record WHERE id = ?",
                        (changed, changed, record[0]),
                    )
                finally:
                    conn.execute("ROLLBACK TO s")
        for _ in range(2):  # a paper number is unique where there is one
            conn.execute(
                "INSERT INTO record SELECT id + 2000 + (SELECT count(*) FROM record), "
                "uuid, number || '-P' || (SELECT count(*) FROM record), kind, 'P', office, desk, "
                "year, 9000 + (SELECT count(*) FROM record), registered_at, record_date, "
                "officer_sicil, last_name_key, id_number, outcome_code, NULL, content, row_hash "
                "FROM record WHERE id = ?",
                (record[0],),
            )
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            for _ in range(2):
                conn.execute(
                    "INSERT INTO record SELECT id + 3000 + (SELECT count(*) FROM record), "
                    "uuid, number || '-Q' || (SELECT count(*) FROM record), kind, 'Q', office, "
                    "desk, year, 9100 + (SELECT count(*) FROM record), registered_at, "
                    "record_date, officer_sicil, last_name_key, id_number, outcome_code, "
                    "'GM01-M1-KB-2026-000001', content, row_hash FROM record WHERE id = ?",
                    (record[0],),
                )
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            conn.execute(
                "INSERT INTO event SELECT seq + 5000, uuid, kind, at, actor, 999999, payload, "
                "prev_hash, hash FROM event ORDER BY seq DESC LIMIT 1"
            )
        conn.execute("ROLLBACK")
        conn.execute("BEGIN")  # write() commits what is left: nothing


# -- backups --------------------------------------------------------------------------------------


def test_backup_and_restore(desk: Desk, home: Path) -> None:
    first = register_some(desk, 3)
    saved = backup.make_backup(home)
    assert saved.records == 3 and saved.path.parent == home / "backups"
    register_some(desk, 2)
    # Not while the register is open …
    with pytest.raises(RegisterError, match="açık"):
        backup.restore(home, saved.path)
    desk.close()
    # … and not an older state over an intact register, unless forced: it would give the
    # numbers of the two later records out again.
    with pytest.raises(RegisterError, match="eski"):
        backup.restore(home, saved.path)
    info, previous = backup.restore(home, saved.path, force=True)
    assert info.records == 3 and previous is not None and previous.exists()
    with Desk(home) as restored:
        assert [r.number for r in restored.list_records()] == first
        assert restored.verify().ok
    # The register replaced by the restore is itself kept, whole.
    assert backup.describe(previous, keys.register_key(home)).records == 5


def test_a_backup_whose_chain_is_broken_is_not_restored(desk: Desk, home: Path) -> None:
    register_some(desk, 2)
    saved = backup.make_backup(home)
    conn = sqlite3.connect(saved.path)
    conn.execute("DROP TRIGGER IF EXISTS record_no_update")
    conn.execute("UPDATE record SET content = replace(content, 'Müller', 'Muller')")
    conn.commit()
    conn.close()
    register_some(desk, 1)
    desk.close()
    with pytest.raises(RegisterError, match="zinciri doğrulanmadı"):
        backup.restore(home, saved.path)
    with Desk(home) as untouched:
        assert len(list(untouched.list_records())) == 3 and untouched.verify().ok


def test_a_later_backup_of_the_same_register_restores_without_force(desk: Desk, home: Path) -> None:
    register_some(desk, 2)
    saved = backup.make_backup(home)
    desk.close()
    (home / DB_FILE).write_bytes(b"bozuk" * 1000)  # the register is damaged
    info, _previous = backup.restore(home, saved.path)
    assert info.records == 2
    with Desk(home) as restored:
        assert restored.verify().ok


def test_daily_backups_are_kept_for_two_weeks(desk: Desk, home: Path) -> None:
    register_some(desk, 1)
    start = datetime.date(2026, 11, 1)
    for day in range(20):
        assert backup.daily_backup(home, start + datetime.timedelta(days=day)) is not None
    assert backup.daily_backup(home, start + datetime.timedelta(days=19)) is None  # once a day
    kept = sorted(p.name for p in (home / "backups").glob("daily-*.sqlite3"))
    assert len(kept) == backup.KEEP_DAILY and kept[-1] == "daily-20261120.sqlite3"


def test_cli_backup_and_restore(
    desk: Desk, home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    register_some(desk, 2)
    target = tmp_path / "yedek.sqlite3"
    capsys.readouterr()
    assert cli.main(["--home", str(home), "backup", "--out", str(target)]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["records"] == 2 and target.exists()
    register_some(desk, 1)
    desk.close()
    with pytest.raises(SystemExit):  # older than the intact register
        cli.main(["--home", str(home), "restore", str(target)])
    assert "eski" in capsys.readouterr().err
    assert cli.main(["--home", str(home), "restore", "--force", str(target)]) == 0
    restored = json.loads(capsys.readouterr().out)
    assert restored["records"] == 2 and restored["previous_register_saved_as"]


# -- failures ------------------------------------------------------------------------------------


@contextmanager
def writer_pragma(desk: Desk, pragma: str) -> Iterator[None]:
    """Every new writer connection runs ``pragma`` (a size-limited or read-only register)."""

    def apply(dbapi: Any, _record: Any) -> None:
        dbapi.execute(pragma)

    desk.db.reset_connections()
    event.listen(desk.db.engine, "connect", apply)
    try:
        yield
    finally:
        event.remove(desk.db.engine, "connect", apply)
        desk.db.reset_connections()


def test_a_write_inside_a_write_fails_instead_of_waiting_forever(desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    with desk.db.write() as conn:
        conn.execute("SELECT 1")
        with pytest.raises(RuntimeError, match="inside write"):
            desk.register(ek1(), officer=officer)
    assert desk.register(ek1(), officer=officer).number.endswith("000001")


def test_a_full_disk_writes_nothing_and_work_resumes(desk: Desk) -> None:
    register_some(desk, 1)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    with desk.db.reading() as s:
        pages = db.cursor(s).execute("PRAGMA page_count").fetchone()[0]
    big = ek1(arrival_reason={"code": "other", "text": "Ç" * 200})
    with (
        writer_pragma(desk, f"PRAGMA max_page_count = {pages}"),
        pytest.raises(RegisterError, match="Disk dolu"),
    ):
        for _ in range(200):  # until the file would have to grow
            desk.register(big, officer=officer)
    written = len(list(desk.list_records()))
    assert desk.verify().ok
    # Space again: the next number follows the last one stored, with no gap.
    number = desk.register(ek1(), officer=officer).number
    assert number.endswith(f"{written + 1:06d}")
    assert desk.verify().ok


def test_a_read_only_register_is_said_plainly(desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    with writer_pragma(desk, "PRAGMA query_only = ON"):
        with pytest.raises(RegisterError, match="salt okunur"):
            desk.register(ek1(), officer=officer)
        with pytest.raises(RegisterError, match="salt okunur"):
            desk.save_draft(None, kind="nakit_beyan", officer=OFFICER, page=0, data={})
    assert list(desk.list_records()) == []
    assert desk.register(ek1(), officer=officer).number.endswith("000001")


def test_the_cli_says_a_read_only_register_in_turkish(
    desk: Desk, home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    from sqlalchemy.engine import Engine

    path = tmp_path / "kayit.json"
    path.write_text(json.dumps(ek1(), ensure_ascii=False), encoding="utf-8")

    def read_only(dbapi: Any, _record: Any) -> None:
        dbapi.execute("PRAGMA query_only = ON")

    event.listen(Engine, "connect", read_only)
    try:
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{OFFICER_PW}\n"))
        with pytest.raises(SystemExit) as exit_:
            cli.main(["--home", str(home), "record", "create", "--officer", OFFICER, str(path)])
    finally:
        event.remove(Engine, "connect", read_only)
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "salt okunur" in err and "Traceback" not in err
    assert list(desk.list_records()) == []


# -- logs --------------------------------------------------------------------------------------


def test_the_log_names_numbers_never_people(desk: Desk, home: Path) -> None:
    from gumruk_desk.logs import log_path, setup_logging

    path = setup_logging(home)
    assert path == log_path(home)
    [number] = register_some(desk, 1)
    for handler in logging.getLogger("gumruk_desk").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert f"registered {number}" in text
    for personal in ("Müller", "Hans", "C01X00T47", "10000"):
        assert personal not in text


def test_an_unexpected_error_saves_drafts_and_points_to_the_log(
    qtbot: Any, desk: Desk, home: Path
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gumruk_desk.logs import setup_logging
    from gumruk_desk.ui.app import _crash_boxes, application, install_crash_handler
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard

    application()
    log_file = setup_logging(home)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    wizard = NakitBeyanWizard(desk, officer, autosave_ms=600_000)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.source_page.set_category("transit_trade")
    previous = sys.excepthook
    install_crash_handler(home)
    try:
        try:
            raise ValueError("Hans Müller C01X00T47")  # a message quoting a person
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    drafts = desk.drafts()
    assert len(drafts) == 1 and drafts[0].data["source_category"] == "transit_trade"
    box = _crash_boxes[-1]
    assert isinstance(box, QMessageBox) and str(log_file) in box.text()
    for handler in logging.getLogger("gumruk_desk").handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8") if log_file else ""
    assert "builtins.ValueError" in logged and "Müller" not in logged
    box.close()
    QApplication.processEvents()

"""Starting fast without cutting corners: the read-only commands on sqlite3 alone, the plain
schema-version check, the bounded check at open and the whole-file check behind the window."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import keyed_sqlite3 as sqlite3
import page_map
from factories import cash, ek1, ek2
from gumruk_desk import cli
from gumruk_desk.domain.rates import RateColumn
from gumruk_desk.domain.records import Kind
from gumruk_desk.printing import DOCUMENTS
from gumruk_desk.register import db, files, reader
from gumruk_desk.register.db import DB_FILE
from gumruk_desk.services import Desk, RegisterError
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    record_of,
)

# What a read-only command must not load: each costs more than the command's own work.
HEAVY = ("sqlalchemy", "alembic", "reportlab", "httpx", "PySide6", "babel", "pycountry")


def register(desk: Desk, data: dict[str, Any]) -> dict[str, Any]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness).to_json()


def test_the_schema_head_written_out_is_alembics_head() -> None:
    assert db.head_revision() == files.SCHEMA_HEAD


def test_the_choices_written_out_in_the_cli_are_the_real_ones() -> None:
    assert cli.DOCUMENT_CHOICES == DOCUMENTS
    assert tuple(c.value for c in RateColumn) == cli.RATE_COLUMN_CHOICES
    assert RateColumn.BANKNOTE_BUYING.value == cli.DEFAULT_RATE_COLUMN
    assert Kind.NAKIT_BEYAN.value == reader.DECLARATION_KIND


@pytest.fixture
def varied(desk: Desk) -> dict[str, str]:
    """A declaration, a cancelled declaration with its replacement, an explanation with a
    seizure report, and one on another day's rates."""
    declared = register(desk, ek1())
    cancelled = register(desk, ek1())
    desk.cancel(
        cancelled["number"],
        reason="Yanlış kişi adına düzenlendi",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
    )
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    replacement = desk.register(ek1(), officer=officer, replaces=cancelled["number"])
    seized = register(
        desk,
        ek2(
            witness_officer=WITNESS,
            declared=[cash("EUR", "1000.00")],
            detected=[cash("EUR", "60000.00")],
        ),
    )
    assert seized.get("seizure_report"), "the factory must give a seizure for this test"
    return {
        "declared": declared["number"],
        "cancelled": cancelled["number"],
        "replacement": replacement.number,
        "seized": seized["number"],
        "seizure": seized["seizure_report"]["number"],
        "document": declared["person"]["id_number"],
        "cancelled_document": cancelled["person"]["id_number"],
    }


def test_the_reader_answers_exactly_as_the_opened_register(
    desk: Desk, home: Path, varied: dict[str, str]
) -> None:
    with reader.Reader(home) as read:
        for key in ("declared", "cancelled", "replacement", "seized", "seizure"):
            number = varied[key]
            assert read.show(number) == record_of(desk, number), key
            assert read.show(f"  {number.lower()} ") == record_of(desk, number), key
        assert read.show("GM01-M1-B-2026-999999") is None
        assert desk.show("GM01-M1-B-2026-999999") is None
        assert record_of(read, varied["cancelled"])["status"] == "cancelled"
        for kind, since in (
            (None, None),
            ("nakit_beyan", None),
            ("nakit_aciklama", None),
            (None, datetime.date.today()),
            (None, datetime.date.today() + datetime.timedelta(days=1)),
        ):
            opened = [r.to_json() for r in desk.list_records(kind, since)]
            assert list(read.list_records(kind, since)) == opened
        assert len(list(read.list_records())) == 4
        asks = [
            (varied["declared"], varied["document"]),
            (varied["declared"], "WRONG-DOC"),
            (varied["cancelled"], varied["cancelled_document"]),
            (varied["seized"], "anything"),
            ("NOT-A-NUMBER", varied["document"]),
            (varied["declared"], ""),
        ]
        content = record_of(desk, varied["declared"])
        good_qr = "|".join(
            [
                "GMASA1",
                varied["declared"],
                content["registered_at"][:10],
                content["valuation"]["declared_try"],
                "",
            ]
        )
        asks += [(good_qr, varied["document"]), (good_qr + "0", varied["document"])]
        asks += [(good_qr.replace(content["registered_at"][:4], "1999"), varied["document"])]
        answers = [read.verify_declaration(n, d) for n, d in asks]
        assert answers == [desk.verify_declaration(n, d) for n, d in asks]
    statuses = [a["status"] for a in answers]
    assert statuses[:6] == ["genuine", "unknown", "cancelled", "unknown", "unknown", "unknown"]
    assert "mismatch" in statuses[6:]


def _child(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``gumruk-desk ARGV`` in a fresh interpreter, printing afterwards which of the heavy
    packages were imported."""
    code = (
        "import sys\n"
        "from gumruk_desk.entry import main\n"
        "try:\n"
        f"    code = main({list(argv)!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "print('LOADED', ','.join(heavy))\n"
        "sys.stdout.flush()\n"
        "raise SystemExit(code)\n"
    )
    env = dict(os.environ, GUMRUK_DESK_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def _loaded(done: subprocess.CompletedProcess[str]) -> list[str]:
    line = done.stdout.strip().splitlines()[-1]
    assert line.startswith("LOADED"), done.stdout + done.stderr
    return [name for name in line.removeprefix("LOADED").strip().split(",") if name]


def test_read_only_commands_load_nothing_heavy(home: Path, varied: dict[str, str]) -> None:
    shown = _child(home, "record", "show", varied["declared"])
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout.rsplit("LOADED", 1)[0])["number"] == varied["declared"]
    assert _loaded(shown) == []
    listed = _child(home, "record", "list", "--kind", "nakit_beyan")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.strip().splitlines()) == 1 + 3  # three declarations + LOADED
    assert _loaded(listed) == []
    checked = _child(home, "record", "verify", varied["declared"], "--document", varied["document"])
    assert checked.returncode == 0, checked.stderr
    assert '"status": "genuine"' in checked.stdout
    assert _loaded(checked) == []
    missing = _child(home, "record", "show", "GM01-M1-B-2026-999999")
    assert missing.returncode == 1 and "kayıt yok" in missing.stderr
    version = _child(home, "--version")
    assert version.returncode == 0 and _loaded(version) == []


def test_a_read_only_command_on_an_older_schema_migrates_through_the_desk(
    home: Path, varied: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = home / DB_FILE
    with sqlite3.connect(path) as conn:  # as an older desk version left it
        conn.execute("UPDATE alembic_version SET version_num = '0011'")
        for index in (
            "ix_event_ruleset_confirmed",
            "ix_event_tolerance_accepted",
            "ix_record_kind_id",
            "ix_record_date_id",
            "ix_event_sync_rejected",
            "ix_event_login_failed_sicil",
        ):
            conn.execute(f"DROP INDEX {index}")
        conn.execute("ALTER TABLE officer DROP COLUMN deactivated_at")
    conn.close()
    with pytest.raises(reader.SchemaNotCurrent):
        reader.Reader(home)
    assert cli.main(["--home", str(home), "record", "show", varied["declared"]]) == 0
    assert json.loads(capsys.readouterr().out)["number"] == varied["declared"]
    with sqlite3.connect(path) as conn:
        assert files.schema_revision(conn) == files.SCHEMA_HEAD
    conn.close()


def test_the_reader_refuses_a_missing_register(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="kayıt defteri yok"):
        reader.Reader(tmp_path / "nowhere")


def test_the_reader_holds_the_shared_lock_against_a_restore(home: Path) -> None:
    with reader.Reader(home), pytest.raises(RegisterError, match="şu anda açık"):
        files.RegisterLock(home, exclusive=True)
    files.RegisterLock(home, exclusive=True).release()  # free again once it is closed


def grow(home: Path, copies: int) -> None:
    """``copies`` more records, copied with SQL from the last one (their content at full
    size); no event and no chain for them: this is about the file, not the chain."""
    conn = sqlite3.connect(home / DB_FILE)
    first = conn.execute("SELECT max(id) FROM record").fetchone()[0] + 1
    conn.executemany(
        "INSERT INTO record (id, uuid, number, kind, series, office, desk, year, seq, "
        "registered_at, record_date, officer_sicil, last_name_key, id_number, outcome_code, "
        "paper_number, content, row_hash) SELECT ?, ?, ?, kind, series, office, desk, year, ?, "
        "registered_at, record_date, officer_sicil, last_name_key, id_number || ?, "
        "outcome_code, NULL, content, row_hash FROM record WHERE id = ?",
        [
            (i, f"copy-{i}", f"GM01-M1-B-2026-{i:06d}", i, str(i), first - 1)
            for i in range(first, first + copies)
        ],
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def zero_page(home: Path, table: str, where: str = "middle") -> int:
    """Overwrite one of ``table``'s pages with zeros: its root page, or a leaf page in the
    middle of it (one that neither the check at open nor the first page of the register view
    reads). Returns the page number."""
    path = home / DB_FILE
    conn = sqlite3.connect(path)
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    if where == "root":
        page = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()[0]
    else:
        leaves = page_map.table_leaves(path, table)
        assert len(leaves) > 50, "the table must be large enough to have a middle"
        page = leaves[len(leaves) // 3]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(b"\0" * page_size)
    return int(page)


def test_a_damaged_small_table_is_refused_at_open(home: Path) -> None:
    zero_page(home, "officer", where="root")
    with pytest.raises(RegisterError, match="Kayıt defteri"):
        Desk(home)
    with pytest.raises(RegisterError, match="Kayıt defteri"):
        reader.Reader(home)


def test_the_check_at_open_is_bounded_and_the_whole_file_check_finds_the_rest(
    home: Path,
) -> None:
    with Desk(home) as desk:
        register(desk, ek1())
        assert desk.integrity_check()[0] is None
    grow(home, 3_000)
    with Desk(home) as desk:
        problem, records, _seconds = desk.integrity_check()
        assert problem is None and records == 3_001
    zero_page(home, "record")
    with Desk(home) as desk:  # the bounded check does not read the middle of the register
        problem, records, _seconds = desk.integrity_check()
        assert problem is not None and records == 0
        assert desk.show("GM01-M1-B-2026-003001") is not None  # the newest rows still read
    with sqlite3.connect(home / DB_FILE) as conn:
        assert files.quick_problems(conn) is None
        assert files.full_problems(conn) is not None
    conn.close()


def test_the_check_at_open_reads_the_newest_rows_of_the_growing_tables(home: Path) -> None:
    with Desk(home) as desk:
        register(desk, ek1())
    grow(home, 3_000)
    conn = sqlite3.connect(home / DB_FILE)
    newest = page_map.table_leaves(home / DB_FILE, "record")[-1]
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    conn.close()
    with (home / DB_FILE).open("r+b") as handle:
        handle.seek((newest - 1) * page_size)
        handle.write(b"\xff" * page_size)
    with pytest.raises(RegisterError, match=r"bozuk|açılamadı"):
        Desk(home)

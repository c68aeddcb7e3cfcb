"""The register: numbering, append-only storage, the hash chain, officers (SPEC §7, §O1-§O2)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import DatabaseError

import keyed_sqlite3 as sqlite3
from factories import cash, ek1, ek2, tcmb_xml
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.domain.rates import RatesError
from gumruk_desk.register.db import DB_FILE, RegisterError, current_revision, head_revision
from gumruk_desk.register.officers import MAX_FAILED_ATTEMPTS, AuthError, OfficerError
from gumruk_desk.register.station import StationError
from gumruk_desk.services import Desk
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    record_of,
)

TODAY = datetime.date.today()
YEAR = TODAY.year


def register(desk: Desk, data: dict[str, Any]) -> dict[str, Any]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness).to_json()


def today_ek2(**kw: Any) -> dict[str, Any]:
    return ek2(**kw)


def test_schema_is_at_head_and_pragmas_are_set(desk: Desk) -> None:
    assert current_revision(desk.db.engine) == head_revision()
    with desk.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_opening_a_missing_register_without_init_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="gumruk-desk init"):
        Desk(tmp_path / "nothing")


def test_series_are_separate_and_sequential(desk: Desk) -> None:
    numbers = [register(desk, today_ek2())["number"] for _ in range(3)]
    numbers += [register(desk, ek1())["number"] for _ in range(2)]
    assert numbers == [
        f"GM01-M1-A-{YEAR}-000001",
        f"GM01-M1-A-{YEAR}-000002",
        f"GM01-M1-A-{YEAR}-000003",
        f"GM01-M1-B-{YEAR}-000001",
        f"GM01-M1-B-{YEAR}-000002",
    ]


def test_paper_forms_have_their_own_series_and_date(desk: Desk) -> None:
    filled = (datetime.datetime.now() - datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    paper = {
        "number": "KAGIT-0001",
        "ledger_page": 1,
        "ledger_line": 1,
        "filled_at": filled.isoformat(timespec="minutes"),
    }
    result = register(desk, today_ek2(paper=paper))
    assert result["number"] == f"GM01-M1-KA-{YEAR}-000001"
    assert result["paper"]["number"] == "KAGIT-0001"
    assert result["rule_parameters"]["tolerance_year"] == 2013
    with pytest.raises(InvalidRecord) as err:
        register(desk, today_ek2(paper=paper))
    assert err.value.problems[0].path == "paper.number"
    assert register(desk, today_ek2())["number"] == f"GM01-M1-A-{YEAR}-000001"


def test_invalid_input_consumes_no_number(desk: Desk) -> None:
    first = register(desk, today_ek2())["number"]
    for bad in (
        today_ek2(detected=[cash("EUR", "1.001")]),
        today_ek2(
            declared=None, detected=[cash("EUR", "9000.00")], witness_officer=None
        ),  # needs a witness: refused after evaluation
        today_ek2(declared=None, detected=[cash("CHF", "10.00")]),
    ):  # no rate
        with pytest.raises(InvalidRecord):
            register(desk, bad)
    second = register(desk, today_ek2())["number"]
    assert int(second[-6:]) == int(first[-6:]) + 1


def test_registered_record_has_the_spec_shape(desk: Desk) -> None:
    result = register(desk, today_ek2(declared=None, detected=[cash("EUR", "1000.00")]))
    for key in (
        "number",
        "uuid",
        "registered_at",
        "office",
        "desk",
        "officer",
        "rule_set",
        "valuation",
        "outcome",
        "person",
        "declared",
        "detected",
    ):
        assert key in result
    assert result["officer"] == OFFICER
    assert result["office"] == "GM01" and result["desk"] == "M1"
    assert result["valuation"]["rate_date"] == TODAY.isoformat()
    assert result["outcome"]["code"] == "no_declaration"
    assert result["outcome"]["fine_try"] == "3500.00"
    assert record_of(desk, result["number"]) == {**result, "status": "registered"}


def test_exit_exception_looks_up_the_entry_declaration(desk: Desk) -> None:
    form = register(desk, ek1(cash=[cash("EUR", "10000.00")]))
    data = today_ek2(
        direction="exit",
        residence="non_resident",
        exit_exception={"kind": "entry_declaration", "reference": form["number"]},
        declared=[cash("EUR", "12000.00")],
        detected=[cash("EUR", "12000.00")],
    )
    assert register(desk, data)["outcome"]["exit_limit_exceeded"] is False
    data["exit_exception"]["reference"] = f"GM01-M1-B-{YEAR}-999999"
    result = register(desk, data)
    assert result["outcome"]["exit_limit_exceeded"] is True
    assert any("bulunamadı" in w for w in result["outcome"]["warnings"])


def test_exception_reference_typed_in_lower_case_is_found(desk: Desk) -> None:
    form = register(desk, ek1(cash=[cash("EUR", "10000.00")]))
    data = today_ek2(
        direction="exit",
        residence="non_resident",
        exit_exception={"kind": "entry_declaration", "reference": form["number"].lower()},
        declared=[cash("EUR", "12000.00")],
        detected=[cash("EUR", "12000.00")],
    )
    assert register(desk, data)["outcome"]["exit_limit_exceeded"] is False


def test_a_seized_form_is_no_exit_exception(desk: Desk) -> None:
    seized = register(desk, ek1(source_category="loan_from_abroad", cash=[cash("EUR", "50000.00")]))
    assert seized["outcome"]["code"] == "prohibited_source"
    data = today_ek2(
        direction="exit",
        residence="non_resident",
        exit_exception={"kind": "entry_declaration", "reference": seized["number"]},
        declared=[cash("EUR", "50000.00")],
        detected=[cash("EUR", "50000.00")],
    )
    result = register(desk, data)
    assert result["outcome"]["exit_limit_exceeded"] is True
    assert result["outcome"]["custody"]


def test_manual_rate_cannot_override_a_published_rate(desk: Desk) -> None:
    from decimal import Decimal

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    with pytest.raises(InvalidRecord) as err:
        desk.register(
            today_ek2(witness_officer=None),
            officer=officer,
            manual_rates={"EUR": Decimal("0.0001")},
        )
    assert err.value.problems[0].path == "manual_rates"


def test_manual_rate_is_marked_and_chained(desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    from decimal import Decimal

    result = desk.register(
        today_ek2(declared=[cash("CHF", "100.00")], detected=[cash("CHF", "100.00")]),
        officer=officer,
        witness=desk.authenticate(WITNESS, WITNESS_PW),
        manual_rates={"CHF": Decimal("38.50")},
    )
    assert result.valuation.rates["CHF"].manual
    with sqlite3.connect(desk.db.path) as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM event ORDER BY seq")]
    assert kinds[-2:] == ["registration", "manual_rate"]


def test_the_register_refuses_update_and_delete(desk: Desk) -> None:
    register(desk, today_ek2())
    with desk.db.engine.begin() as conn, pytest.raises(DatabaseError, match="değiştirilemez"):
        conn.exec_driver_sql("UPDATE record SET id_number = 'X'")
    with desk.db.engine.begin() as conn, pytest.raises(DatabaseError, match="değiştirilemez"):
        conn.exec_driver_sql("DELETE FROM event")


# -- tamper evidence ------------------------------------------------------------------------


def _tamper(path: Path, *statements: str) -> None:
    """What an attacker with the file and the plain sqlite3 module can do."""
    conn = sqlite3.connect(path)
    try:
        for name in (
            "record_no_update",
            "record_no_delete",
            "event_no_update",
            "event_no_delete",
            "rate_bulletin_no_update",
            "rate_bulletin_no_delete",
        ):
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def three_records(home: Path) -> list[str]:
    with Desk(home) as desk:
        return [register(desk, today_ek2())["number"] for _ in range(3)]


RECORD_COLUMNS = [
    "uuid",
    "number",
    "kind",
    "series",
    "office",
    "desk",
    "year",
    "seq",
    "registered_at",
    "record_date",
    "officer_sicil",
    "last_name_key",
    "id_number",
    "outcome_code",
    "paper_number",
    "content",
    "row_hash",
    "id",
]


@pytest.mark.parametrize("column", RECORD_COLUMNS)
def test_changing_any_stored_value_is_detected(
    home: Path, three_records: list[str], column: str
) -> None:
    target = three_records[1]
    value = {"year": "year + 1", "seq": "seq + 100", "id": "id + 100"}.get(
        column, f"COALESCE({column}, '') || 'x'"
    )
    _tamper(home / DB_FILE, f"UPDATE record SET {column} = {value} WHERE number = '{target}'")
    with Desk(home) as desk:
        result = desk.verify()
    assert not result.ok
    # The message names the record (by its number before the change).
    assert target in (result.problem or "") or (
        column == "number" and target[:-1] in (result.problem or "")
    ), result.problem


def test_changing_a_value_inside_the_json_content_is_detected(
    home: Path, three_records: list[str]
) -> None:
    _tamper(
        home / DB_FILE,
        "UPDATE record SET content = replace(content, '\"1000.00\"', "
        f"'\"100.00\"') WHERE number = '{three_records[0]}'",
    )
    with Desk(home) as desk:
        result = desk.verify()
    assert not result.ok and three_records[0] in (result.problem or "")


def test_deleting_a_record_row_is_detected(home: Path, three_records: list[str]) -> None:
    _tamper(home / DB_FILE, f"DELETE FROM record WHERE number = '{three_records[2]}'")
    with Desk(home) as desk:
        result = desk.verify()
    assert not result.ok and three_records[2] in (result.problem or "")
    assert "silinmiş" in (result.problem or "")


def test_deleting_an_event_is_detected(home: Path, three_records: list[str]) -> None:
    _tamper(home / DB_FILE, "DELETE FROM event WHERE seq = 3")
    with Desk(home) as desk:
        result = desk.verify()
    assert not result.ok and "#3" in (result.problem or "")


def test_changing_an_event_is_detected(home: Path, three_records: list[str]) -> None:
    _tamper(home / DB_FILE, "UPDATE event SET actor = '99999' WHERE seq = 2")
    with Desk(home) as desk:
        result = desk.verify()
    assert not result.ok and "#2" in (result.problem or "")


def test_a_record_added_outside_the_chain_is_detected(home: Path, three_records: list[str]) -> None:
    _tamper(
        home / DB_FILE,
        "INSERT INTO record (id, uuid, number, kind, series, office, desk, year, seq, "
        "registered_at, record_date, officer_sicil, last_name_key, id_number, outcome_code, "
        "paper_number, content, row_hash) SELECT id + 1000, uuid || 'x', 'SAHTE-1', kind, "
        "series, office, desk, year, seq + 1000, registered_at, record_date, officer_sicil, "
        "last_name_key, id_number, outcome_code, paper_number, content, row_hash "
        f"FROM record WHERE number = '{three_records[0]}'",
    )
    with Desk(home) as desk:
        result = desk.verify()
    assert not result.ok and "SAHTE-1" in (result.problem or "")


def test_intact_register_verifies(home: Path, three_records: list[str]) -> None:
    with Desk(home) as desk:
        result = desk.verify()
    assert result.ok and result.records == 3 and result.problem is None


# -- officers ---------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_until_a_supervisor_unlocks(desk: Desk) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            desk.authenticate(OFFICER, "yanlış-parola")
    with pytest.raises(AuthError, match="kilitli"):
        desk.authenticate(OFFICER, OFFICER_PW)
    with pytest.raises(AuthError, match="idare amiri"):
        desk.unlock_officer(OFFICER, WITNESS, WITNESS_PW)  # not a supervisor
    desk.unlock_officer(OFFICER, SUPERVISOR, SUPERVISOR_PW)
    assert desk.authenticate(OFFICER, OFFICER_PW).sicil == OFFICER
    with sqlite3.connect(desk.db.path) as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM event")]
    assert kinds.count("login_failed") == MAX_FAILED_ATTEMPTS + 1
    assert "officer_locked" in kinds and "officer_unlocked" in kinds


def test_a_correct_password_resets_the_count(desk: Desk) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(AuthError):
            desk.authenticate(OFFICER, "yanlış-parola")
    desk.authenticate(OFFICER, OFFICER_PW)
    with pytest.raises(AuthError, match="hatalı"):
        desk.authenticate(OFFICER, "yanlış-parola")
    assert desk.authenticate(OFFICER, OFFICER_PW)


def test_passwords_are_stored_as_scrypt_hashes(desk: Desk) -> None:
    raw = desk.db.path.read_bytes()
    assert OFFICER_PW.encode() not in raw
    with sqlite3.connect(desk.db.path) as conn:
        stored = conn.execute(
            "SELECT password_hash FROM officer WHERE sicil = ?", (OFFICER,)
        ).fetchone()[0]
    assert stored.startswith("scrypt$16384$8$1$")


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"sicil": "12 34"}, "Sicil"),
        ({"name": " "}, "adı"),
        ({"password": "kısa"}, "8"),
        ({"sicil": OFFICER}, "zaten"),
    ],
)
def test_bad_officer_data_is_refused(desk: Desk, kwargs: dict[str, str], fragment: str) -> None:
    data = {
        "sicil": "77777",
        "name": "Ali Veli",
        "title": "Memur",
        "password": "uzun-parola",
        **kwargs,
    }
    with pytest.raises(OfficerError, match=fragment):
        desk.add_officer(
            sicil=data["sicil"], name=data["name"], title=data["title"], password=data["password"]
        )


def test_station_cannot_be_changed_after_init(desk: Desk) -> None:
    with pytest.raises(StationError, match="değiştirilemez"):
        desk.init_station(office_code="GM02", office_name="Başka", desk="M9")
    station, created = desk.init_station(
        office_code="GM01",
        office_name="İstanbul Havalimanı Gümrük Müdürlüğü",
        desk="M1",
        customs_area="Dış Hatlar Geliş Salonu",
    )
    assert not created and station.office_code == "GM01"


# -- rates and search ---------------------------------------------------------------------------


def test_bad_rate_file_changes_nothing(desk: Desk) -> None:
    before = desk.latest_bulletin_date()
    with pytest.raises(RatesError):
        desk.import_rates(tcmb_xml(TODAY + datetime.timedelta(days=1))[:-20])
    assert desk.latest_bulletin_date() == before
    _, stored = desk.import_rates(tcmb_xml(TODAY))
    assert not stored  # the same bulletin again is not stored twice


def test_search_by_number_document_and_surname_prefix(desk: Desk) -> None:
    first = register(desk, today_ek2())
    other = today_ek2()
    other["person"].update(
        last_name="Işıklı", id_kind="tckn", id_number="10000000146", nationality="TR"
    )
    second = register(desk, other)
    assert [r.number for r in desk.search(first["number"])] == [first["number"]]
    assert [r.number for r in desk.search("10000000146")] == [second["number"]]
    assert [r.number for r in desk.search("ışık")] == [second["number"]]  # Turkish casing
    assert [r.number for r in desk.search("MÜL")] == [first["number"]]
    assert desk.search("Yok") == []


def test_a_register_at_the_first_migration_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    from gumruk_desk.register.db import make_engine, migrate

    home = tmp_path / "old"
    home.mkdir()
    engine = make_engine(home / DB_FILE)
    migrate(engine, home / DB_FILE, "0001")
    assert current_revision(engine) == "0001"
    engine.dispose()
    with Desk(home, create=True) as desk:
        assert current_revision(desk.db.engine) == head_revision()
        with desk.db.engine.connect() as conn:
            names = {
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
            }
        assert "ix_record_last_name_key_id" in names and "ix_record_last_name_key" not in names
    backups = list((home / "backups").glob("before-migration-0001-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_changing_a_rate_bulletin_is_detected_and_refused(home: Path) -> None:
    _tamper(
        home / DB_FILE,
        "DROP TRIGGER IF EXISTS rate_bulletin_no_update",
        "UPDATE rate_bulletin SET quotes = replace(quotes, '35.0000', '0.0035')",
    )
    with Desk(home) as desk:
        result = desk.verify()
        assert not result.ok and "kur bülteni değiştirilmiş" in (result.problem or "")
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        with pytest.raises(RegisterError, match="değiştirilmiş"):
            desk.register(today_ek2(witness_officer=None), officer=officer)


def test_bulletins_are_append_only(desk: Desk) -> None:
    with desk.db.engine.begin() as conn, pytest.raises(DatabaseError, match="değiştirilemez"):
        conn.exec_driver_sql("DELETE FROM rate_bulletin")


def test_promoting_an_officer_behind_the_registers_back_is_detected(home: Path) -> None:
    _tamper(home / DB_FILE, f"UPDATE officer SET role = 'supervisor' WHERE sicil = '{OFFICER}'")
    with Desk(home) as desk:
        result = desk.verify()
    assert not result.ok and OFFICER in (result.problem or "")


def test_a_reader_does_not_block_a_registration(desk: Desk) -> None:
    with desk.db.reading() as reader:
        from sqlalchemy import text as sql

        before = reader.execute(sql("SELECT count(*) FROM record")).scalar_one()
        register(desk, today_ek2())  # commits while the read transaction is open
        assert reader.execute(sql("SELECT count(*) FROM record")).scalar() == before
    assert len(list(desk.list_records())) == before + 1

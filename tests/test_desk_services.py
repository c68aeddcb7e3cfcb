"""The services the desk window uses: set-up, demo station, drafts, browsing, status,
manual rates, rule sets and settings — each audited where the issue asks for it."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import keyed_sqlite3 as sqlite3
from factories import BULLETIN, cash, ek1, ek2, quote, tcmb_xml
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.domain.rates import RatesError
from gumruk_desk.domain.rules import RuleSetError
from gumruk_desk.register.browse import FilterError, RecordFilter
from gumruk_desk.register.demo import DEMO_OFFICERS
from gumruk_desk.register.officers import AuthError, OfficerError
from gumruk_desk.register.settings import SettingError
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, WITNESS, WITNESS_PW

RULESET_FILE = Path(__file__).parent / "data" / "ruleset-test-2025.json"


def register(desk: Desk, data: dict[str, Any], **kw: Any) -> dict[str, Any]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness, **kw).to_json()


def events(desk: Desk, kind: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(desk.db.path) as conn:
        return conn.execute("SELECT actor, payload FROM event WHERE kind = ?", (kind,)).fetchall()


# -- first run ------------------------------------------------------------------------------------
def test_setup_station_creates_station_and_supervisor_together(tmp_path: Path) -> None:
    with Desk(tmp_path / "h", create=True) as desk:
        assert not desk.is_set_up()
        with pytest.raises(OfficerError, match="en az 8"):
            desk.setup_station(
                office_code="GM02",
                office_name="Kapıkule Gümrük Müdürlüğü",
                desk="M3",
                supervisor_sicil="70001",
                supervisor_name="Ali Can",
                supervisor_title="Müdür Yardımcısı",
                supervisor_password="kısa",
            )
        # Both or neither: the station was not left behind without a supervisor.
        assert not desk.is_set_up()
        desk.setup_station(
            office_code="gm02",
            office_name="Kapıkule Gümrük Müdürlüğü",
            desk="m3",
            supervisor_sicil="70001",
            supervisor_name="Ali Can",
            supervisor_title="Müdür Yardımcısı",
            supervisor_password="uzun-parola-1",
        )
        assert desk.is_set_up()
        assert (desk.station().office_code, desk.station().desk_code) == ("GM02", "M3")
        assert desk.authenticate("70001", "uzun-parola-1").role == "supervisor"
        assert desk.verify().ok


def test_demo_station_has_officers_rates_and_says_demo(tmp_path: Path) -> None:
    with Desk(tmp_path / "h", create=True) as desk:
        desk.init_demo()
        assert desk.station().demo
        assert [o.sicil for o in desk.officers()] == sorted(o.sicil for o in DEMO_OFFICERS)
        for o in DEMO_OFFICERS:
            assert desk.authenticate(o.sicil, o.password).role == (
                "supervisor" if o.supervisor else "officer"
            )
        status = desk.status()
        assert status.demo and status.bulletin_date == datetime.date.today()
        assert status.ruleset_name == "2013/1"
        officer = desk.authenticate(DEMO_OFFICERS[0].sicil, DEMO_OFFICERS[0].password)
        record = desk.register(ek1(), officer=officer)
        assert record.demo is True and record.number.startswith("DEMO-M1-B-")
        # The sample's rates, not a stale-rate warning on the day it was set up.
        assert not any("eski" in w for w in record.outcome.warnings)
        assert desk.verify().ok


# -- drafts ---------------------------------------------------------------------------------------
def test_drafts_are_saved_listed_and_removed_by_registration(desk: Desk) -> None:
    first = desk.save_draft(None, kind="nakit_beyan", officer=OFFICER, page=1, data={"a": "ğ"})
    second = desk.save_draft(None, kind="nakit_beyan", officer=WITNESS, page=0, data={})
    assert desk.save_draft(first, kind="nakit_beyan", officer=OFFICER, page=3, data=ek1()) == first
    draft = desk.draft(first)
    assert draft is not None and draft.page == 3 and draft.data == ek1()
    assert {d.id for d in desk.drafts()} == {first, second}
    assert [d.id for d in desk.drafts(officer=WITNESS)] == [second]
    record = register(desk, ek1(), draft_id=first)
    assert desk.draft(first) is None and desk.show(record["number"]) is not None
    desk.discard_draft(second)
    assert desk.drafts() == []


def test_a_refused_registration_keeps_its_draft(desk: Desk) -> None:
    draft_id = desk.save_draft(None, kind="nakit_beyan", officer=OFFICER, page=7, data={"x": 1})
    with pytest.raises(InvalidRecord):
        register(desk, ek1(direction="exit"), draft_id=draft_id)
    assert desk.draft(draft_id) is not None


# -- browsing -------------------------------------------------------------------------------------
def test_browse_pages_newest_first_and_filters(desk: Desk) -> None:
    numbers = []
    for i in range(7):
        surname = ("Şahin", "Şahinoğlu", "Şahbaz")[i // 2] if i % 2 else "Özdemir"
        person = {**ek1()["person"], "last_name": surname}
        numbers.append(register(desk, ek1(person=person))["number"])
    explained = register(desk, ek2(witness_officer=WITNESS))
    everything = RecordFilter()
    assert desk.count_records(everything) == 8
    first = desk.browse(everything, limit=3)
    assert [r.number for r in first] == [explained["number"], numbers[6], numbers[5]]
    rest = desk.browse(everything, before_id=first[-1].id, limit=100)
    assert [r.number for r in rest] == numbers[4::-1]
    assert first[0].kind == "nakit_aciklama" and not first[0].cancelled and not first[0].synced

    assert desk.count_records(RecordFilter(kind="nakit_beyan")) == 7
    by_surname = desk.browse(RecordFilter(text="şah"))  # Turkish casing: ŞAHİN
    assert sorted(r.number for r in by_surname) == [numbers[1], numbers[3], numbers[5]]
    assert [r.number for r in desk.browse(RecordFilter(text=numbers[2].lower()))] == [numbers[2]]
    doc = ek1()["person"]["id_number"]
    assert desk.count_records(RecordFilter(text=doc)) == 8  # the EK-2 factory: same passport
    row = desk.browse(RecordFilter(text=numbers[0]))[0]
    assert (row.first_name, row.last_name) == (ek1()["person"]["first_name"], "Özdemir")
    today = datetime.date.today()
    assert desk.count_records(RecordFilter(date_from=today, date_to=today)) == 8
    tomorrow = today + datetime.timedelta(days=1)
    assert desk.count_records(RecordFilter(date_from=tomorrow)) == 0
    assert desk.count_records(RecordFilter(status="cancelled")) == 0
    assert desk.count_records(RecordFilter(status="registered", synced=False)) == 8
    with pytest.raises(FilterError):
        RecordFilter(kind="başka")


# -- status ---------------------------------------------------------------------------------------
def test_status_names_bulletin_ruleset_warnings_and_pending(desk: Desk) -> None:
    register(desk, ek1())
    status = desk.status()
    assert status.bulletin_date == datetime.date.today()
    assert status.ruleset_name == "2013/1" and not status.demo
    assert status.pending_upload == 1 and status.total_records == 1
    # The shipped rule set defines the tolerance for 2013 only (SPEC §2).
    assert any("müsaade edilen fark tanımlı değil" in w for w in status.warnings)
    later = desk.status(datetime.date.today() + datetime.timedelta(days=10))
    assert any("gün eski" in w for w in later.warnings)


# -- manual rates ---------------------------------------------------------------------------------
def test_manual_rate_fills_a_gap_only_and_is_audited(desk: Desk) -> None:
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    today = datetime.date.today()
    with pytest.raises(AuthError):
        desk.add_manual_rate(currency="CHF", try_per_unit=Decimal("38"), day=today, actor=officer)
    with pytest.raises(RatesError, match="TCMB bülteninde EUR kuru var"):
        desk.add_manual_rate(currency="EUR", try_per_unit=Decimal("1"), day=today, actor=supervisor)
    with pytest.raises(RatesError):
        desk.add_manual_rate(
            currency="CHF", try_per_unit=Decimal("-1"), day=today, actor=supervisor
        )
    with pytest.raises(InvalidRecord):  # no rate for CHF yet
        register(desk, ek1(cash=[cash("CHF", "100.00")]))
    desk.add_manual_rate(currency="chf", try_per_unit=Decimal("38.5"), day=today, actor=supervisor)
    assert desk.manual_rates(today) == {"CHF": Decimal("38.5")}
    record = register(desk, ek1(cash=[cash("CHF", "100.00")]))
    assert record["valuation"]["rates"]["CHF"] == "38.5"
    assert any("elle" in w.lower() for w in record["outcome"]["warnings"])
    assert [a for a, _ in events(desk, "manual_rate_entered")] == [SUPERVISOR]
    assert desk.verify().ok


def test_a_changed_manual_rate_is_named_by_verify(desk: Desk) -> None:
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    day = datetime.date.today()
    desk.add_manual_rate(currency="CHF", try_per_unit=Decimal("38.5"), day=day, actor=supervisor)
    with sqlite3.connect(desk.db.path) as conn:
        conn.execute("DROP TRIGGER manual_rate_no_update")
        conn.execute("UPDATE manual_rate SET try_per_unit = '3.85'")
    result = desk.verify()
    assert not result.ok and "CHF" in (result.problem or "")


def test_each_registration_sees_the_reference_data_changed_since_the_last(
    desk: Desk, home: Path
) -> None:
    """What a registration reads from the rule sets, bulletins and manual rates is kept with
    the connection for the next one; whatever changes them in between, in this process or
    another one, is seen by the next registration."""
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    today = datetime.date.today()
    euros = [cash("EUR", "100.00")]
    first = register(desk, ek1(cash=euros))
    assert (first["rule_set"], first["valuation"]["rates"]["EUR"]) == ("2013/1", "35.0000")
    # Another process imports a second bulletin of today with another EUR rate.
    changed = dataclasses.replace(
        BULLETIN, quotes={**BULLETIN.quotes, "EUR": quote("EUR", "36.5000", "36.4000")}
    )
    with Desk(home) as other:
        other.import_rates(tcmb_xml(today, changed))
    assert register(desk, ek1(cash=euros))["valuation"]["rates"]["EUR"] == "36.5000"
    # A manual rate for a currency the bulletin lacks, typed here.
    desk.add_manual_rate(currency="CHF", try_per_unit=Decimal("38.5"), day=today, actor=supervisor)
    francs = register(desk, ek1(cash=[cash("CHF", "100.00")]))
    assert francs["valuation"]["rates"]["CHF"] == "38.5"
    # A rule set loaded by another process.
    with Desk(home) as other:
        other.load_ruleset(RULESET_FILE.read_bytes(), other.authenticate(SUPERVISOR, SUPERVISOR_PW))
    assert register(desk, ek1(cash=euros))["rule_set"] == "TEST-2025"
    assert desk.verify().ok
    # Even a row changed behind the register's back (not the last one) is read again.
    desk.add_manual_rate(currency="SEK", try_per_unit=Decimal("3.1"), day=today, actor=supervisor)
    assert register(desk, ek1(cash=[cash("CHF", "1.00")]))["valuation"]["rates"]["CHF"] == "38.5"
    with sqlite3.connect(desk.db.path) as conn:
        conn.execute("DROP TRIGGER manual_rate_no_update")
        conn.execute("UPDATE manual_rate SET try_per_unit = '99' WHERE currency = 'CHF'")
    assert register(desk, ek1(cash=[cash("CHF", "1.00")]))["valuation"]["rates"]["CHF"] == "99"


# -- rule sets ------------------------------------------------------------------------------------
def test_loading_a_rule_set_is_supervised_audited_and_used(desk: Desk) -> None:
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    data = RULESET_FILE.read_bytes()
    with pytest.raises(AuthError):
        desk.load_ruleset(data, officer)
    with pytest.raises(RuleSetError):
        desk.load_ruleset(b'{"format": 1, "id": "X"}', supervisor)
    with pytest.raises(RuleSetError, match="UTF-8"):
        desk.load_ruleset(b"\xff\xfe", supervisor)
    assert [i.id for i in desk.rulesets()] == ["2013/1", "2024/1"]  # as shipped
    info = desk.load_ruleset(data, supervisor)
    assert (info.id, info.origin, info.in_force) == ("TEST-2025", "loaded", True)
    assert desk.load_ruleset(data, supervisor).id == "TEST-2025"  # the same file again: no-op
    assert len(events(desk, "ruleset_loaded")) == 1
    with pytest.raises(RuleSetError, match="başka bir kural seti"):
        desk.load_ruleset(data.replace(b"Test rule set", b"Other rule set"), supervisor)
    assert register(desk, ek1())["rule_set"] == "TEST-2025"
    assert desk.status().ruleset_name == "TEST-2025"
    assert desk.verify().ok
    with sqlite3.connect(desk.db.path) as conn:
        conn.execute("DROP TRIGGER ruleset_file_no_update")
        conn.execute("UPDATE ruleset_file SET content = replace(content, '0.10', '0.01')")
    result = desk.verify()
    assert not result.ok and "TEST-2025" in (result.problem or "")
    # A desk opened afterwards refuses to evaluate with it: a problem shown to the officer
    # (exit 2 on the command line), nothing stored.
    with Desk(desk.db.home) as reopened:
        for attempt in (reopened.evaluate, lambda data: register(reopened, data)):
            with pytest.raises(InvalidRecord, match=r"TEST-2025.*değiştirilmiş"):
                attempt(ek1())


# -- settings -------------------------------------------------------------------------------------
def test_idle_lock_setting_is_supervised_and_audited(desk: Desk) -> None:
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    assert desk.idle_lock_minutes() == 5
    with pytest.raises(AuthError):
        desk.set_idle_lock_minutes(1, desk.authenticate(OFFICER, OFFICER_PW))
    with pytest.raises(SettingError):
        desk.set_idle_lock_minutes(-1, supervisor)
    desk.set_idle_lock_minutes(12, supervisor)
    desk.set_idle_lock_minutes(12, supervisor)  # unchanged: no second event
    assert desk.idle_lock_minutes() == 12
    assert len(events(desk, "setting_changed")) == 1
    assert desk.verify().ok


def test_browse_rows_flag_any_sanction_even_for_a_correct_exit(desk: Desk) -> None:
    declared = register(desk, ek1())
    over_limit_exit = register(
        desk,
        ek2(
            direction="exit",
            country_from=None,
            country_to="DE",
            residence="non_resident",
            exit_exception=None,
            declared=[cash("EUR", "16000.00")],
            detected=[cash("EUR", "16000.00")],
            witness_officer=WITNESS,
        ),
    )
    assert over_limit_exit["outcome"]["code"] == "correct"
    assert over_limit_exit["outcome"]["exit_limit_exceeded"] is True
    rows = {r.number: r for r in desk.browse(RecordFilter())}
    assert not rows[declared["number"]].sanctioned
    assert rows[over_limit_exit["number"]].sanctioned


def test_value_in_try_uses_the_rates_registration_would_use(desk: Desk) -> None:
    today = datetime.date.today()
    lines = [cash("EUR", "100.00"), cash("CHF", "10.00"), {"currency": "USD", "amount": "x"}]
    value = desk.value_in_try(lines, today)
    assert (value.total_try, value.missing, value.rate_date) == (
        Decimal("3500.00"),
        ("CHF",),
        today,
    )
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    desk.add_manual_rate(currency="CHF", try_per_unit=Decimal("38.5"), day=today, actor=supervisor)
    assert desk.value_in_try(lines, today).total_try == Decimal("3885.00")
    assert desk.ruleset_in_force(today).id == "2013/1"


def test_the_running_total_is_the_registered_total(desk: Desk) -> None:
    """The wizards' TL total and the registration take their rates from one function: a
    bulletin imported after a manual rate wins in both, and a paper form is valued on the day
    it was filled, not today."""
    today = datetime.date.today()
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    lines = [cash("EUR", "100.00"), cash("CHF", "10.00")]

    def registered(data: dict[str, Any]) -> Decimal:
        found = desk.register(data, officer=officer).valuation.declared_try
        assert found is not None
        return found

    desk.add_manual_rate(currency="CHF", try_per_unit=Decimal("38.5"), day=today, actor=supervisor)
    assert desk.value_in_try(lines, today).total_try == registered(ek1(cash=lines))
    # A bulletin with CHF arrives: it wins over the manual rate, on the screen as on the form.
    with_chf = dataclasses.replace(
        BULLETIN, quotes={**BULLETIN.quotes, "CHF": quote("CHF", "40.0000", "39.9000")}
    )
    desk.import_rates(tcmb_xml(today, with_chf))
    shown = desk.value_in_try(lines, today).total_try
    assert shown == Decimal("3900.00") == registered(ek1(cash=lines))
    # A paper form filled three days ago: that day's bulletin, not today's.
    block = desk.reserve_paper_block(
        "nakit_beyan", 1, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )
    filled = datetime.datetime.combine(today - datetime.timedelta(days=3), datetime.time(10))
    paper = {
        "number": block.numbers[0],
        "filled_at": filled.astimezone().isoformat(timespec="seconds"),
        "ledger_page": 1,
        "ledger_line": 1,
    }
    eur = [cash("EUR", "100.00")]
    on_paper_day = desk.value_in_try(eur, filled.date())
    assert on_paper_day.rate_date == filled.date()
    assert on_paper_day.total_try == registered(ek1(cash=eur, paper=paper))

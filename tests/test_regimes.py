"""The regimes after Genelge 2013/1: the 2024/1 rule set ships as a draft with exit
declaration thresholds, applies only once a supervisor or the centre confirms it, cites its
own law on the documents, and the desk says when the law has moved on.

Switching regimes is data only: the tests below select rule sets by their files and digests.
"""

from __future__ import annotations

import ast
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import keyed_sqlite3 as sqlite3
from factories import TODAY, cash, ek1, ek2, rates
from gumruk_desk.domain.evaluation import evaluate
from gumruk_desk.domain.rules import (
    RuleSetError,
    parse_ruleset,
    parse_ruleset_text,
    select_ruleset,
    supersession_notices,
)
from gumruk_desk.domain.tolerance import propose
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.register.officers import AuthError
from gumruk_desk.resources import revaluation_rates, shipped_rulesets
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

ROOT = Path(__file__).resolve().parents[1]
RULESETS = ROOT / "resources" / "rulesets"
OLD = next(r for r in shipped_rulesets() if r.id == "2013/1")
DRAFT = next(r for r in shipped_rulesets() if r.id == "2024/1")
CONFIRMED = frozenset({DRAFT.digest})
AFTER_STEP = datetime.date(2025, 6, 2)  # the 185,000 TL threshold applies
BEFORE_STEP = datetime.date(2025, 1, 10)  # the 25,000 TL threshold applies


def exit_ek2(detected: list[dict[str, Any]], declared: Any = "same") -> dict[str, Any]:
    return ek2(
        direction="exit",
        country_from=None,
        country_to="DE",
        residence="non_resident",
        declared=detected if declared == "same" else declared,
        detected=detected,
    )


def run(data: dict[str, Any], ruleset: Any, on: datetime.date) -> dict[str, Any]:
    record = validate_record(data, on).record
    return evaluate(record, ruleset, rates(on, same_day_bulletin=True), on).to_json()


# -- the files ---------------------------------------------------------------------------------


def test_2024_1_ships_as_a_draft_with_each_parameter_marked() -> None:
    assert DRAFT.status == "draft" and DRAFT.format == 2
    assert DRAFT.exit_mode == "declaration_thresholds"
    assert DRAFT.declaration_directions == {"entry", "exit"}
    assert (DRAFT.entry_declaration, DRAFT.entry_source_check) == ("voluntary", False)
    lira = [
        (t.since.isoformat(), t.amount, t.currency, t.confirmed)
        for t in DRAFT.exit_thresholds["lira"]
    ]
    assert lira == [
        ("2024-03-05", Decimal("25000.00"), "TRY", False),
        ("2025-03-15", Decimal("185000.00"), "TRY", True),
    ]
    [foreign] = DRAFT.exit_thresholds["foreign"]
    assert (foreign.amount, foreign.currency, foreign.confirmed) == (
        Decimal("10000.00"),
        "EUR",
        True,
    )
    assert DRAFT.fine_rate == Decimal("0.10") and "5549" in DRAFT.fine_source
    assert DRAFT.grounds["seizure_law"] == "5607 s. Kanun; CMK m.123"
    # Every parameter says where it comes from; the unconfirmed ones are listed.
    assert all(p.source for p in DRAFT.provenance)
    assert {p.name for p in DRAFT.unconfirmed} >= {
        "entry",
        "exit.thresholds.lira[0]",
        "explanation.tolerance[2013]",
        "legal_grounds",
    }
    [moved] = DRAFT.supersedes
    assert (moved.id, moved.since) == ("2013/1", datetime.date(2015, 4, 15))


def test_2013_1_stays_as_it_was_and_stays_the_default() -> None:
    assert OLD.status == "in_force" and OLD.format == 1
    assert OLD.exit_mode == "limits_with_exceptions" and not OLD.unconfirmed
    assert OLD.grounds["seizure_law"] == "1918 s. Kanun m.54"
    # A draft never applies by itself, on any day.
    for day in (TODAY, AFTER_STEP, datetime.date(2030, 1, 1)):
        assert select_ruleset(shipped_rulesets(), day).id == "2013/1"
        assert select_ruleset(shipped_rulesets(), day, CONFIRMED).id == "2024/1"
    assert select_ruleset(shipped_rulesets(), datetime.date(2024, 1, 1), CONFIRMED).id == "2013/1"


def test_a_format_1_file_still_loads_and_cites_itself() -> None:
    doc = json.loads((RULESETS / "genelge-2013-1.json").read_text(encoding="utf-8"))
    doc.pop("legal_grounds")
    doc["id"] = "OLD-STYLE"
    ruleset = parse_ruleset(doc)
    assert ruleset.status == "in_force" and ruleset.grounds["fine"] == ruleset.fine_source
    # It cites what it names, never another rule set's law.
    assert ruleset.grounds["seizure_law"] == "Gümrüklerde Nakit Kontrolleri (OLD-STYLE)"
    result = run(ek2(declared=None, detected=[cash("TRY", "5000.00")]), ruleset, TODAY)
    assert any("5549 sayılı Kanun m.16" in g for g in result["outcome"]["grounds"])


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d.update(status="maybe"), "status"),
        (lambda d: d["exit"].update(mode="sideways"), "exit.mode"),
        (lambda d: d["exit"]["thresholds"]["lira"][1].pop("confirmed"), "confirmed"),
        (lambda d: d["exit"]["thresholds"]["lira"][1].update(amount="-5"), "amount"),
        (lambda d: d["exit"]["thresholds"].update(lira=[]), "exit.thresholds.lira"),
        (lambda d: d["entry"].update(declaration="sometimes"), "entry.declaration"),
        (lambda d: d["legal_grounds"]["texts"].pop("seizure_law"), "seizure_law"),
        (lambda d: d["supersedes"][0].update(since="x"), "tanınmayan"),
        (lambda d: d["declaration_directions"].update(values=["entry"]), "exit"),
        (lambda d: d.update(format=3), "sürüm"),
        (lambda d: d["entry"].update(declaration="required"), "uygulanamaz"),
        (lambda d: d["explanation"].update(toleranse=[]), "toleranse"),
        (lambda d: d["copies"].update(nakit_beyn=3), "nakit_beyn"),
        (lambda d: d["copies"].update(nakit_beyan=0), "en az 1"),
        (
            lambda d: d["exit"]["thresholds"]["foreign"][0].update({"from": "2024-04-01"}),
            "ilk adımı",
        ),
    ],
)
def test_bad_format_2_files_are_refused_with_the_reason(mutate: Any, fragment: str) -> None:
    doc = json.loads((RULESETS / "genelge-2024-1.json").read_text(encoding="utf-8"))
    mutate(doc)
    with pytest.raises(RuleSetError, match=fragment):
        parse_ruleset(doc)


def test_the_same_rule_set_has_the_same_digest_however_its_file_is_written() -> None:
    text = (RULESETS / "genelge-2024-1.json").read_text(encoding="utf-8")
    assert parse_ruleset_text(text.replace("\n", "\r\n")).digest == DRAFT.digest
    assert parse_ruleset_text(json.dumps(json.loads(text))).digest == DRAFT.digest
    assert parse_ruleset_text(text.replace("Nakit Kontrolleri", "Başka")).digest != DRAFT.digest


def test_a_repeated_key_is_refused() -> None:
    with pytest.raises(RuleSetError, match="iki kez"):
        parse_ruleset_text('{"format": 2, "format": 1}')


# -- the same cases under both rule sets --------------------------------------------------------


@pytest.mark.parametrize("ruleset", [OLD, DRAFT], ids=["2013/1", "2024/1"])
@pytest.mark.parametrize(
    "data, code, fine, custody",
    [
        (ek2(), "correct", "0.00", False),
        (ek2(declared=None, detected=[cash("TRY", "2000.00")]), "no_declaration", "0.00", False),
        (ek2(declared=None, detected=[cash("EUR", "1000.00")]), "no_declaration", "3500.00", True),
        (
            ek2(declared=[cash("EUR", "1000.00")], detected=[cash("EUR", "3000.00")]),
            "misdeclared",
            "7000.00",
            True,
        ),
        (ek2(source_category="personal_capital"), "prohibited_source", "0.00", True),
        (ek1(), "declared", "0.00", False),
        (ek1(source_category="loan_from_abroad"), "prohibited_source", "0.00", True),
    ],
)
def test_entry_cases_under_both_rule_sets(
    ruleset: Any, data: dict[str, Any], code: str, fine: str, custody: bool
) -> None:
    outcome = run(data, ruleset, TODAY)["outcome"]
    assert (outcome["code"], outcome["fine_try"], bool(outcome["custody"])) == (code, fine, custody)
    assert outcome["declaration_due"] is False


def test_grounds_cite_the_law_of_their_rule_set() -> None:
    data = ek2(declared=None, detected=[cash("EUR", "1000.00")])
    old = run(data, OLD, TODAY)
    new = run(data, DRAFT, TODAY)
    assert old["rule_parameters"]["legal_grounds"]["seizure_law"] == "1918 s. Kanun m.54"
    assert new["rule_parameters"]["legal_grounds"]["seizure_law"] == "5607 s. Kanun; CMK m.123"
    prohibited = run(ek1(source_category="loan_from_abroad"), DRAFT, TODAY)
    assert "Genelge 2024/1 §1.1" in prohibited["outcome"]["grounds"][0]
    assert "2013/1" not in " ".join(prohibited["outcome"]["grounds"])


# -- exit under the draft ----------------------------------------------------------------------


def test_12000_eur_leaving_makes_a_declaration_due() -> None:
    result = run(exit_ek2([cash("EUR", "12000.00")]), DRAFT, AFTER_STEP)
    outcome = result["outcome"]
    assert outcome["code"] == "correct" and outcome["declaration_due"] is True
    assert outcome["exit_limit_exceeded"] is False and outcome["custody"] == []
    assert result["valuation"]["exit_threshold_foreign_try"] == "350000.00"
    assert any("Nakit Beyan Formu ile beyan edilmeli" in g for g in outcome["grounds"])
    # The same cash under 2013/1 is over its 5,000 USD limit: custody, no declaration.
    old = run(exit_ek2([cash("EUR", "12000.00")]), OLD, AFTER_STEP)["outcome"]
    assert old["exit_limit_exceeded"] is True and old["declaration_due"] is False


def test_declared_on_exit_is_a_nakit_beyan_formu() -> None:
    data = ek1(direction="exit", country_to="DE", cash=[cash("EUR", "12000.00")])
    result = run(data, DRAFT, AFTER_STEP)
    assert result["outcome"]["code"] == "declared"
    assert result["outcome"]["copies"] == 3
    assert result["valuation"]["exit_foreign_try"] == "420000.00"
    # Below every threshold it may still be declared, and is told so.
    small = run(
        ek1(direction="exit", country_to="DE", cash=[cash("EUR", "100.00")]), DRAFT, AFTER_STEP
    )
    assert small["outcome"]["code"] == "declared"
    assert any("zorunlu değildi" in w for w in small["outcome"]["warnings"])


def test_not_declared_on_exit_gets_what_the_rule_set_says() -> None:
    result = run(exit_ek2([cash("EUR", "12000.00")], declared=None), DRAFT, AFTER_STEP)
    outcome = result["outcome"]
    # 5549 Art. 16 as the rule set states it: 10 % of the undeclared amount, all the cash into
    # custody, MASAK and the prosecutor.
    assert outcome["code"] == "no_declaration"
    assert outcome["fine_try"] == "42000.00"
    assert outcome["custody"] == [cash("EUR", "12000.00")]
    assert outcome["masak_copy"] and outcome["prosecutor_referral"] and outcome["declaration_due"]
    assert any(DRAFT.exit_undeclared in g for g in outcome["grounds"])


@pytest.mark.parametrize(
    "on, amount, due",
    [
        (AFTER_STEP, "200000.00", True),
        (AFTER_STEP, "150000.00", False),
        (AFTER_STEP, "185000.00", False),  # "above" the threshold: reaching it is not over
        (BEFORE_STEP, "150000.00", True),
        (BEFORE_STEP, "25000.00", False),
        (BEFORE_STEP, "25000.01", True),
        (datetime.date(2025, 3, 14), "30000.00", True),
        (datetime.date(2025, 3, 15), "30000.00", False),
    ],
)
def test_turkish_lira_against_the_threshold_of_its_day(
    on: datetime.date, amount: str, due: bool
) -> None:
    result = run(exit_ek2([cash("TRY", amount)]), DRAFT, on)
    assert result["outcome"]["declaration_due"] is due
    threshold = "185000.00" if on >= datetime.date(2025, 3, 15) else "25000.00"
    assert result["valuation"]["exit_threshold_lira_try"] == threshold
    assert result["rule_parameters"]["lira_exit_threshold"]["amount"] == threshold


def test_no_exit_exception_under_declaration_thresholds() -> None:
    from gumruk_desk.domain.evaluation import EvaluationError

    data = exit_ek2([cash("EUR", "12000.00")])
    data["exit_exception"] = {"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000001"}
    with pytest.raises(EvaluationError) as caught:
        run(data, DRAFT, AFTER_STEP)
    assert [p.path for p in caught.value.problems] == ["exit_exception"]


def test_a_declaration_made_on_exit_is_no_entry_declaration() -> None:
    from gumruk_desk.domain.evaluation import ReferencedDeclaration, ReferenceStatus
    from gumruk_desk.domain.money import MoneyLine

    data = exit_ek2([cash("EUR", "9000.00")])
    data["exit_exception"] = {"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000001"}
    record = validate_record(data, TODAY).record
    cited = ReferencedDeclaration(
        "GM01-M1-B-2026-000001",
        ReferenceStatus.EXIT,
        record.person.id_number,
        (MoneyLine("EUR", Decimal("10000.00")),),
        TODAY,
    )
    result = evaluate(record, OLD, rates(TODAY), TODAY, cited).to_json()
    assert result["outcome"]["exit_limit_exceeded"] is True
    assert any("çıkışta düzenlenmiş" in w for w in result["outcome"]["warnings"])


def test_a_declaration_on_exit_needs_its_destination() -> None:
    from gumruk_desk.domain.evaluation import EvaluationError

    with pytest.raises(EvaluationError) as caught:
        run(ek1(direction="exit", cash=[cash("EUR", "12000.00")]), DRAFT, AFTER_STEP)
    assert [p.path for p in caught.value.problems] == ["country_to"]


# -- the law has moved --------------------------------------------------------------------------


def test_the_supersession_is_said_and_names_the_draft() -> None:
    notices = supersession_notices(OLD, shipped_rulesets(), TODAY, record=True)
    [notice] = notices
    assert "15.04.2015" in notice and "2024/1" in notice and "onayı bekliyor" in notice
    assert supersession_notices(OLD, shipped_rulesets(), datetime.date(2014, 5, 1)) == []
    [short] = supersession_notices(OLD, shipped_rulesets(), TODAY, CONFIRMED, short=True)
    assert "onaylı" in short


# -- the yearly tolerance ------------------------------------------------------------------------


def test_the_tolerance_proposal_is_computed_year_by_year() -> None:
    proposal = propose(OLD, 2026, revaluation_rates())
    assert [s.year for s in proposal.steps] == list(range(2014, 2027))
    assert proposal.steps[0].amount_try == Decimal("2598.25")  # 2,500 × 1.0393
    assert proposal.steps[0].rate.fixed_in == 2013  # the rate fixed in Y raises Y+1
    assert proposal.amount_try == Decimal("51628.48")
    amount = Decimal("2500.00")
    for step in proposal.steps:
        amount = (amount * (1 + step.rate.percent / 100)).quantize(Decimal("0.01"))
        assert step.amount_try == amount
    assert len(proposal.lines_tr()) == 14
    with pytest.raises(RuleSetError, match="zaten tanımlı"):
        propose(OLD, 2013, revaluation_rates())
    with pytest.raises(RuleSetError, match="oranı tabloda yok"):
        propose(OLD, 2028, revaluation_rates())


# -- the desk ------------------------------------------------------------------------------------


def register(desk: Desk, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness, **kwargs).to_json()


def events(desk: Desk, kind: str) -> list[tuple[str, str]]:
    with sqlite3.connect(desk.db.path) as conn:
        return conn.execute(
            "SELECT actor, payload FROM event WHERE kind = ? ORDER BY seq", (kind,)
        ).fetchall()


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_a_supervisor_confirms_the_draft_and_records_keep_their_rule_set(desk: Desk) -> None:
    seized = {
        "found": "baggage",
        "facts": "Valizde bulundu.",
        "statement": "Açıklamam yok.",
        "order": None,
        "present": [
            {"name": "Ali Veli", "id_number": "10000000146"},
            {"name": "Can Kaya", "id_number": "17291716060"},
        ],
    }
    before = register(desk, ek2(declared=None, detected=[cash("EUR", "12000.00")], seizure=seized))
    assert before["rule_set"] == "2013/1"
    assert any("15.04.2015" in w for w in before["outcome"]["warnings"])
    status = desk.status()
    assert status.ruleset_name == "2013/1" and status.ruleset_notices_short
    # The notice is the desk's, not the record's figures: not on the signed footer.
    assert before["outcome"]["superseded"]
    footer = pdf_text(desk.print_document(before["number"])[0])
    assert "15.04.2015" not in footer and "Kural seti 2013/1" in footer
    with pytest.raises(AuthError):
        desk.confirm_ruleset("2024/1", desk.authenticate(OFFICER, OFFICER_PW))
    assert desk.ruleset_in_force(datetime.date.today()).id == "2013/1"

    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    assert desk.confirm_ruleset("2024/1", supervisor) is True
    assert desk.confirm_ruleset("2024/1", supervisor) is False  # once is enough
    [(actor, payload)] = events(desk, "ruleset_confirmed")
    assert actor == SUPERVISOR and json.loads(payload)["sha256"] == DRAFT.digest
    assert desk.verify().ok
    status = desk.status()
    assert (status.ruleset_name, status.ruleset_status) == ("2024/1", "draft")
    assert status.ruleset_notices == ()

    exit_12k = exit_ek2([cash("EUR", "12000.00")])
    after = register(desk, exit_12k)
    assert after["rule_set"] == "2024/1" and after["outcome"]["declaration_due"] is True
    assert "Çıkışta beyan eşiği aşıldı" in pdf_text(desk.print_document(after["number"])[0])
    declared = register(
        desk, ek1(direction="exit", country_to="DE", cash=[cash("EUR", "12000.00")])
    )
    assert declared["number"].split("-")[2] == "B" and declared["outcome"]["code"] == "declared"
    form = pdf_text(desk.print_document(declared["number"])[0])
    assert "YURT DIŞINA ÇIKIŞ — gidilecek ülke: Almanya (DE)" in form
    assert "Kural seti 2024/1 (taslak; onaylanarak uygulandı)" in form
    assert "Çıkışta beyan eşikleri: Türk parası 185.000,00 TL, döviz 350.000,00 TL" in form

    # The record made before keeps 2013/1 and its law; a seizure under 2024/1 cites 5607.
    assert record_of(desk, before["number"])["rule_set"] == "2013/1"
    old_report = pdf_text(desk.print_document(before["number"], "seizure")[0])
    assert "1918 sayılı Kanunun 54 üncü maddesine göre" in old_report
    new_seizure = register(
        desk, ek2(declared=None, detected=[cash("EUR", "12000.00")], seizure=seized)
    )
    new_report = pdf_text(desk.print_document(new_seizure["number"], "seizure")[0])
    assert "5607 s. Kanun; CMK m.123" in new_report and "1918" not in new_report
    tutanak = pdf_text(desk.print_document(new_seizure["number"])[0])
    assert "5549 s. Kanun m.16 uyarınca idari para cezası 42.000,00 TL" in tutanak


def test_a_long_destination_never_runs_into_the_section_title(desk: Desk) -> None:
    import pdfplumber

    desk.confirm_ruleset("2024/1", desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    for code in ("GS", "UM", "DE"):
        made = register(
            desk, ek1(direction="exit", country_to=code, cash=[cash("EUR", "12000.00")])
        )
        with pdfplumber.open(io.BytesIO(desk.print_document(made["number"])[0])) as pdf:
            page = pdf.pages[0]
            line = [c for c in page.chars if abs(c["top"] - page.chars[0]["top"]) < 400]
            title = page.search("BEYANDA BULUNAN KİŞİYE AİT BİLGİLER")[0]
            banner = page.search("ÇIKIŞ")[0]
            assert banner["x0"] > title["x1"], code
            assert banner["top"] == pytest.approx(title["top"], abs=1.5)
            assert line
            small = [c for c in page.chars if c["size"] < 6.49 and c["text"].strip()]
            assert small == []


def test_a_changed_draft_loses_its_confirmation_and_says_so(desk: Desk) -> None:
    from gumruk_desk.register import chain

    # A confirmation of another version of the file (as after a release that changed it).
    with desk.db.transaction() as s:
        chain.append_event(
            s,
            chain.RULESET_CONFIRMED,
            {"ruleset_id": "2024/1", "sha256": "0" * 64, "effective_from": "2024-03-05"},
            actor=SUPERVISOR,
        )
    assert desk.ruleset_in_force(datetime.date.today()).id == "2013/1"
    assert any("onay düştü" in w for w in desk.status().warnings)
    info = next(i for i in desk.rulesets() if i.id == "2024/1")
    assert info.confirmed_by is None and any("onay düştü" in n for n in info.notices)


def test_a_broken_file_from_the_centre_is_refused_in_turkish(desk: Desk) -> None:
    for data, reason in ((b"\xff\xfe{", "UTF-8"), (b"x" * 1_000_001, "çok büyük")):
        with pytest.raises(RuleSetError, match=reason):
            desk.load_central_ruleset(data, in_force=True)
    assert [i.id for i in desk.rulesets()] == ["2013/1", "2024/1"]


def test_an_accepted_tolerance_is_used_and_audited(desk: Desk) -> None:
    year = datetime.date.today().year
    proposal = desk.tolerance_proposal("2013/1", year)
    with pytest.raises(AuthError):
        desk.accept_tolerance("2013/1", year, desk.authenticate(OFFICER, OFFICER_PW))
    first = register(desk, ek2(declared=None, detected=[cash("TRY", "5000.00")]))
    assert first["valuation"]["tolerance_try"] == "2500.00"
    assert first["outcome"]["fine_try"] == "500.00"
    desk.accept_tolerance("2013/1", year, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    [(actor, payload)] = events(desk, "tolerance_accepted")
    assert actor == SUPERVISOR and json.loads(payload)["amount_try"] == str(proposal.amount_try)
    second = register(desk, ek2(declared=None, detected=[cash("TRY", "5000.00")]))
    assert second["valuation"]["tolerance_try"] == str(proposal.amount_try)
    assert second["valuation"]["tolerance_year"] == year
    assert second["outcome"]["code"] == "no_declaration" and second["outcome"]["fine_try"] == "0.00"
    assert not any("müsaade edilen fark tanımlı değil" in w for w in second["outcome"]["warnings"])
    # The record made before keeps what it was computed with.
    assert record_of(desk, first["number"])["outcome"]["fine_try"] == "500.00"
    assert desk.verify().ok


# -- the command line ----------------------------------------------------------------------------


def cli_run(
    home: Path, args: list[str], stdin: str, capsys: Any, monkeypatch: Any
) -> tuple[int, str, str]:
    from cli_support import run as run_cli

    return run_cli(capsys, monkeypatch, home, *args, stdin=stdin)


def test_rules_commands(home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    code, out, _ = cli_run(home, ["rules", "list"], "", capsys, monkeypatch)
    listed = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and listed["2024/1"]["status"] == "draft"
    assert listed["2013/1"]["in_force"] and listed["2013/1"]["notices"]
    code, out, _ = cli_run(home, ["rules", "show", "2024/1"], "", capsys, monkeypatch)
    shown = json.loads(out)
    assert code == 0 and shown["sha256"] == DRAFT.digest
    assert {"name": "exit.thresholds.lira[1]", "confirmed": True}.items() <= {
        **next(p for p in shown["parameters"] if p["name"] == "exit.thresholds.lira[1]")
    }.items()
    code, _, err = cli_run(home, ["rules", "show", "1999/9"], "", capsys, monkeypatch)
    assert code == 2 and "1999/9" in err

    # Wrong password, an officer: exit 3, nothing changes.
    for sicil, password in ((SUPERVISOR, "yanlış"), (OFFICER, OFFICER_PW)):
        code, _, _ = cli_run(
            home,
            ["rules", "activate", "2024/1", "--supervisor", sicil],
            password + "\n",
            capsys,
            monkeypatch,
        )
        assert code == 3
    with Desk(home) as desk:
        assert desk.ruleset_in_force(datetime.date.today()).id == "2013/1"

    # A bad file: exit 2 with the reason, nothing stored.
    bad = tmp_path / "bad.json"
    doc = json.loads((RULESETS / "genelge-2024-1.json").read_text(encoding="utf-8"))
    doc["id"] = "2099/1"
    doc["exit"]["mode"] = "sideways"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = cli_run(
        home,
        ["rules", "load", str(bad), "--supervisor", SUPERVISOR],
        SUPERVISOR_PW + "\n",
        capsys,
        monkeypatch,
    )
    assert code == 2 and "exit.mode" in err and "Hiçbir şey değişmedi" in err
    with Desk(home) as desk:
        assert [i.id for i in desk.rulesets()] == ["2013/1", "2024/1"]

    # Under 2013/1 a declaration on exit is refused with the circular's reason.
    record = tmp_path / "exit.json"
    record.write_text(
        json.dumps(ek1(direction="exit", country_to="DE", cash=[cash("EUR", "12000.00")])),
        encoding="utf-8",
    )
    code, _, err = cli_run(
        home,
        ["record", "create", str(record), "--officer", OFFICER],
        OFFICER_PW + "\n",
        capsys,
        monkeypatch,
    )
    assert code == 2 and "direction" in err

    code, out, _ = cli_run(
        home,
        ["rules", "activate", "2024/1", "--supervisor", SUPERVISOR],
        SUPERVISOR_PW + "\n",
        capsys,
        monkeypatch,
    )
    assert code == 0 and json.loads(out)["confirmed_by"] == SUPERVISOR
    code, out, _ = cli_run(
        home,
        ["record", "create", str(record), "--officer", OFFICER],
        OFFICER_PW + "\n",
        capsys,
        monkeypatch,
    )
    created = json.loads(out)
    assert (
        code == 0 and created["rule_set"] == "2024/1" and created["outcome"]["code"] == "declared"
    )

    year = str(datetime.date.today().year)
    code, out, _ = cli_run(
        home, ["rules", "tolerance", "2024/1", "--year", year], "", capsys, monkeypatch
    )
    proposal = json.loads(out)
    assert code == 0 and proposal["accepted"] is False and proposal["computation"]
    code, out, _ = cli_run(
        home,
        ["rules", "tolerance", "2024/1", "--year", year, "--accept", "--supervisor", SUPERVISOR],
        SUPERVISOR_PW + "\n",
        capsys,
        monkeypatch,
    )
    assert code == 0 and json.loads(out)["accepted"] is True
    code, _, err = cli_run(
        home, ["rules", "tolerance", "2024/1", "--year", year], "", capsys, monkeypatch
    )
    assert code == 2 and "zaten tanımlı" in err


def test_the_centre_refuses_a_bad_rule_set_file(
    tmp_path: Path, capsys: Any, monkeypatch: Any, home: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": 2, "id": "\xff"}')
    code, _, err = cli_run(
        home, ["central", "load-ruleset", "--db", url, str(bad)], "", capsys, monkeypatch
    )
    assert code == 2 and "UTF-8" in err
    draft = RULESETS / "genelge-2024-1.json"
    code, out, _ = cli_run(
        home,
        ["central", "load-ruleset", "--db", url, str(draft), "--in-force"],
        "",
        capsys,
        monkeypatch,
    )
    assert code == 0 and json.loads(out) == {"rule_set": "2024/1", "in_force": True}
    other = tmp_path / "other.json"
    other.write_text(
        draft.read_text(encoding="utf-8").replace("Nakit Kontrolleri", "X"), encoding="utf-8"
    )
    code, _, err = cli_run(
        home, ["central", "load-ruleset", "--db", url, str(other)], "", capsys, monkeypatch
    )
    assert code == 2 and "başka bir kural seti" in err


# -- no code path names a rule set ---------------------------------------------------------------


def test_no_code_names_a_rule_set() -> None:
    """Switching regimes is data: no string in the code equals a shipped rule set's id."""
    ids = {r.id for r in shipped_rulesets()}
    found = []
    for path in (ROOT / "src" / "gumruk_desk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in ids:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []

"""Cancellation with a supervisor's approval and the record filled in its place (§O3), and
the bank's verification of a Nakit Beyan Formu (§G1.2a): through the service layer and the
exact command line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from factories import ek1, ek2
from gumruk_desk import cli
from gumruk_desk.services import AuthError, CancellationError, Desk
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    record_of,
)


def register(desk: Desk, data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = data or ek1()
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness).to_json()


def cancel(desk: Desk, number: str, **overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "reason": "Yanlış kişi adına düzenlendi",
        "officer_sicil": OFFICER,
        "officer_password": OFFICER_PW,
        "approver_sicil": SUPERVISOR,
        "approver_password": SUPERVISOR_PW,
    }
    args.update(overrides)
    return desk.cancel(number, **args).to_json()


def run(
    home: Path, argv: list[str], stdin: str, capsys: Any, monkeypatch: Any
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    try:
        code = cli.main(["--home", str(home), *argv])
    except SystemExit as exc:  # a refusal exits with its code
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# -- the service layer ------------------------------------------------------------------------


def test_cancellation_keeps_the_number_and_says_who_and_why(desk: Desk) -> None:
    record = register(desk)
    cancelled = cancel(desk, record["number"])
    assert cancelled["number"] == record["number"] and cancelled["status"] == "cancelled"
    assert cancelled["cancellation"]["reason"] == "Yanlış kişi adına düzenlendi"
    assert cancelled["cancellation"]["requested_by"] == OFFICER
    assert cancelled["cancellation"]["approved_by"] == SUPERVISOR
    assert cancelled["cancellation"]["copies_collected"] == 3
    assert record_of(desk, record["number"]) == cancelled
    # Everything else of the record is as registered.
    unchanged = {k: v for k, v in cancelled.items() if k not in ("status", "cancellation")}
    assert unchanged == {k: v for k, v in record.items() if k != "status"}
    assert desk.verify().ok


def test_no_cancellation_without_the_supervisors_password(desk: Desk) -> None:
    record = register(desk)
    with pytest.raises(AuthError):
        cancel(desk, record["number"], approver_password="yanlis")
    with pytest.raises(AuthError):
        cancel(desk, record["number"], approver_password="")
    assert record_of(desk, record["number"])["status"] == "registered"


def test_the_approver_must_be_another_person_and_a_supervisor(desk: Desk) -> None:
    record = register(desk)
    with pytest.raises(CancellationError, match="amir değil"):
        cancel(desk, record["number"], approver_sicil=WITNESS, approver_password=WITNESS_PW)
    with pytest.raises(CancellationError, match="kendi isteğini"):
        cancel(
            desk,
            record["number"],
            officer_sicil=SUPERVISOR,
            officer_password=SUPERVISOR_PW,
        )
    assert record_of(desk, record["number"])["status"] == "registered"


def test_every_signed_copy_must_be_collected_and_a_reason_given(desk: Desk) -> None:
    record = register(desk, ek2(declared=None, detected=[]))  # a tutanak: 4 copies
    with pytest.raises(CancellationError, match=r"tamamı \(4\)"):
        cancel(desk, record["number"], copies_collected=3)
    with pytest.raises(CancellationError, match="gerekçesi"):
        cancel(desk, record["number"], reason="   ")
    assert cancel(desk, record["number"], copies_collected=4)["status"] == "cancelled"
    with pytest.raises(CancellationError, match="zaten iptal"):
        cancel(desk, record["number"])


def _page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_cancelled_record_prints_as_cancelled(desk: Desk) -> None:
    record = register(desk)
    cancel(desk, record["number"])
    texts = _page_texts(desk.render_document(record["number"]).pdf)
    assert len(texts) == 3
    for text in texts:
        assert "İPTAL" in text
        # The reprint states the cancellation itself, not only the mark across the page.
        assert "İPTAL EDİLDİ" in text and "Gerekçe: Yanlış kişi adına düzenlendi" in text
        assert "isteyen Ayşe Yılmaz (12345)" in text
        assert "onaylayan amir Zeynep Kaya (90001)" in text
        assert "yerine kayıt düzenlenmedi" in text


def test_the_cancelled_reprint_names_its_replacement_and_the_replacement_what_it_replaces(
    desk: Desk,
) -> None:
    first = register(desk)
    cancel(desk, first["number"], reason="Soyadı yanlış yazıldı " + "ve kimlik no eksik " * 12)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    second = desk.register(ek1(), officer=officer, replaces=first["number"])
    for text in _page_texts(desk.render_document(first["number"]).pdf):
        assert f"yerine düzenlenen: {second.number}" in text
        assert "kimlik no eksik" in text  # a long reason is printed whole
    for text in _page_texts(desk.render_document(second.number).pdf):
        assert f"Bu kayıt, iptal edilen {first['number']} yerine düzenlenmiştir." in text
        assert "İPTAL EDİLDİ" not in text


def test_the_replacement_is_linked_both_ways(desk: Desk) -> None:
    first = register(desk)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    from gumruk_desk.domain.problems import InvalidRecord

    with pytest.raises(InvalidRecord, match="iptal edilmemiş"):
        desk.register(ek1(), officer=officer, replaces=first["number"])
    cancel(desk, first["number"])
    witness = desk.authenticate(WITNESS, WITNESS_PW)
    with pytest.raises(InvalidRecord, match="aynı tür"):
        desk.register(
            ek2(declared=None, detected=[]),
            officer=officer,
            witness=witness,
            replaces=first["number"],
        )
    second = desk.register(ek1(), officer=officer, replaces=first["number"].lower())
    assert second.replaces == first["number"]
    assert record_of(desk, first["number"])["cancellation"]["replaced_by"] == second.number
    with pytest.raises(InvalidRecord, match="zaten"):
        desk.register(ek1(), officer=officer, replaces=first["number"])
    assert desk.verify().ok


def test_looking_up_one_record_never_reads_the_whole_chain(desk: Desk) -> None:
    # show, print, the exit exception's look-up and registering a replacement ask the chain
    # about one record: each question must be answered from an index, because the chain grows
    # by several events per record (a full read of a year's register takes seconds).
    import keyed_sqlite3 as sqlite3

    first = register(desk)
    cancel(desk, first["number"])
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    statements: list[str] = []
    desk.db.reset_connections()

    def trace(dbapi: sqlite3.Connection, _record: Any) -> None:
        dbapi.set_trace_callback(statements.append)

    from sqlalchemy import event

    event.listen(desk.db.engine, "connect", trace)
    event.listen(desk.db.read_engine, "connect", trace)
    try:
        second = desk.register(ek1(), officer=officer, replaces=first["number"])
        desk.record_print(desk.render_document(second.number))
        desk.show(first["number"])
        desk.show(second.number)
        desk.referenced_declaration(first["number"])
        desk.verify_declaration(second.number, second.person.id_number)
    finally:
        event.remove(desk.db.engine, "connect", trace)
        event.remove(desk.db.read_engine, "connect", trace)
    about_one = [s for s in statements if "FROM event" in s and "record_id" in s]
    assert len(about_one) >= 6
    with sqlite3.connect(desk.db.path) as conn:
        for sql in about_one:
            plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert "SCAN event" not in plan, (sql, plan)


def test_verification_genuine_cancelled_unknown(desk: Desk) -> None:
    record = register(desk)
    number, document = record["number"], record["person"]["id_number"]
    genuine = desk.verify_declaration(number, document.lower())
    assert genuine["status"] == "genuine"
    assert genuine["cash"] == record["cash"]
    assert genuine["declared_try"] == record["valuation"]["declared_try"]
    assert genuine["person"] == {"first_name": "Hans", "last_name": "Müller"}
    # Another document number and a number never given look the same.
    other = desk.verify_declaration(number, "X1234567")
    never = desk.verify_declaration(number.replace("000001", "000099"), document)
    assert other == {"status": "unknown", "number": number}
    assert never["status"] == "unknown" and set(never) == {"status", "number"}
    # A tutanak is no declaration.
    tutanak = register(desk, ek2(declared=None, detected=[]))
    assert desk.verify_declaration(tutanak["number"], document)["status"] == "unknown"
    cancel(desk, number)
    cancelled = desk.verify_declaration(number, document)
    assert cancelled["status"] == "cancelled" and cancelled["cancelled_at"]


# -- the command line -------------------------------------------------------------------------


def test_cli_cancel_needs_both_passwords(
    desk: Desk, home: Path, capsys: Any, monkeypatch: Any
) -> None:
    record = register(desk)
    argv = [
        "record",
        "cancel",
        record["number"],
        "--reason",
        "Tutar yanlış yazıldı",
        "--officer",
        OFFICER,
        "--approver",
        SUPERVISOR,
    ]
    code, out, err = run(home, argv, f"{OFFICER_PW}\n", capsys, monkeypatch)
    assert code == 3 and out == "" and "amir" in err.lower()
    code, _out, err = run(home, argv, f"{OFFICER_PW}\nyanlis\n", capsys, monkeypatch)
    assert code == 3 and "Hiçbir şey kaydedilmedi" in err
    assert record_of(desk, record["number"])["status"] == "registered"
    code, out, err = run(home, argv, f"{OFFICER_PW}\n{SUPERVISOR_PW}\n", capsys, monkeypatch)
    assert code == 0, err
    shown = json.loads(out)
    assert shown["status"] == "cancelled" and shown["number"] == record["number"]
    code, _out, err = run(home, argv, f"{OFFICER_PW}\n{SUPERVISOR_PW}\n", capsys, monkeypatch)
    assert code == 2 and "zaten iptal" in err


def test_cli_verify_prints_one_json_object(
    desk: Desk, home: Path, capsys: Any, monkeypatch: Any
) -> None:
    record = register(desk)
    argv = ["record", "verify", record["number"], "--document", record["person"]["id_number"]]
    code, out, _err = run(home, argv, "", capsys, monkeypatch)
    assert code == 0 and json.loads(out)["status"] == "genuine"
    code, out, _err = run(
        home, ["record", "verify", record["number"], "--document", "ZZ999"], "", capsys, monkeypatch
    )
    assert code == 0 and json.loads(out) == {"status": "unknown", "number": record["number"]}


def test_cli_create_replaces(
    desk: Desk, home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    first = register(desk)
    cancel(desk, first["number"])
    path = tmp_path / "yeni.json"
    path.write_text(json.dumps(ek1(), ensure_ascii=False), encoding="utf-8")
    argv = ["record", "create", "--officer", OFFICER, "--replaces", first["number"], str(path)]
    code, out, err = run(home, argv, f"{OFFICER_PW}\n", capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(out)["replaces"] == first["number"]

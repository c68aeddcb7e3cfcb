"""The headless CLI contract: commands, JSON output, exit codes, Turkish errors."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Protocol

import pytest

from cli_support import run
from factories import cash, ek1, ek2, tcmb_xml
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW

YEAR = datetime.date.today().year


class Gd(Protocol):
    """``gumruk-desk`` on the test's register: (exit code, stdout, stderr)."""

    def __call__(self, *args: str, stdin: str = "") -> tuple[int, str, str]: ...


@pytest.fixture
def gd(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, home: Path) -> Gd:
    def call(*args: str, stdin: str = "") -> tuple[int, str, str]:
        return run(capsys, monkeypatch, home, *args, stdin=stdin)

    return call


def write(tmp_path: Path, data: Any, name: str = "record.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def create(gd: Gd, tmp_path: Path, data: dict[str, Any]) -> tuple[int, str, str]:
    stdin = f"{OFFICER_PW}\n{WITNESS_PW}\n" if data.get("witness_officer") else f"{OFFICER_PW}\n"
    return gd("record", "create", "--officer", OFFICER, write(tmp_path, data), stdin=stdin)


def test_init_officer_rates_from_scratch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "fresh"
    code, out, _ = run(
        capsys,
        monkeypatch,
        home,
        "init",
        "--office-code",
        "GM01",
        "--office-name",
        "Kapıkule Gümrük Müdürlüğü",
        "--desk",
        "M2",
        "--customs-area",
        "Giriş Peronu",
        "--central-url",
        "https://merkez.example",
    )
    assert code == 0 and "kuruldu" in out
    code, out, _ = run(
        capsys,
        monkeypatch,
        home,
        "officer",
        "add",
        "--sicil",
        "1",
        "--name",
        "Ali Veli",
        "--title",
        "Memur",
        "--supervisor",
        stdin="guclu-parola\n",
    )
    assert code == 0 and "idare amiri" in out
    xml = tmp_path / "today.xml"
    xml.write_bytes(tcmb_xml(datetime.date.today()))
    code, out, _ = run(capsys, monkeypatch, home, "rates", "import", str(xml))
    assert code == 0 and "yüklendi" in out
    code, _, err = run(
        capsys,
        monkeypatch,
        home,
        "init",
        "--office-code",
        "GM09",
        "--office-name",
        "Başka",
        "--desk",
        "M2",
    )
    assert code == 2 and "değiştirilemez" in err


def test_init_demo_sets_up_a_station_to_try_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "demo"
    code, out, _ = run(capsys, monkeypatch, home, "init", "--demo")
    assert code == 0 and "DEMO/M1" in out and "10001" in out and "demo-10001" in out
    data = write(tmp_path, ek1())
    code, out, err = run(
        capsys,
        monkeypatch,
        home,
        "record",
        "create",
        "--officer",
        "10001",
        data,
        stdin="demo-10001\n",
    )
    assert code == 0, err
    assert json.loads(out)["number"] == f"DEMO-M1-B-{datetime.date.today().year}-000001"


def test_init_without_the_station_flags_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, monkeypatch, tmp_path / "x", "init", "--office-code", "GM01")
    assert code == 2 and "--office-name" in err and "--desk" in err


def test_commands_before_init_fail_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, monkeypatch, tmp_path / "none", "verify")
    assert code == 1 and "gumruk-desk init" in err


def test_record_create_prints_the_registered_record(gd: Gd, tmp_path: Path) -> None:
    code, out, err = create(gd, tmp_path, ek2())
    assert code == 0, err
    record = json.loads(out)
    assert record["number"] == f"GM01-M1-A-{YEAR}-000001"
    assert record["outcome"]["code"] == "correct"
    assert record["officer"] == OFFICER
    code, out, _ = gd("record", "show", record["number"])
    assert code == 0 and json.loads(out) == {**record, "status": "registered"}


def test_record_list_filters(gd: Gd, tmp_path: Path) -> None:
    assert create(gd, tmp_path, ek2())[0] == 0
    assert create(gd, tmp_path, ek1())[0] == 0
    code, out, _ = gd("record", "list")
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = gd("record", "list", "--kind", "nakit_beyan")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["kind"] for r in lines] == ["nakit_beyan"]
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert gd("record", "list", "--since", tomorrow)[1] == ""


BAD_INPUTS = [
    ("unknown key", lambda: ek2(colour="red"), "colour"),
    (
        "float amount",
        lambda: ek2(detected=[{"currency": "EUR", "amount": 10.5}]),
        "detected[0].amount",
    ),
    ("unknown currency", lambda: ek2(detected=[cash("ABC", "1.00")]), "detected[0].currency"),
    (
        "future birth",
        lambda: ek2(person={**ek2()["person"], "birth_date": "2999-01-01"}),
        "person.birth_date",
    ),
    ("id not seen", lambda: ek2(id_document_seen=False), "id_document_seen"),
    ("witness missing", lambda: ek2(declared=None, witness_officer=None), "witness_officer"),
    ("witness is drafter", lambda: ek2(declared=None, witness_officer=OFFICER), "witness_officer"),
    ("witness unknown", lambda: ek2(declared=None, witness_officer="55555"), "witness_officer"),
    ("ek1 on exit", lambda: ek1(direction="exit"), "direction"),
    (
        "no rate",
        lambda: ek2(declared=[cash("CHF", "1.00")], detected=[cash("CHF", "1.00")]),
        "declared[0].currency",
    ),
]


@pytest.mark.parametrize(
    "make, path", [(m, p) for _, m, p in BAD_INPUTS], ids=[i for i, _, _ in BAD_INPUTS]
)
def test_bad_input_exits_2_with_path_and_uses_no_number(
    gd: Gd, tmp_path: Path, make: Any, path: str
) -> None:
    assert create(gd, tmp_path, ek2())[0] == 0
    code, out, err = create(gd, tmp_path, make())
    assert code == 2, err
    assert out == ""
    assert f"{path}:" in err and "hiçbir şey kaydedilmedi" in err
    code, out, _ = create(gd, tmp_path, ek2())
    assert code == 0 and json.loads(out)["number"] == f"GM01-M1-A-{YEAR}-000002"


def test_unreadable_json_exits_2(gd: Gd, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{nope", encoding="utf-8")
    code, _, err = gd("record", "create", "--officer", OFFICER, str(path), stdin="x\n")
    assert code == 2 and "JSON" in err


def test_wrong_password_exits_3_and_stores_nothing(gd: Gd, tmp_path: Path) -> None:
    code, out, err = gd(
        "record", "create", "--officer", OFFICER, write(tmp_path, ek2()), stdin="yanlış\n"
    )
    assert code == 3 and out == "" and "parola" in err.lower()
    code, out, err = gd(
        "record",
        "create",
        "--officer",
        OFFICER,
        write(tmp_path, ek2()),
        stdin=f"{OFFICER_PW}\nyanlış\n",
    )  # witness's password wrong
    assert code == 3
    assert gd("record", "list")[1] == ""


def test_locked_account_exits_3(gd: Gd, tmp_path: Path) -> None:
    for _ in range(5):
        gd("record", "create", "--officer", OFFICER, write(tmp_path, ek2()), stdin="yanlış\n")
    code, _, err = create(gd, tmp_path, ek2())
    assert code == 3 and "kilitli" in err


def test_verify_exit_codes(gd: Gd, tmp_path: Path, home: Path) -> None:
    assert create(gd, tmp_path, ek2())[0] == 0
    code, out, _ = gd("verify")
    assert code == 0 and "sağlam" in out
    import keyed_sqlite3 as sqlite3

    conn = sqlite3.connect(home / "register.sqlite3")
    conn.execute("DROP TRIGGER record_no_update")
    conn.execute("UPDATE record SET id_number = 'X1'")
    conn.commit()
    conn.close()
    code, _, err = gd("verify")
    assert code == 1 and f"GM01-M1-A-{YEAR}-000001" in err


def test_bad_rate_file_exits_2(gd: Gd, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Tarih_Date '
        'Tarih="01.01.2026">&a;</Tarih_Date>',
        encoding="utf-8",
    )
    code, _, err = gd("rates", "import", str(bomb))
    assert code == 2 and err.strip()
    code, _, err = gd("rates", "import", str(tmp_path / "missing.xml"))
    assert code == 2 and "okunamadı" in err


def test_the_installed_entry_point_runs(home: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("gumruk-desk")
    data = write(tmp_path, ek2())
    proc = subprocess.run(
        [str(exe), "--home", str(home), "record", "create", "--officer", OFFICER, data],
        input=f"{OFFICER_PW}\n{WITNESS_PW}\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["witness_officer"] == WITNESS


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, '{"kind": ' + "9" * 5000 + "}", '\ufeff{"kind": "nakit_beyan"}'],
    ids=["deep-nesting", "huge-integer", "bom-then-bad-record"],
)
def test_hostile_json_gives_exit_2_not_a_traceback(gd: Gd, tmp_path: Path, text: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = gd(
        "record", "create", "--officer", OFFICER, str(path), stdin=f"{OFFICER_PW}\n"
    )
    assert code == 2 and out == "" and "Traceback" not in err


@pytest.mark.parametrize("rate", ["USD=1e999999", "USD=-1", "USD=0", "US=1.5", "USD=abc"])
def test_bad_manual_rate_is_refused(gd: Gd, tmp_path: Path, rate: str) -> None:
    code, _, err = gd(
        "record",
        "create",
        "--officer",
        OFFICER,
        "--manual-rate",
        rate,
        write(tmp_path, ek2()),
        stdin=f"{OFFICER_PW}\n{WITNESS_PW}\n",
    )
    assert code == 2 and "KOD=KUR" in err


def test_busy_register_is_a_turkish_exit_1(
    gd: Gd, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyed_sqlite3 as sqlite3
    from gumruk_desk.register import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0)
    blocker = sqlite3.connect(home / "register.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        code, out, err = create(gd, tmp_path, ek2())
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert code == 1 and out == "" and "erişilemiyor" in err and "Traceback" not in err
    assert create(gd, tmp_path, ek2())[0] == 0  # and nothing was half-done


def test_a_failed_pdf_write_is_not_counted_as_a_print(gd: Gd, tmp_path: Path) -> None:
    code, out, _ = create(gd, tmp_path, ek2())
    number = json.loads(out)["number"]
    code, _, err = gd("print", number, "--out", str(tmp_path / "missing" / "x.pdf"))
    assert code == 1 and "kaydedilmedi" in err
    code, out, _ = gd("print", number, "--out", str(tmp_path / "x.pdf"))
    assert code == 0 and "yeniden baskı" not in out
    code, out, _ = gd("print", number, "--out", str(tmp_path / "x.pdf"))
    assert code == 0 and "yeniden baskı (2. baskı)" in out


def test_print_by_an_officer_needs_the_password(gd: Gd, tmp_path: Path) -> None:
    number = json.loads(create(gd, tmp_path, ek2())[1])["number"]
    code, _, _ = gd(
        "print", number, "--out", str(tmp_path / "x.pdf"), "--officer", OFFICER, stdin="yanlış\n"
    )
    assert code == 3
    code, _, _ = gd(
        "print",
        number,
        "--out",
        str(tmp_path / "x.pdf"),
        "--officer",
        OFFICER,
        stdin=f"{OFFICER_PW}\n",
    )
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None)),
        (["--home", "/x"], (True, "/x")),
        (["--home=/x"], (True, "/x")),
        (["--home", "/x", "verify"], (False, None)),
        (["--help"], (False, None)),
        (["verify"], (False, None)),
    ],
)
def test_entry_sends_only_the_bare_command_to_the_window(
    argv: list[str], expected: tuple[bool, str | None]
) -> None:
    from gumruk_desk import entry

    assert entry._gui_home(argv) == expected


def test_entry_passes_commands_to_the_cli(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gumruk_desk import entry

    assert entry.main(["--home", str(home), "verify"]) == 0
    assert "Kayıt zinciri sağlam" in capsys.readouterr().out


def test_a_centre_database_that_refuses_is_named_without_its_password(gd: Gd) -> None:
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    url = "postgresql+psycopg://merkez:gizli-parola-9@127.0.0.1:1/merkez"
    code, out, err = gd("central", "issue-token", "--db", url, "--office", "GM01", "--desk", "M1")
    assert code == 1 and out == ""
    assert "Merkez veritabanı açılamadı (postgresql+psycopg://merkez:***@127.0.0.1:1/merkez)" in err
    assert "gizli-parola-9" not in err

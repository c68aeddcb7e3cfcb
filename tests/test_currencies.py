"""Every currency a traveller really carries, in its own decimals, exactly as counted.

Against TCMB's real bulletin of 08.07.2024 (``tests/data/tcmb-real-2024-07-08.xml``): JPY and
IRR quoted per 100 units, KWD with three decimals, BGN (withdrawn by ISO 4217 in 2026, still in
the bulletin and in travellers' pockets) with no banknote rate, XDR a unit of account.
"""

from __future__ import annotations

import datetime
import io
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factories import cash, ek1
from gumruk_desk import cli
from gumruk_desk.domain import iso, money
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, record_of

DATA = Path(__file__).parent / "data"
REAL_BULLETIN = DATA / "tcmb-real-2024-07-08.xml"
BULLETIN_DAY = datetime.date(2024, 7, 8)
AT = datetime.datetime(2024, 7, 8, 10, 30)


@pytest.fixture
def real_desk(tmp_path: Path) -> Any:
    """A desk whose only bulletin is TCMB's real one of 08.07.2024."""
    with Desk(tmp_path / "home", create=True) as desk:
        desk.init_station(office_code="GM22", office_name="Kapıkule Gümrük Müdürlüğü", desk="M1")
        desk.add_officer(sicil=OFFICER, name="Ayşe Yılmaz", title="Memur", password=OFFICER_PW)
        desk.add_officer(
            sicil=SUPERVISOR,
            name="Zeynep Kaya",
            title="Müdür Yardımcısı",
            password=SUPERVISOR_PW,
            supervisor=True,
        )
        bulletin, _ = desk.import_rates(REAL_BULLETIN.read_bytes())
        assert bulletin.date == BULLETIN_DAY
        yield desk


def register(desk: Desk, lines: list[dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    return desk.register(ek1(cash=lines), officer=officer, now=AT, **kwargs).to_json()


def test_real_bulletin_lines_are_stored_as_counted_and_valued_to_the_kurus(real_desk: Desk) -> None:
    lines = [
        cash("JPY", "250000"),  # 100 JPY = 20.1538 TL (banknote buying)
        cash("IRR", "5000000.00"),  # 100 IRR = 0.00834 TL (forex buying: no banknote rate)
        cash("KWD", "1234.567"),  # three decimals, 104.4752 TL
        cash("BGN", "1000.00"),  # withdrawn by ISO, priced by TCMB at forex buying 17.9771
        cash("EUR", "100.50"),
    ]
    record = register(real_desk, lines)
    assert [(x["currency"], x["amount"]) for x in record["cash"]] == [
        ("JPY", "250000"),
        ("IRR", "5000000.00"),
        ("KWD", "1234.567"),
        ("BGN", "1000.00"),
        ("EUR", "100.50"),
    ]
    v = record["valuation"]
    assert v["rates"] == {
        "BGN": "17.9771",
        "EUR": "35.3356",
        "IRR": "0.0000834",
        "JPY": "0.201538",
        "KWD": "104.4752",
    }
    # 50,384.50 + 417.00 + 128,981.6342384 + 17,977.10 + 3,551.2278 = 201,311.4620384 TL
    assert v["declared_try"] == "201311.46"
    assert record_of(real_desk, record["number"])["cash"] == record["cash"]


def test_three_decimals_are_kept_even_when_the_last_is_zero(real_desk: Desk) -> None:
    record = register(real_desk, [cash("KWD", "100.500")])
    assert record["cash"] == [{"currency": "KWD", "amount": "100.500"}]
    assert record["valuation"]["declared_try"] == "10499.76"  # 100.5 × 104.4752 = 10,499.7576


@pytest.mark.parametrize(
    ("currency", "amount", "minor"),
    [("KWD", "1.2345", 3), ("JPY", "1000.5", 0), ("EUR", "10.001", 2), ("BGN", "5.125", 2)],
)
def test_more_decimals_than_the_currency_has_are_refused_never_rounded(
    real_desk: Desk, currency: str, amount: str, minor: int
) -> None:
    with pytest.raises(InvalidRecord) as caught:
        register(real_desk, [cash("EUR", "10.00"), cash(currency, amount)])
    problems = {p.path: p.message for p in caught.value.problems}
    assert f"en fazla {minor} ondalık" in problems["cash[1].amount"]
    assert list(real_desk.list_records()) == []


def test_cli_refuses_an_over_precise_amount_with_its_path_and_uses_no_number(
    real_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    home = tmp_path / "home"
    real_desk.close()
    path = tmp_path / "kwd.json"
    path.write_text(json.dumps(ek1(cash=[cash("KWD", "12.3456")])), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(OFFICER_PW + "\n"))
    try:
        code = cli.main(["--home", str(home), "record", "create", "--officer", OFFICER, str(path)])
    except SystemExit as exc:
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert "cash[0].amount" in err and "en fazla 3 ondalık" in err
    with Desk(home) as desk:
        assert list(desk.list_records()) == []


def test_a_withdrawn_currency_is_named_in_turkish_and_takes_a_manual_rate_with_a_warning(
    real_desk: Desk,
) -> None:
    # The Croatian kuna left in 2023: not in the bulletin, still carried.
    assert iso.currency_name_tr("HRK") == "Hırvatistan kunası"
    assert iso.currency_name_tr("BGN") == "Bulgar levası"
    assert iso.is_currency("HRK", BULLETIN_DAY)
    with pytest.raises(InvalidRecord) as caught:
        register(real_desk, [cash("HRK", "500.00")])
    assert "HRK" in caught.value.problems[0].message
    record = register(real_desk, [cash("HRK", "500.00")], manual_rates={"HRK": Decimal("4.6")})
    assert record["cash"] == [{"currency": "HRK", "amount": "500.00"}]
    assert record["valuation"]["declared_try"] == "2300.00"
    assert record["valuation"]["rate_columns"]["HRK"] == "manual"
    assert (
        "HRK için elle girilmiş kur kullanıldı: 1 HRK = 4,60 TL." in record["outcome"]["warnings"]
    )


def test_old_currencies_and_units_of_account_are_not_cash(real_desk: Desk) -> None:
    for code in ("DEM", "TRL", "XDR", "XAU", "XYZ"):
        with pytest.raises(InvalidRecord) as caught:
            register(real_desk, [cash(code, "100.00")])
        assert caught.value.problems[0].path == "cash[0].currency"
    with pytest.raises(InvalidRecord) as caught:
        register(real_desk, [cash("DEM", "100.00")])
    assert "2002" in caught.value.problems[0].message  # says when the mark was withdrawn


def test_a_currency_the_bulletin_in_force_prices_is_cash_however_old() -> None:
    data = ek1(cash=[cash("LTL", "100.00")])  # the litas left in 2015
    with pytest.raises(InvalidRecord):
        validate_record(data, datetime.date(2026, 12, 1))
    validated = validate_record(data, datetime.date(2026, 12, 1), currencies={"LTL"})
    assert validated.data["cash"] == [{"currency": "LTL", "amount": "100.00"}]
    with pytest.raises(InvalidRecord):  # a bulletin cannot make up a code nobody knows
        validate_record(
            ek1(cash=[cash("QQQ", "1.00")]), datetime.date(2026, 12, 1), currencies={"QQQ"}
        )


@pytest.mark.parametrize(
    ("code", "units"),
    [
        ("JPY", 0),
        ("KRW", 0),
        ("KWD", 3),
        ("BHD", 3),
        ("OMR", 3),
        ("JOD", 3),
        ("TND", 3),
        ("IQD", 3),
        ("LYD", 3),
        ("TRY", 2),
        ("IRR", 2),
        ("BGN", 2),
        ("CLF", 4),
    ],
)
def test_minor_units_are_iso_4217s(code: str, units: int) -> None:
    assert iso.currency_minor_units(code) == units


def test_every_currency_offered_has_a_turkish_name_and_minor_units() -> None:
    offered = dict(iso.currencies_tr(datetime.date(2026, 12, 1)))
    assert {"BGN", "HRK", "TRY", "KWD"} <= offered.keys()
    assert "DEM" not in offered and "TRL" not in offered
    for code, name in offered.items():
        assert name and name != code, code
        if (
            code not in {"XDR", "XAU", "XAG", "XPT", "XPD", "XTS", "XXX"}
            and not code.startswith("XB")
            and code not in {"XSU", "XUA"}
        ):
            assert 0 <= iso.currency_minor_units(code) <= 4, code


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("1234.567", "KWD", "1.234,567"),
        ("100.500", "KWD", "100,500"),
        ("10000", "JPY", "10.000"),
        ("12500.00", "EUR", "12.500,00"),
        ("1000000.00", "IRR", "1.000.000,00"),
        ("0.50", "USD", "0,50"),
    ],
)
def test_one_turkish_formatter_in_the_currencys_decimals(
    amount: str, currency: str, text: str
) -> None:
    assert money.format_in(Decimal(amount), currency) == text


_CURRENCIES = ["JPY", "KWD", "EUR", "BGN", "IRR", "USD"]


@st.composite
def _amounts(draw: st.DrawFn) -> tuple[str, str]:
    currency = draw(st.sampled_from(_CURRENCIES))
    minor = iso.currency_minor_units(currency)
    whole = draw(st.integers(min_value=0, max_value=10**12))
    places = draw(st.integers(min_value=0, max_value=minor))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    text = f"{whole}.{fraction:0{places}d}" if places else str(whole)
    if Decimal(text) == 0:
        text = "1"
    return currency, text


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lines=st.lists(_amounts(), min_size=1, max_size=4, unique_by=lambda x: x[0]))
def test_no_accepted_amount_changes_between_input_and_record_show(
    real_desk: Desk, lines: list[tuple[str, str]]
) -> None:
    record = register(real_desk, [cash(c, a) for c, a in lines])
    shown = record_of(real_desk, record["number"])
    for (currency, typed), stored in zip(lines, shown["cash"], strict=True):
        assert stored["currency"] == currency
        assert Decimal(stored["amount"]) == Decimal(typed)  # the same amount, to the last digit
        minor = iso.currency_minor_units(currency)
        places = len(stored["amount"].partition(".")[2])
        assert places == minor  # written in the currency's own minor units


def test_the_currency_box_offers_a_withdrawn_currency_by_its_turkish_name(qtbot: Any) -> None:
    from gumruk_desk.ui.app import application
    from gumruk_desk.ui.widgets.code_combo import CurrencyBox

    application()
    box = CurrencyBox()
    qtbot.addWidget(box)
    texts = [box.itemText(i) for i in range(box.count())]
    assert "BGN – Bulgar levası (tedavülden kalktı: 31.01.2026)" in texts
    assert "KWD – Kuveyt dinarı" in texts
    assert not any(t.startswith("DEM ") for t in texts)
    box.set_code("BGN")
    assert box.code() == "BGN"

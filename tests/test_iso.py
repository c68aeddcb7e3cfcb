"""ISO 3166 / ISO 4217 look-ups with Turkish names (gumruk_desk.domain.iso)."""

from __future__ import annotations

import pycountry
import pytest

from gumruk_desk.domain import iso

# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["TR", "DE", "GB", "US", "SY", "AQ"])
def test_is_country_accepts_iso_alpha2(code: str) -> None:
    assert iso.is_country(code)


@pytest.mark.parametrize(
    "code", ["XK", "UTO", "tr", "Tr", "", " TR", "TR ", "TUR", "EU", "UK", "001"]
)
def test_is_country_rejects_non_iso_and_inexact(code: str) -> None:
    assert not iso.is_country(code)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("DE", "Almanya"),
        ("TR", "Türkiye"),
        ("GB", "Birleşik Krallık"),
        ("US", "Amerika Birleşik Devletleri"),
        ("SY", "Suriye"),
    ],
)
def test_country_name_tr(code: str, name: str) -> None:
    assert iso.country_name_tr(code) == name


@pytest.mark.parametrize("code", ["XK", "UTO", "tr", "", "ZZ"])
def test_country_name_tr_unknown_returns_the_code(code: str) -> None:
    # XK has a CLDR name ("Kosova") but is not ISO 3166-1: not a storable country.
    assert iso.country_name_tr(code) == code


def test_countries_tr_covers_every_iso_country_once() -> None:
    countries = iso.countries_tr()
    codes = [code for code, _ in countries]
    assert len(codes) == len(set(codes))
    assert set(codes) == {c.alpha_2 for c in pycountry.countries}
    assert ("TR", "Türkiye") in countries
    assert all(name and name != code for code, name in countries)


def test_countries_tr_is_in_turkish_order() -> None:
    names = [name for _, name in iso.countries_tr()]
    assert names == sorted(names, key=iso.turkish_sort_key)
    # Ç after every C… name and before every D… name; I (dotless) before İ; Ş after S.
    position = {name: i for i, name in enumerate(names)}
    assert position["Cezayir"] < position["Çad"] < position["Danimarka"]
    assert position["Hırvatistan"] < position["Irak"] < position["İran"] < position["Jamaika"]
    assert position["Suriye"] < position["Şili"] < position["Tayland"]
    assert position["Umman"] < position["Ürdün"] < position["Vanuatu"]
    assert position["Nijerya"] < position["Özbekistan"] < position["Pakistan"]
    assert names[0].startswith("A")


def test_countries_tr_returns_a_copy() -> None:
    first = iso.countries_tr()
    first.clear()
    assert iso.countries_tr()


def test_turkish_sort_key_alphabet() -> None:
    words = [
        "zeytin",
        "Üzüm",
        "uçak",
        "şeker",
        "Su",
        "Öğle",
        "ocak",
        "İnci",
        "ılık",
        "Irmak",
        "ğ",
        "gül",
        "Çay",
        "cam",
        "Bal",
        "âdet",
        "Adana",
    ]
    expected = [
        "Adana",
        "âdet",
        "Bal",
        "cam",
        "Çay",
        "gül",
        "ğ",
        "ılık",
        "Irmak",
        "İnci",
        "ocak",
        "Öğle",
        "Su",
        "şeker",
        "uçak",
        "Üzüm",
        "zeytin",
    ]
    assert sorted(words, key=iso.turkish_sort_key) == expected


def test_turkish_sort_key_spaces_before_letters_and_total_order() -> None:
    assert iso.turkish_sort_key("Kongo - Kinşasa") < iso.turkish_sort_key("Kongolu")
    # Case-insensitive by letter, but never equal for different strings (stable, total order).
    assert iso.turkish_sort_key("a")[0] == iso.turkish_sort_key("A")[0]
    assert iso.turkish_sort_key("a") != iso.turkish_sort_key("A")
    assert iso.turkish_sort_key("Côte") < iso.turkish_sort_key("Çad")
    assert iso.turkish_sort_key("Zambiya") < iso.turkish_sort_key("Ωmega")


# --- MRZ state codes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code3", "alpha2"),
    [
        ("TUR", "TR"),
        ("DEU", "DE"),
        ("D<<", "DE"),
        ("D", "DE"),
        ("GBR", "GB"),
        ("GBD", "GB"),
        ("GBN", "GB"),
        ("GBO", "GB"),
        ("GBP", "GB"),
        ("GBS", "GB"),
        ("USA", "US"),
        ("SYR", "SY"),
    ],
)
def test_country_from_mrz_known(code3: str, alpha2: str) -> None:
    assert iso.country_from_mrz(code3) == alpha2


@pytest.mark.parametrize(
    "code3",
    [
        "UTO",
        "RKS",
        "XXA",
        "XXB",
        "XXC",
        "XXX",
        "UNO",
        "EUE",
        "tur",
        "",
        "<<<",
        "TURK",
        "T1R",
        "<TR",
        "ANT",
        "D<<<",
    ],
)
def test_country_from_mrz_unknown_is_none(code3: str) -> None:
    assert iso.country_from_mrz(code3) is None


def test_mrz_special_codes_are_described_in_turkish() -> None:
    assert iso.mrz_special_code_tr("XXA") == "vatansız kişi (1954 Sözleşmesi)"
    assert iso.mrz_special_code_tr("RKS") is not None
    assert iso.mrz_special_code_tr("UTO") is None
    assert iso.mrz_special_code_tr("TUR") is None


# --- currencies -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["TRY", "USD", "EUR", "GBP", "JPY", "KWD", "XDR", "CHF"])
def test_is_currency_accepts_active_iso4217(code: str) -> None:
    assert iso.is_currency(code)


@pytest.mark.parametrize("code", ["TRL", "DEM", "try", "Usd", "", " TRY", "XYZ", "TL", "TRYY"])
def test_is_currency_rejects_withdrawn_unknown_and_inexact(code: str) -> None:
    assert not iso.is_currency(code)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        # What CLDR (Babel) actually says: Turkish spelling keeps generic currency names
        # lowercase ("ABD doları", "Türk lirası").
        ("USD", "ABD doları"),
        ("EUR", "Euro"),
        ("TRY", "Türk lirası"),
        ("GBP", "İngiliz sterlini"),
        ("JPY", "Japon yeni"),
        ("XDR", "Özel Çekme Hakkı (SDR)"),
    ],
)
def test_currency_name_tr(code: str, name: str) -> None:
    assert iso.currency_name_tr(code) == name


@pytest.mark.parametrize("code", ["try", "", "XYZ"])
def test_currency_name_tr_unknown_returns_the_code(code: str) -> None:
    assert iso.currency_name_tr(code) == code


def test_every_active_currency_has_a_name() -> None:
    for currency in pycountry.currencies:
        name = iso.currency_name_tr(currency.alpha_3)
        assert name
        assert name != currency.alpha_3


@pytest.mark.parametrize(
    ("code", "units"), [("JPY", 0), ("USD", 2), ("KWD", 3), ("TRY", 2), ("EUR", 2), ("BHD", 3)]
)
def test_currency_minor_units(code: str, units: int) -> None:
    assert iso.currency_minor_units(code) == units


@pytest.mark.parametrize("code", ["usd", "", "XYZ", "XDR", "XAU"])
def test_currency_minor_units_refuses_unknown_codes(code: str) -> None:
    with pytest.raises(ValueError, match="ISO 4217"):
        iso.currency_minor_units(code)


def test_currencies_tr_order_and_coverage() -> None:
    currencies = iso.currencies_tr()
    codes = [code for code, _ in currencies]
    assert codes[:4] == ["TRY", "USD", "EUR", "GBP"]
    assert len(codes) == len(set(codes))
    # Current ISO 4217 codes, and the withdrawn ones still carried (the lev, the kuna).
    assert {c.alpha_3 for c in pycountry.currencies} <= set(codes)
    assert {"BGN", "HRK"} <= set(codes)
    assert set(codes) == {c for c in codes if iso.is_currency(c)}
    assert "DEM" not in codes and "TRL" not in codes
    rest = [name for _, name in currencies[4:]]
    assert rest == sorted(rest, key=iso.turkish_sort_key)
    assert currencies[0] == ("TRY", "Türk lirası")


def test_currencies_tr_returns_a_copy() -> None:
    iso.currencies_tr().clear()
    assert iso.currencies_tr()[0][0] == "TRY"

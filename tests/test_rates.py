"""Tests for the TCMB bulletin parser and the rate table (gumruk_desk.domain.rates)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gumruk_desk.domain.rates import (
    MAX_BULLETIN_BYTES,
    Bulletin,
    CurrencyQuote,
    Rate,
    RateColumn,
    RatesError,
    parse_tcmb_xml,
    rate_table_for,
    select_bulletin,
)

SAMPLE_PATH = Path(__file__).parent / "data" / "tcmb-bulletin-sample.xml"
SAMPLE = SAMPLE_PATH.read_bytes()
SAMPLE_TEXT = SAMPLE.decode("utf-8")
SAMPLE_DATE = datetime.date(2025, 11, 14)

USD_FOREX_BUYING = "<ForexBuying>32.1000</ForexBuying>"
USD_OPEN = '<Currency CrossOrder="0" Kod="USD" CurrencyCode="USD">'
EUR_OPEN = '<Currency CrossOrder="9" Kod="EUR" CurrencyCode="EUR">'
USD_UNIT = "<Unit>1</Unit>"  # the first Unit in the file is USD's

# No example database: the suite must not leave files in the repository.
FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def mutate(old: str, new: str) -> bytes:
    """The sample with the first ``old`` replaced by ``new``; fails loudly if ``old`` is absent,
    so a test can never pass because its mutation silently did nothing."""
    assert old in SAMPLE_TEXT, old
    return SAMPLE_TEXT.replace(old, new, 1).encode("utf-8")


def usd_rate(value: str) -> bytes:
    return mutate(USD_FOREX_BUYING, f"<ForexBuying>{value}</ForexBuying>")


def bulletin(day: datetime.date, **rates: str) -> Bulletin:
    """A one-currency-per-keyword bulletin: ``USD="32.2"`` gives USD BanknoteBuying 32.2."""
    quotes = {
        code: CurrencyQuote(code, 1, code, None, None, Decimal(value), None)
        for code, value in rates.items()
    }
    return Bulletin(date=day, quotes=quotes)


@pytest.fixture(scope="module")
def sample() -> Bulletin:
    return parse_tcmb_xml(SAMPLE)


# --------------------------------------------------------------------------------------------
# The real sample


def test_sample_header(sample: Bulletin) -> None:
    assert sample.date == SAMPLE_DATE
    assert sample.number == "2025/215"
    assert list(sample.quotes) == ["USD", "EUR", "JPY", "RUB", "XDR"]


def test_sample_usd_default_column(sample: Bulletin) -> None:
    usd = sample.quotes["USD"]
    assert (usd.unit, usd.name) == (1, "ABD DOLARI")
    assert usd.forex_buying == Decimal("32.1000")
    assert usd.forex_selling == Decimal("32.3000")
    assert usd.banknote_buying == Decimal("32.2000")
    assert usd.banknote_selling == Decimal("32.4000")
    rate = rate_table_for([sample], SAMPLE_DATE).get("USD")
    assert rate == Rate("USD", Decimal("32.2"), "BanknoteBuying", SAMPLE_DATE)
    assert type(rate.try_per_unit) is Decimal


def test_sample_jpy_unit_100_divides(sample: Bulletin) -> None:
    jpy = sample.quotes["JPY"]
    assert jpy.unit == 100
    assert jpy.value(RateColumn.BANKNOTE_BUYING) == Decimal("21.6000")  # raw, not divided
    rate = rate_table_for([sample], SAMPLE_DATE).get("JPY")
    assert rate is not None
    assert rate.try_per_unit == Decimal("0.216")
    assert type(rate.try_per_unit) is Decimal
    assert rate.column == "BanknoteBuying"


def test_sample_rub_empty_banknote_falls_back_to_forex(sample: Bulletin) -> None:
    rub = sample.quotes["RUB"]
    assert rub.banknote_buying is None  # <BanknoteBuying></BanknoteBuying>
    assert rub.banknote_selling is None
    rate = rate_table_for([sample], SAMPLE_DATE).get("RUB")
    assert rate == Rate("RUB", Decimal("0.35"), "ForexBuying", SAMPLE_DATE)


def test_sample_xdr_only_forex_buying(sample: Bulletin) -> None:
    xdr = sample.quotes["XDR"]
    assert xdr.forex_buying == Decimal("43.0000")
    assert (xdr.forex_selling, xdr.banknote_buying, xdr.banknote_selling) == (None, None, None)
    rate = rate_table_for([sample], SAMPLE_DATE).get("XDR")
    assert rate == Rate("XDR", Decimal("43"), "ForexBuying", SAMPLE_DATE)


def test_sample_isim_trailing_spaces_stripped(sample: Bulletin) -> None:
    assert sample.quotes["XDR"].name == "ÖZEL ÇEKME HAKKI (SDR)"
    assert sample.quotes["JPY"].name == "JAPON YENİ"


def test_value_has_no_fallback(sample: Bulletin) -> None:
    rub = sample.quotes["RUB"]
    assert rub.value(RateColumn.BANKNOTE_BUYING) is None
    assert rub.value(RateColumn.FOREX_BUYING) == Decimal("0.35")
    assert rub.value(RateColumn.FOREX_SELLING) == Decimal("0.36")


@pytest.mark.parametrize(
    ("column", "code", "expected", "used"),
    [
        (RateColumn.FOREX_BUYING, "USD", Decimal("32.1"), "ForexBuying"),
        (RateColumn.FOREX_SELLING, "USD", Decimal("32.3"), "ForexSelling"),
        (RateColumn.BANKNOTE_SELLING, "USD", Decimal("32.4"), "BanknoteSelling"),
        (RateColumn.BANKNOTE_SELLING, "RUB", Decimal("0.36"), "ForexSelling"),
        (RateColumn.FOREX_SELLING, "JPY", Decimal("0.217"), "ForexSelling"),
        # Forex columns have no fallback, and a fallback to an empty column gives nothing.
        (RateColumn.FOREX_SELLING, "XDR", None, None),
        (RateColumn.BANKNOTE_SELLING, "XDR", None, None),
    ],
)
def test_columns_and_fallback(
    sample: Bulletin, column: RateColumn, code: str, expected: Decimal | None, used: str | None
) -> None:
    table = rate_table_for([sample], SAMPLE_DATE, column=column)
    assert table.column is column
    rate = table.get(code)
    if expected is None:
        assert rate is None
        assert code not in table.rates
    else:
        assert rate is not None
        assert (rate.try_per_unit, rate.column) == (expected, used)


def test_table_always_has_try(sample: Bulletin) -> None:
    for table in (rate_table_for([sample], SAMPLE_DATE), rate_table_for([], SAMPLE_DATE)):
        assert table.rates["TRY"] == Rate("TRY", Decimal(1), "TRY", None)
        assert table.get("try") == table.rates["TRY"]


def test_table_get_is_lenient_on_case_and_unknown_is_none(sample: Bulletin) -> None:
    table = rate_table_for([sample], SAMPLE_DATE)
    assert table.get(" usd ") == table.rates["USD"]
    assert table.get("GBP") is None


def test_results_are_read_only(sample: Bulletin) -> None:
    with pytest.raises(TypeError):
        sample.quotes["GBP"] = sample.quotes["USD"]  # type: ignore[index]
    table = rate_table_for([sample], SAMPLE_DATE)
    with pytest.raises(TypeError):
        table.rates["USD"] = table.rates["TRY"]  # type: ignore[index]


def test_bulletin_copies_caller_mapping() -> None:
    quotes = {"USD": CurrencyQuote("USD", 1, "ABD DOLARI", None, None, Decimal("32"), None)}
    made = Bulletin(SAMPLE_DATE, quotes)
    quotes.clear()
    assert list(made.quotes) == ["USD"]


def test_optional_header_attributes_not_required() -> None:
    data = mutate(' Date="11/14/2025"  Bulten_No="2025/215" ', " ")
    parsed = parse_tcmb_xml(data)
    assert parsed.date == SAMPLE_DATE
    assert parsed.number is None


def test_kod_alone_is_enough() -> None:
    parsed = parse_tcmb_xml(mutate(USD_OPEN, '<Currency Kod="USD">'))
    assert "USD" in parsed.quotes


def test_sample_without_stylesheet() -> None:
    data = mutate('<?xml-stylesheet type="text/xsl" href="isokur.xsl"?>\n', "")
    assert parse_tcmb_xml(data).date == SAMPLE_DATE


def test_size_limit_is_inclusive() -> None:
    padded = SAMPLE + b" " * (MAX_BULLETIN_BYTES - len(SAMPLE))
    assert len(padded) == MAX_BULLETIN_BYTES
    assert parse_tcmb_xml(padded).date == SAMPLE_DATE


@pytest.mark.parametrize("value", ["1", "0.00000001", "0032.5", "999999999999.99999999"])
def test_rate_value_bounds_accepted(value: str) -> None:
    assert parse_tcmb_xml(usd_rate(value)).quotes["USD"].forex_buying == Decimal(value)


# --------------------------------------------------------------------------------------------
# Malformed and hostile input

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Tarih_Date Tarih="14.11.2025"><Currency CurrencyCode="USD"><Unit>1</Unit>
<Isim>&lol9;</Isim><ForexBuying>32.1</ForexBuying></Currency></Tarih_Date>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Tarih_Date [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Tarih_Date Tarih="14.11.2025"><Currency CurrencyCode="USD"><Unit>1</Unit>
<Isim>&xxe;</Isim><ForexBuying>32.1</ForexBuying></Currency></Tarih_Date>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Tarih_Date SYSTEM "http://example.invalid/evil.dtd">
<Tarih_Date Tarih="14.11.2025"><Currency CurrencyCode="USD"><Unit>1</Unit>
<ForexBuying>32.1</ForexBuying></Currency></Tarih_Date>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Tarih_Date [<!ENTITY % pe SYSTEM "http://example.invalid/x.dtd"> %pe;]>
<Tarih_Date Tarih="14.11.2025"/>
"""

INTERNAL_DTD_ONLY = SAMPLE.replace(
    b"<Tarih_Date ", b"<!DOCTYPE Tarih_Date [<!ELEMENT Tarih_Date ANY>]>\n<Tarih_Date ", 1
)

BAD_INPUT: list[tuple[str, bytes, str]] = [
    # name, data, a fragment of the Turkish message
    ("billion_laughs", BILLION_LAUGHS, "güvenlik nedeniyle kabul edilmez"),
    ("external_entity", XXE, "güvenlik nedeniyle kabul edilmez"),
    ("external_dtd", EXTERNAL_DTD, "DTD"),
    ("parameter_entity", PARAMETER_ENTITY, "güvenlik nedeniyle kabul edilmez"),
    ("internal_dtd", INTERNAL_DTD_ONLY, "DTD"),
    ("too_large", SAMPLE + b" " * (MAX_BULLETIN_BYTES + 1 - len(SAMPLE)), "dosya çok büyük"),
    ("too_large_garbage", b"\xff" * (MAX_BULLETIN_BYTES + 1), "dosya çok büyük"),
    ("empty", b"", "dosya boş"),
    ("whitespace_only", b"  \n\t ", "dosya boş"),
    ("not_xml", b"%PDF-1.7 this is not a bulletin", "XML bozuk"),
    ("html_error_page", b"<html><body>502 Bad Gateway</body></html>", "'html' bulundu"),
    (
        "wrong_root",
        mutate("<Tarih_Date ", "<foo ").replace(b"</Tarih_Date>", b"</foo>"),
        "kök öğe 'Tarih_Date' olmalı, 'foo' bulundu",
    ),
    (
        "namespaced_root",
        mutate("<Tarih_Date ", '<Tarih_Date xmlns="urn:x" '),
        "kök öğe 'Tarih_Date' olmalı",
    ),
    ("missing_tarih", mutate('Tarih="14.11.2025" ', ""), "Tarih özniteliği) yok"),
    ("empty_tarih", mutate('Tarih="14.11.2025"', 'Tarih=""'), "Tarih özniteliği) yok"),
    ("iso_tarih", mutate('Tarih="14.11.2025"', 'Tarih="2025-11-14"'), "'2025-11-14' geçersiz"),
    ("short_year_tarih", mutate('Tarih="14.11.2025"', 'Tarih="14.11.25"'), "GG.AA.YYYY"),
    ("impossible_tarih", mutate('Tarih="14.11.2025"', 'Tarih="31.02.2025"'), "'31.02.2025'"),
    ("month_13_tarih", mutate('Tarih="14.11.2025"', 'Tarih="14.13.2025"'), "GG.AA.YYYY"),
    ("code_missing", mutate(USD_OPEN, "<Currency>"), "1. döviz kaydında para birimi kodu"),
    ("code_lowercase", mutate(USD_OPEN, '<Currency CurrencyCode="usd">'), "'usd' geçersiz"),
    ("code_four_letters", mutate(USD_OPEN, '<Currency CurrencyCode="USDX">'), "üç büyük harf"),
    ("code_digits", mutate(USD_OPEN, '<Currency CurrencyCode="840">'), "'840' geçersiz"),
    (
        "code_kod_mismatch",
        mutate(USD_OPEN, '<Currency Kod="EUR" CurrencyCode="USD">'),
        "CurrencyCode 'USD' ile Kod 'EUR' uyuşmuyor",
    ),
    ("code_try", mutate(USD_OPEN, '<Currency CurrencyCode="TRY">'), "TRY"),
    (
        "duplicate_code",
        mutate(EUR_OPEN, '<Currency Kod="USD" CurrencyCode="USD">'),
        "USD dövizi dosyada birden fazla kez",
    ),
    ("unit_missing", mutate(USD_UNIT, ""), "USD için birim (Unit) yok"),
    ("unit_empty", mutate(USD_UNIT, "<Unit/>"), "USD için birim (Unit) yok"),
    ("unit_text", mutate(USD_UNIT, "<Unit>bir</Unit>"), "USD için birim (Unit) 'bir' geçersiz"),
    ("unit_zero", mutate(USD_UNIT, "<Unit>0</Unit>"), "USD için birim (Unit) '0' geçersiz"),
    ("unit_negative", mutate(USD_UNIT, "<Unit>-1</Unit>"), "USD için birim (Unit) '-1'"),
    ("unit_fraction", mutate(USD_UNIT, "<Unit>1.5</Unit>"), "USD için birim (Unit) '1.5'"),
    ("unit_exponent", mutate(USD_UNIT, "<Unit>1e2</Unit>"), "USD için birim (Unit) '1e2'"),
    ("unit_twice", mutate(USD_UNIT, USD_UNIT * 2), "USD kaydında Unit alanı birden fazla"),
    ("rate_exponent", usd_rate("1e5"), "USD için döviz alış (ForexBuying) değeri '1e5' geçersiz"),
    ("rate_nan", usd_rate("NaN"), "USD için döviz alış (ForexBuying) değeri 'NaN' geçersiz"),
    ("rate_infinity", usd_rate("Infinity"), "değeri 'Infinity' geçersiz"),
    ("rate_negative", usd_rate("-1"), "değeri '-1' geçersiz"),
    ("rate_plus_sign", usd_rate("+32.1"), "değeri '+32.1' geçersiz"),
    ("rate_comma", usd_rate("1,5"), "değeri '1,5' geçersiz"),
    ("rate_thousands", usd_rate("1.234,50"), "değeri '1.234,50' geçersiz"),
    ("rate_no_integer_part", usd_rate(".5"), "değeri '.5' geçersiz"),
    ("rate_trailing_dot", usd_rate("32."), "değeri '32.' geçersiz"),
    ("rate_arabic_digits", usd_rate("٣٢.١"), "geçersiz"),
    ("rate_too_many_decimals", usd_rate("32.123456789"), "değeri '32.123456789' geçersiz"),
    ("rate_too_many_digits", usd_rate("1234567890123"), "geçersiz"),
    ("rate_zero", usd_rate("0"), "USD için döviz alış (ForexBuying) değeri sıfır"),
    ("rate_zero_decimals", usd_rate("0.0000"), "değeri sıfır"),
    (
        "rate_banknote_bad",
        mutate("<BanknoteBuying>32.2000</BanknoteBuying>", "<BanknoteBuying>x</BanknoteBuying>"),
        "USD için efektif alış (BanknoteBuying) değeri 'x' geçersiz",
    ),
    (
        "rate_twice",
        usd_rate("32.1000</ForexBuying><ForexBuying>99"),
        "USD kaydında ForexBuying alanı birden fazla",
    ),
    (
        "no_currency",
        b'<?xml version="1.0"?><Tarih_Date Tarih="14.11.2025" Bulten_No="1"></Tarih_Date>',
        "hiç döviz kaydı (Currency) yok",
    ),
    ("unknown_encoding", SAMPLE.replace(b"UTF-8", b"x-no-such-codec", 1), "karakter kodlaması"),
    ("truncated_mid_file", SAMPLE[: len(SAMPLE) // 2], "XML bozuk veya eksik"),
]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [pytest.param(data, fragment, id=name) for name, data, fragment in BAD_INPUT],
)
def test_bad_input_raises_rates_error_with_turkish_message(data: bytes, fragment: str) -> None:
    with pytest.raises(RatesError) as info:
        parse_tcmb_xml(data)
    message = str(info.value)
    assert message.startswith("Kur dosyası okunamadı: ")
    assert fragment in message
    assert len(message) < 300  # a hostile file must not blow up the message either


def test_long_hostile_value_is_clipped_in_message() -> None:
    with pytest.raises(RatesError) as info:
        parse_tcmb_xml(usd_rate("9" * 5000))
    assert "…" in str(info.value)
    assert len(str(info.value)) < 200


def test_unexpected_failure_is_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated parser bug")

    monkeypatch.setattr("gumruk_desk.domain.rates.DET.fromstring", explode)
    with pytest.raises(RatesError, match=r"beklenmeyen hata \(RuntimeError\)") as info:
        parse_tcmb_xml(SAMPLE)
    assert isinstance(info.value.__cause__, RuntimeError)


def test_rates_error_is_a_value_error() -> None:
    assert issubclass(RatesError, ValueError)


@pytest.mark.parametrize("wrong", ["<Tarih_Date/>", None, 12])
def test_non_bytes_input_raises_rates_error(wrong: object) -> None:
    with pytest.raises(RatesError, match="bayt dizisi değil"):
        parse_tcmb_xml(wrong)  # type: ignore[arg-type]


def test_deep_nesting_is_rejected_cleanly() -> None:
    depth = 100_000
    with pytest.raises(RatesError, match="kök öğe"):
        parse_tcmb_xml(b"<a>" * depth + b"</a>" * depth)


# Cut points: inside the XML declaration, the stylesheet PI, the root start tag, a currency,
# inside the two-byte UTF-8 sequence of "İ" in "JAPON YENİ", and just before the final ">".
_JAPON = SAMPLE.index("JAPON YENİ".encode()) + len(b"JAPON YEN") + 1
TRUNCATION_OFFSETS = [1, 10, 60, 100, 150, 400, _JAPON, len(SAMPLE) - 3]


@pytest.mark.parametrize("offset", TRUNCATION_OFFSETS)
def test_truncated_file_raises(offset: int) -> None:
    with pytest.raises(RatesError, match="XML bozuk veya eksik"):
        parse_tcmb_xml(SAMPLE[:offset])


def test_every_truncation_raises() -> None:
    end_of_root = SAMPLE.rindex(b"</Tarih_Date>") + len(b"</Tarih_Date>")
    for offset in range(end_of_root):
        with pytest.raises(RatesError):
            parse_tcmb_xml(SAMPLE[:offset])
    assert parse_tcmb_xml(SAMPLE[:end_of_root]).date == SAMPLE_DATE


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_bulletin_or_rates_error(data: bytes) -> None:
    try:
        result = parse_tcmb_xml(data)
    except RatesError as error:
        assert str(error)
    else:
        assert isinstance(result, Bulletin)


_EDIT = st.tuples(
    st.sampled_from(["replace", "delete", "insert"]),
    st.integers(min_value=0, max_value=len(SAMPLE) - 1),
    st.binary(min_size=1, max_size=8),
)


@FUZZ
@given(st.lists(_EDIT, min_size=1, max_size=6))
def test_mutated_sample_gives_bulletin_or_rates_error(
    edits: list[tuple[str, int, bytes]],
) -> None:
    data = bytearray(SAMPLE)
    for kind, position, chunk in edits:
        at = min(position, len(data))
        if kind == "replace":
            data[at : at + len(chunk)] = chunk
        elif kind == "delete":
            del data[at : at + len(chunk)]
        else:
            data[at:at] = chunk
    try:
        result = parse_tcmb_xml(bytes(data))
    except RatesError as error:
        assert str(error).startswith("Kur dosyası okunamadı: ")
    else:
        # Whatever got through is still well-typed: positive Decimals or no rate.
        for quote in result.quotes.values():
            assert quote.unit > 0
            for column in RateColumn:
                value = quote.value(column)
                assert value is None or (type(value) is Decimal and value > 0)


@FUZZ
@given(st.text(max_size=20))
def test_any_rate_text_parses_to_positive_decimal_or_rates_error(text: str) -> None:
    try:
        data = usd_rate(escape(text))
    except UnicodeEncodeError:  # lone surrogates cannot be put into a UTF-8 file at all
        return
    try:
        value = parse_tcmb_xml(data).quotes["USD"].forex_buying
    except RatesError:
        return
    assert value is None or (type(value) is Decimal and value.is_finite() and value > 0)
    if value is not None:  # only plain ASCII digits with at most one dot got through
        assert re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,8})?", text.strip())
        assert value == Decimal(text.strip())


@FUZZ
@given(st.from_regex(r"\A[0-9]{1,12}(\.[0-9]{1,8})?\Z").filter(lambda s: Decimal(s) > 0))
def test_every_plain_positive_rate_parses_exactly(text: str) -> None:
    assert parse_tcmb_xml(usd_rate(text)).quotes["USD"].forex_buying == Decimal(text)


# --------------------------------------------------------------------------------------------
# Which bulletin is in force

THU = datetime.date(2025, 11, 13)
FRI = datetime.date(2025, 11, 14)
SAT = datetime.date(2025, 11, 15)
SUN = datetime.date(2025, 11, 16)
MON = datetime.date(2025, 11, 17)


@pytest.mark.parametrize(
    ("on_date", "expected"),
    [(THU, THU), (FRI, FRI), (SAT, FRI), (SUN, FRI), (MON, MON), (MON.replace(day=30), MON)],
)
def test_select_bulletin_latest_on_or_before(
    on_date: datetime.date, expected: datetime.date
) -> None:
    bulletins = [bulletin(MON, USD="3"), bulletin(THU, USD="1"), bulletin(FRI, USD="2")]
    chosen = select_bulletin(bulletins, on_date)
    assert chosen is not None
    assert chosen.date == expected


def test_select_bulletin_none_when_all_later() -> None:
    assert select_bulletin([bulletin(FRI, USD="2"), bulletin(MON, USD="3")], THU) is None
    assert select_bulletin([], FRI) is None


def test_select_bulletin_accepts_a_generator_and_same_date_takes_the_last() -> None:
    first, second = bulletin(FRI, USD="1"), bulletin(FRI, USD="2")
    assert select_bulletin((b for b in [first, second]), SAT) is second


@FUZZ
@given(
    st.lists(st.dates(), max_size=8, unique=True),
    st.dates(),
)
def test_select_bulletin_matches_brute_force(
    dates: list[datetime.date], on_date: datetime.date
) -> None:
    chosen = select_bulletin([bulletin(d) for d in dates], on_date)
    eligible = [d for d in dates if d <= on_date]
    assert (chosen.date if chosen else None) == (max(eligible) if eligible else None)


def test_weekend_table_uses_friday_bulletin(sample: Bulletin) -> None:
    table = rate_table_for([sample, bulletin(MON, USD="40")], SUN)
    assert table.bulletin_date == FRI
    assert table.get("USD") == Rate("USD", Decimal("32.2"), "BanknoteBuying", FRI)
    assert table.warnings == ()
    assert (table.on_date, table.column) == (SUN, RateColumn.BANKNOTE_BUYING)


# --------------------------------------------------------------------------------------------
# Warnings


def test_stale_warning_at_five_days_not_at_four(sample: Bulletin) -> None:
    four = rate_table_for([sample], FRI + datetime.timedelta(days=4))
    assert four.warnings == ()
    five = rate_table_for([sample], FRI + datetime.timedelta(days=5))
    assert five.warnings == ("Kur bülteni 14.11.2025 tarihli; işlem tarihinden 5 gün eski.",)
    assert five.get("USD") is not None  # stale rates are still given, with the warning


def test_stale_after_days_is_configurable(sample: Bulletin) -> None:
    table = rate_table_for([sample], FRI + datetime.timedelta(days=6), stale_after_days=10)
    assert table.warnings == ()
    table = rate_table_for([sample], SAT, stale_after_days=0)
    assert table.warnings == ("Kur bülteni 14.11.2025 tarihli; işlem tarihinden 1 gün eski.",)


@pytest.mark.parametrize("days", [-1, True, 1.5])
def test_stale_after_days_must_be_a_non_negative_int(sample: Bulletin, days: object) -> None:
    with pytest.raises(RatesError, match="eskime süresi"):
        rate_table_for([sample], FRI, stale_after_days=days)  # type: ignore[arg-type]


def test_no_bulletin_warns_and_gives_only_try(sample: Bulletin) -> None:
    table = rate_table_for([sample], THU)
    assert table.bulletin_date is None
    assert dict(table.rates) == {"TRY": Rate("TRY", Decimal(1), "TRY", None)}
    assert table.warnings == (
        "İşlem tarihi 13.11.2025 için yürürlükte bir kur bülteni yok; "
        "kurları güncelleyin ya da elle girin.",
    )


def test_column_given_as_plain_string_is_accepted(sample: Bulletin) -> None:
    table = rate_table_for([sample], FRI, column="ForexSelling")  # type: ignore[arg-type]
    assert table.column is RateColumn.FOREX_SELLING
    with pytest.raises(RatesError, match="Kur sütunu 'Mid' tanınmıyor"):
        rate_table_for([sample], FRI, column="Mid")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Manual rates


def test_manual_rate_overrides_and_is_marked(sample: Bulletin) -> None:
    table = rate_table_for([sample], FRI, manual={"USD": Decimal("33.5"), "gbp": Decimal("41")})
    assert table.get("USD") == Rate("USD", Decimal("33.5"), "manual", None, manual=True)
    assert table.get("GBP") == Rate("GBP", Decimal("41"), "manual", None, manual=True)
    eur = table.get("EUR")
    assert eur is not None
    assert (eur.manual, eur.column) == (False, "BanknoteBuying")
    assert table.bulletin_date == FRI


def test_manual_rate_without_bulletin(sample: Bulletin) -> None:
    table = rate_table_for([], FRI, manual={"USD": Decimal("33.5")})
    assert table.get("USD") == Rate("USD", Decimal("33.5"), "manual", None, manual=True)
    assert len(table.warnings) == 1  # still told that no bulletin was found


@pytest.mark.parametrize(
    ("manual", "fragment"),
    [
        ({"USD": Decimal("-1")}, "USD için elle girilen kur '-1' geçersiz"),
        ({"USD": Decimal("0")}, "sıfırdan büyük"),
        ({"USD": Decimal("NaN")}, "geçersiz"),
        ({"USD": Decimal("-Infinity")}, "geçersiz"),
        ({"USD": 33.5}, "geçersiz"),  # a float is never money
        ({"US": Decimal("1")}, "para birimi kodu 'US' geçersiz"),
        ({"TRY": Decimal("1")}, "TRY için elle kur girilemez"),
        ({"usd": Decimal("1"), "USD": Decimal("2")}, "birden fazla"),
    ],
)
def test_bad_manual_rate_rejected(
    sample: Bulletin, manual: dict[str, Decimal], fragment: str
) -> None:
    with pytest.raises(RatesError) as info:
        rate_table_for([sample], FRI, manual=manual)
    assert fragment in str(info.value)

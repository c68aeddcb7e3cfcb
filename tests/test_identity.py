"""Identity numbers and MRZ reading (gumruk_desk.domain.identity)."""

from __future__ import annotations

import datetime
import re
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from gumruk_desk.domain.identity import (
    MrzData,
    MrzError,
    id_number_problem,
    is_valid_passport_number,
    is_valid_tckn,
    is_valid_vkn,
    mrz_check_digit,
    normalize_passport_number,
    parse_mrz,
)

TODAY = datetime.date(2025, 6, 15)

SPECIMEN_TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)
SPECIMEN_TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
UTO_WARNING = "Uyruk kodu 'UTO' tanınmadı: ISO 3166 ülke kodu değil; uyruğu elle seçin."

# --- test-side MRZ builder (independent of the implementation) -----------------------------

_VALUES = {ch: i for i, ch in enumerate(string.digits + string.ascii_uppercase)} | {"<": 0}


def cd(field: str) -> str:
    """ICAO 9303 check digit, written independently of the code under test."""
    return str(sum(_VALUES[ch] * (7, 3, 1)[i % 3] for i, ch in enumerate(field)) % 10)


def yymmdd(day: datetime.date) -> str:
    return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"


def make_td3(
    *,
    surname: str = "YILMAZ",
    given_names: str = "AYSE",
    number: str = "U12345678",
    nationality: str = "TUR",
    issuer: str = "TUR",
    birth: str = "850101",
    sex: str = "F",
    expiry: str = "300101",
    personal: str = "",
    personal_filler_check: bool = True,
    document_code: str = "P",
) -> str:
    name = (surname + "<<" + given_names).replace(" ", "<")
    line1 = (document_code.ljust(2, "<") + issuer.ljust(3, "<") + name).ljust(44, "<")
    num = number.ljust(9, "<")
    pers = personal.ljust(14, "<")
    pers_cd = "<" if personal == "" and personal_filler_check else cd(pers)
    line2 = num + cd(num) + nationality.ljust(3, "<") + birth + cd(birth) + sex
    line2 += expiry + cd(expiry) + pers + pers_cd
    line2 += cd(line2[0:10] + line2[13:20] + line2[21:43])
    assert len(line1) == 44 and len(line2) == 44, (line1, line2)
    return line1 + "\n" + line2


def make_td1(
    *,
    surname: str = "YILMAZ",
    given_names: str = "AYSE",
    number: str = "A01B23456",
    optional1: str = "",
    nationality: str = "TUR",
    issuer: str = "TUR",
    birth: str = "850101",
    sex: str = "F",
    expiry: str = "300101",
    optional2: str = "",
    document_code: str = "I",
) -> str:
    head = document_code.ljust(2, "<") + issuer.ljust(3, "<")
    if len(number) <= 9:
        num = number.ljust(9, "<")
        line1 = head + num + cd(num) + optional1.ljust(15, "<")
    else:  # ICAO long document number: '<' as check digit, rest + check digit in optional 1
        tail = number[9:] + cd(number) + ("<" + optional1 if optional1 else "")
        line1 = head + number[:9] + "<" + tail.ljust(15, "<")
    line2 = birth + cd(birth) + sex + expiry + cd(expiry) + nationality.ljust(3, "<")
    line2 += optional2.ljust(11, "<")
    line2 += cd(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line3 = (surname + "<<" + given_names).replace(" ", "<").ljust(30, "<")
    assert len(line1) == 30 and len(line2) == 30 and len(line3) == 30, (line1, line2, line3)
    return "\n".join((line1, line2, line3))


def bump(ch: str) -> str:
    """Another MRZ character whose value differs by a non-multiple of 10: always detectable."""
    if ch == "<":
        return "1"
    if ch.isdigit():
        return str((int(ch) + 1) % 10)
    return "A" if ch == "Z" else chr(ord(ch) + 1)


def mutate(mrz: str, line: int, column: int) -> str:
    lines = mrz.split("\n")
    text = lines[line]
    lines[line] = text[:column] + bump(text[column]) + text[column + 1 :]
    return "\n".join(lines)


# --- T.C. Kimlik No -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["10000000146", "17291716060"])
def test_valid_tckn(value: str) -> None:
    assert is_valid_tckn(value)
    assert id_number_problem("tckn", value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("10000000147", "T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor."),
        ("17291716050", "T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor."),
        ("10000000246", "T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor."),
        ("27291716060", "T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor."),
        ("1000000014", "T.C. Kimlik No 11 haneli olmalı (girilen: 10 hane)."),
        ("100000001466", "T.C. Kimlik No 11 haneli olmalı (girilen: 12 hane)."),
        ("07291716092", "T.C. Kimlik No 0 ile başlayamaz."),
        ("1000000014a", "T.C. Kimlik No yalnızca rakamlardan oluşmalı."),
        ("ABCDEFGHIJK", "T.C. Kimlik No yalnızca rakamlardan oluşmalı."),
        (" 10000000146", "T.C. Kimlik No yalnızca rakamlardan oluşmalı."),
        ("100 000 001 46", "T.C. Kimlik No yalnızca rakamlardan oluşmalı."),
        # Full-width digit: python-stdnum alone would accept it; it must not be stored.
        ("\uff110000000146", "T.C. Kimlik No yalnızca rakamlardan oluşmalı."),
        ("", "T.C. Kimlik No girilmedi."),
    ],
)
def test_invalid_tckn(value: str, message: str) -> None:
    assert not is_valid_tckn(value)
    assert id_number_problem("tckn", value) == message


def tckn_from(first9: str) -> str:
    """Check digits by the formula published by NVİ (independent of python-stdnum)."""
    d = [int(ch) for ch in first9]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return f"{first9}{d10}{d11}"


@given(st.from_regex(r"[1-9][0-9]{8}", fullmatch=True), st.integers(0, 10), st.integers(1, 9))
def test_tckn_any_single_digit_change_is_detected(first9: str, position: int, delta: int) -> None:
    valid = tckn_from(first9)
    assert is_valid_tckn(valid)
    changed = valid[:position] + str((int(valid[position]) + delta) % 10) + valid[position + 1 :]
    assert not is_valid_tckn(changed)
    assert id_number_problem("tckn", changed) is not None


# --- Vergi Kimlik No ------------------------------------------------------------------------


def test_valid_vkn() -> None:
    assert is_valid_vkn("4540536920")
    assert id_number_problem("vkn", "4540536920") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("4540536921", "Vergi Kimlik No geçersiz: kontrol hanesi tutmuyor."),
        ("4540536930", "Vergi Kimlik No geçersiz: kontrol hanesi tutmuyor."),
        ("454053692", "Vergi Kimlik No 10 haneli olmalı (girilen: 9 hane)."),
        ("45405369201", "Vergi Kimlik No 10 haneli olmalı (girilen: 11 hane)."),
        ("454053692a", "Vergi Kimlik No yalnızca rakamlardan oluşmalı."),
        ("4540536920 ", "Vergi Kimlik No yalnızca rakamlardan oluşmalı."),
        ("", "Vergi Kimlik No girilmedi."),
    ],
)
def test_invalid_vkn(value: str, message: str) -> None:
    assert not is_valid_vkn(value)
    assert id_number_problem("vkn", value) == message


# --- passport numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [(" u 1234 5678 ", "U12345678"), ("ab1", "AB1"), ("A\tB\u00a0C\n1", "ABC1"), ("ß12", "ß12")],
)
def test_normalize_passport_number(raw: str, normalized: str) -> None:
    assert normalize_passport_number(raw) == normalized


@pytest.mark.parametrize("value", ["U12345678", "ab1", " p 123 456 ", "A" * 20, "123"])
def test_valid_passport_number(value: str) -> None:
    assert is_valid_passport_number(value)
    assert id_number_problem("passport", value) is None


@pytest.mark.parametrize("value", ["AB", "A" * 21, "AB-123", "ÇÖ1234", "ß12", "ıi123", "١٢٣٤"])
def test_invalid_passport_number(value: str) -> None:
    assert not is_valid_passport_number(value)
    assert id_number_problem("passport", value) == (
        "Pasaport numarası yalnızca harf ve rakamlardan oluşmalı (3-20 karakter)."
    )


def test_empty_passport_number() -> None:
    assert not is_valid_passport_number("  ")
    assert id_number_problem("passport", "  ") == "Pasaport numarası girilmedi."


def test_unknown_kind_gives_turkish_message() -> None:
    message = id_number_problem("ehliyet", "12345")
    assert message is not None
    assert "Bilinmeyen kimlik belgesi türü: 'ehliyet'" in message


@given(st.sampled_from(["tckn", "vkn", "passport"]), st.text(max_size=25))
def test_problem_is_none_exactly_when_valid(kind: str, value: str) -> None:
    valid = {"tckn": is_valid_tckn, "vkn": is_valid_vkn, "passport": is_valid_passport_number}
    assert (id_number_problem(kind, value) is None) == valid[kind](value)


# --- MRZ: specimens -------------------------------------------------------------------------


def test_check_digit_helpers_agree_on_specimen() -> None:
    # Guards the test-side builder: it must reproduce the ICAO specimen's digits.
    assert cd("L898902C3") == "6" == mrz_check_digit("L898902C3")
    assert cd("740812") == "2" == mrz_check_digit("740812")
    assert (
        make_td3(
            surname="ERIKSSON",
            given_names="ANNA MARIA",
            number="L898902C3",
            nationality="UTO",
            issuer="UTO",
            birth="740812",
            sex="F",
            expiry="120415",
            personal="ZE184226B",
        )
        == SPECIMEN_TD3
    )
    assert (
        make_td1(
            surname="ERIKSSON",
            given_names="ANNA MARIA",
            number="D23145890",
            nationality="UTO",
            issuer="UTO",
            birth="740812",
            sex="F",
            expiry="120415",
        )
        == SPECIMEN_TD1
    )


def test_specimen_td3() -> None:
    data = parse_mrz(SPECIMEN_TD3, today=TODAY)
    assert data == MrzData(
        document_type="TD3",
        document_code="P",
        issuing_state="UTO",
        document_number="L898902C3",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        nationality_code="UTO",
        nationality=None,
        birth_date=datetime.date(1974, 8, 12),
        sex="F",
        expiry_date=datetime.date(2012, 4, 15),
        optional_data="ZE184226B",
        warnings=(
            UTO_WARNING,
            "Belgeyi veren devlet kodu 'UTO' tanınmadı: ISO 3166 ülke kodu değil.",
            "Belgenin geçerlilik süresi dolmuş (15.04.2012).",
        ),
    )


def test_specimen_td1() -> None:
    data = parse_mrz(SPECIMEN_TD1, today=TODAY)
    assert data.document_type == "TD1"
    assert data.document_code == "I"
    assert data.issuing_state == "UTO"
    assert data.document_number == "D23145890"
    assert (data.surname, data.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert data.nationality_code == "UTO"
    assert data.nationality is None
    assert data.birth_date == datetime.date(1974, 8, 12)
    assert data.sex == "F"
    assert data.expiry_date == datetime.date(2012, 4, 15)
    assert data.optional_data == ""
    assert UTO_WARNING in data.warnings
    assert "Belgenin geçerlilik süresi dolmuş (15.04.2012)." in data.warnings


# --- MRZ: every checked character -----------------------------------------------------------

TD3_FIELDS = (
    [(c, "belge numarası") for c in range(0, 10)]
    + [(c, "doğum tarihi") for c in range(13, 20)]
    + [(c, "son geçerlilik tarihi") for c in range(21, 28)]
    + [(c, "kişisel numara") for c in range(28, 43)]
    + [(43, "bileşik kontrol hanesi")]
)


@pytest.mark.parametrize(("column", "field"), TD3_FIELDS)
def test_td3_every_checked_character_is_verified(column: int, field: str) -> None:
    with pytest.raises(MrzError, match=re.escape(f"MRZ kontrol hanesi hatalı: {field} (2. satır")):
        parse_mrz(mutate(SPECIMEN_TD3, 1, column), today=TODAY)


TD1_FIELDS = (
    [(0, c, "belge numarası", "1") for c in range(5, 15)]
    + [(0, c, "bileşik kontrol hanesi", "2") for c in range(15, 30)]  # optional data 1
    + [(1, c, "doğum tarihi", "2") for c in range(0, 7)]
    + [(1, c, "son geçerlilik tarihi", "2") for c in range(8, 15)]
    + [(1, c, "bileşik kontrol hanesi", "2") for c in range(18, 30)]  # optional 2, composite
)


@pytest.mark.parametrize(("line", "column", "field", "reported_line"), TD1_FIELDS)
def test_td1_every_checked_character_is_verified(
    line: int, column: int, field: str, reported_line: str
) -> None:
    with pytest.raises(
        MrzError, match=re.escape(f"MRZ kontrol hanesi hatalı: {field} ({reported_line}. satır")
    ):
        parse_mrz(mutate(SPECIMEN_TD1, line, column), today=TODAY)


@pytest.mark.parametrize(
    ("column", "field"),
    [
        (9, "belge numarası"),
        (19, "doğum tarihi"),
        (27, "son geçerlilik tarihi"),
        (42, "kişisel numara"),
        (43, "bileşik kontrol hanesi"),
    ],
)
def test_td3_filler_as_check_digit_of_a_filled_field_is_rejected(column: int, field: str) -> None:
    line1, line2 = SPECIMEN_TD3.split("\n")
    line2 = line2[:column] + "<" + line2[column + 1 :]
    with pytest.raises(MrzError, match=f"MRZ kontrol hanesi hatalı: {field} "):
        parse_mrz(line1 + "\n" + line2, today=TODAY)


def test_check_digit_error_message_is_complete() -> None:
    with pytest.raises(MrzError) as excinfo:
        parse_mrz(mutate(SPECIMEN_TD3, 1, 9), today=TODAY)
    assert str(excinfo.value) == (
        "MRZ kontrol hanesi hatalı: belge numarası (2. satır, 10. karakter). "
        "Belgeyi yeniden okutun veya bilgileri elle girin."
    )


@pytest.mark.parametrize("check", ["<", "0"])
def test_empty_personal_number_accepts_filler_or_zero_check(check: str) -> None:
    mrz = make_td3(personal="", personal_filler_check=(check == "<"))
    assert mrz[-2] == check
    assert parse_mrz(mrz, today=TODAY).optional_data == ""


def test_empty_personal_number_rejects_other_check_digit() -> None:
    mrz = make_td3(personal="")
    line1, line2 = mrz.split("\n")
    line2 = line2[:42] + "5"
    line2 += cd(line2[0:10] + line2[13:20] + line2[21:43])
    with pytest.raises(MrzError, match="kişisel numara"):
        parse_mrz(line1 + "\n" + line2, today=TODAY)


# --- MRZ: shape and characters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "MRZ boş"),
        ("\n \r\n\t", "MRZ boş"),
        (
            SPECIMEN_TD3[:-1],
            "MRZ 2. satır 43 karakter; pasaport (TD3) satırları 44 karakter olmalı.",
        ),
        (SPECIMEN_TD3 + "<", "MRZ 2. satır 45 karakter"),
        ("<" + SPECIMEN_TD3, "MRZ 1. satır 45 karakter"),
        (SPECIMEN_TD1.replace("\n", "<\n", 1), "MRZ 1. satır 31 karakter"),
        (SPECIMEN_TD3 + "\n" + "<" * 44, "MRZ 1. satır 44 karakter; kimlik kartı (TD1)"),
        (SPECIMEN_TD1 + "\n" + "<" * 30, "MRZ 4 satır"),
        (SPECIMEN_TD3.split("\n")[1], "MRZ tek satır ve 44 karakter"),
        (SPECIMEN_TD3.replace("\n", "")[:-1], "MRZ tek satır ve 87 karakter"),
        ("<" * 36 + "\n" + "<" * 36, "TD2"),
    ],
)
def test_wrong_shape(text: str, fragment: str) -> None:
    with pytest.raises(MrzError) as excinfo:
        parse_mrz(text, today=TODAY)
    assert fragment in str(excinfo.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (SPECIMEN_TD3.replace("ERIKSSON", "ERİKSSON"), "MRZ 1. satır, 8. karakter geçersiz: 'İ'"),
        (SPECIMEN_TD3.replace("ANNA<", "ANNA "), "MRZ 1. satır, 20. karakter geçersiz: U+0020"),
        (SPECIMEN_TD1.replace("7408", "74-8"), "MRZ 2. satır, 3. karakter geçersiz: '-'"),
        (SPECIMEN_TD3.replace("\n", ""), None),  # control: concatenation itself is fine
    ],
)
def test_illegal_characters(text: str, fragment: str | None) -> None:
    if fragment is None:
        assert parse_mrz(text, today=TODAY).document_number == "L898902C3"
        return
    with pytest.raises(MrzError) as excinfo:
        parse_mrz(text, today=TODAY)
    assert fragment in str(excinfo.value)
    assert "yalnızca A-Z harfleri, rakamlar ve '<'" in str(excinfo.value)


def test_field_syntax_errors() -> None:
    with pytest.raises(MrzError, match="cinsiyet alanı geçersiz"):
        parse_mrz(make_td3(sex="K"), today=TODAY)
    with pytest.raises(MrzError, match="uyruk kodu geçersiz"):
        parse_mrz(make_td3(nationality="T1R"), today=TODAY)
    with pytest.raises(MrzError, match="belgeyi veren devlet kodu geçersiz"):
        parse_mrz(make_td3(issuer="<TR"), today=TODAY)
    with pytest.raises(MrzError, match="ad-soyad alanında yalnızca harf"):
        parse_mrz(make_td3(surname="Y1LMAZ"), today=TODAY)
    with pytest.raises(MrzError, match="belge türü kodu"):
        parse_mrz(make_td3(document_code="I"), today=TODAY)
    with pytest.raises(MrzError, match="Vize MRZ"):
        parse_mrz(make_td3(document_code="V"), today=TODAY)
    with pytest.raises(MrzError, match="belge türü kodu"):
        parse_mrz(make_td1(document_code="P"), today=TODAY)
    with pytest.raises(MrzError, match="belge numarası boş"):
        parse_mrz(make_td3(number=""), today=TODAY)


# --- MRZ: what a keyboard-wedge scanner types -----------------------------------------------


@pytest.mark.parametrize(
    "transform",
    [
        lambda s: s.lower(),
        lambda s: s.replace("\n", "\r\n"),
        lambda s: s.replace("\n", "\r"),
        lambda s: "\r\n\r\n  " + s.replace("\n", " \r\n\t") + "\r\n\r\n",
        lambda s: s.replace("\n", "\n\n\n"),
        lambda s: s.replace("\n", ""),
        lambda s: "  " + s.replace("\n", "").lower() + "\r\n",
    ],
    ids=["lower", "crlf", "cr", "whitespace", "blank-lines", "concatenated", "concat-lower"],
)
@pytest.mark.parametrize("specimen", [SPECIMEN_TD3, SPECIMEN_TD1], ids=["TD3", "TD1"])
def test_scanner_variants(specimen: str, transform: object) -> None:
    assert callable(transform)
    assert parse_mrz(transform(specimen), today=TODAY) == parse_mrz(specimen, today=TODAY)


# --- MRZ: real countries, end to end --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "alpha2", "stored"),
    [("TUR", "TR", "TUR"), ("D", "DE", "D"), ("DEU", "DE", "DEU"), ("GBN", "GB", "GBN")],
)
def test_td3_country_mapping(code: str, alpha2: str, stored: str) -> None:
    data = parse_mrz(make_td3(nationality=code, issuer=code), today=TODAY)
    assert data.nationality == alpha2
    assert data.nationality_code == stored
    assert data.issuing_state == stored
    assert data.warnings == ()


def test_german_passport_is_written_d_with_fillers() -> None:
    mrz = make_td3(nationality="D", issuer="D", surname="MUELLER", given_names="HANS")
    assert mrz.startswith("P<D<<MUELLER<<HANS<")
    assert mrz.split("\n")[1][10:13] == "D<<"
    data = parse_mrz(mrz, today=TODAY)
    assert (data.nationality, data.nationality_code, data.issuing_state) == ("DE", "D", "D")


def test_turkish_passport_with_tckn_in_personal_number() -> None:
    data = parse_mrz(
        make_td3(surname="OZTURK", given_names="MEHMET ALI", personal="10000000146"),
        today=TODAY,
    )
    assert (data.surname, data.given_names) == ("OZTURK", "MEHMET ALI")
    assert data.optional_data == "10000000146"
    assert data.nationality == "TR"


def test_td1_turkish_identity_card() -> None:
    data = parse_mrz(make_td1(optional1="10000000146", optional2="X1"), today=TODAY)
    assert data.document_type == "TD1"
    assert data.nationality == "TR"
    assert data.document_number == "A01B23456"
    assert data.optional_data == "10000000146 X1"
    assert data.warnings == ()


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("XXA", "Uyruk kodu 'XXA' (vatansız kişi (1954 Sözleşmesi)): ISO 3166 ülke kodu değil"),
        ("RKS", "Uyruk kodu 'RKS' (Kosova"),
        ("ZZZ", "Uyruk kodu 'ZZZ' tanınmadı: ISO 3166 ülke kodu değil; uyruğu elle seçin."),
    ],
)
def test_nationality_without_iso_country(code: str, fragment: str) -> None:
    data = parse_mrz(make_td3(nationality=code), today=TODAY)
    assert data.nationality is None
    assert data.nationality_code == code
    assert any(fragment in warning for warning in data.warnings)


def test_organisation_as_issuer_is_not_a_warning() -> None:
    data = parse_mrz(make_td3(issuer="UNO", nationality="TUR"), today=TODAY)
    assert data.issuing_state == "UNO"
    assert data.warnings == ()


# --- MRZ: TD1 long document number ----------------------------------------------------------


def test_td1_long_document_number() -> None:
    mrz = make_td1(number="D23145890123", optional1="XY")
    line1 = mrz.split("\n")[0]
    assert line1[14] == "<"
    assert line1[15:20] == "123" + cd("D23145890123") + "<"
    data = parse_mrz(mrz, today=TODAY)
    assert data.document_number == "D23145890123"
    assert data.optional_data == "XY"


@pytest.mark.parametrize("column", [5, 13, 15, 16, 17, 18])
def test_td1_long_document_number_is_checked(column: int) -> None:
    mrz = make_td1(number="D23145890123", optional1="XY")
    with pytest.raises(MrzError, match=re.escape("belge numarası (1. satır")):
        parse_mrz(mutate(mrz, 0, column), today=TODAY)


def test_td1_filler_check_digit_without_continuation_is_rejected() -> None:
    line1 = "I<TURA01B23456<" + "<" * 15
    line2 = "850101" + cd("850101") + "F" + "300101" + cd("300101") + "TUR" + "<" * 11
    line2 += cd(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line3 = "YILMAZ<<AYSE".ljust(30, "<")
    with pytest.raises(MrzError, match=re.escape("belge numarası (1. satır, 15. karakter")):
        parse_mrz("\n".join((line1, line2, line3)), today=TODAY)


# --- MRZ: dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("740812", datetime.date(1974, 8, 12)),
        ("050301", datetime.date(2005, 3, 1)),
        ("250615", datetime.date(2025, 6, 15)),  # born today
        ("250616", datetime.date(1925, 6, 16)),  # tomorrow in 2025 → must be 1925
        ("000229", datetime.date(2000, 2, 29)),
        ("991231", datetime.date(1999, 12, 31)),
    ],
)
def test_birth_century(birth: str, expected: datetime.date) -> None:
    assert parse_mrz(make_td3(birth=birth), today=TODAY).birth_date == expected


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [
        ("300101", datetime.date(2030, 1, 1)),
        ("751231", datetime.date(2075, 12, 31)),
        ("760101", datetime.date(1976, 1, 1)),
        ("120415", datetime.date(2012, 4, 15)),
    ],
)
def test_expiry_century(expiry: str, expected: datetime.date) -> None:
    assert parse_mrz(make_td3(expiry=expiry), today=TODAY).expiry_date == expected


def test_expired_document_warning() -> None:
    data = parse_mrz(make_td3(expiry="250614"), today=TODAY)
    assert data.warnings == ("Belgenin geçerlilik süresi dolmuş (14.06.2025).",)
    # Valid through its expiry day.
    assert parse_mrz(make_td3(expiry="250615"), today=TODAY).warnings == ()


def test_unknown_birth_date() -> None:
    data = parse_mrz(make_td3(birth="<<<<<<"), today=TODAY)
    assert data.birth_date is None
    assert any("Doğum tarihi MRZ'de bilinmiyor" in w for w in data.warnings)


@pytest.mark.parametrize("birth", ["741301", "740230", "740800", "74<<<<"])
def test_impossible_or_partial_birth_date_is_a_warning_not_a_crash(birth: str) -> None:
    data = parse_mrz(make_td3(birth=birth), today=TODAY)
    assert data.birth_date is None
    assert any("Doğum tarihi" in w and birth in w for w in data.warnings)


def test_default_today_is_the_local_date() -> None:
    data = parse_mrz(make_td3(expiry="990101"))  # 2099 from 2050 on, 1999 before
    assert data.expiry_date is not None
    assert abs(data.expiry_date.year - datetime.date.today().year) <= 50


# --- MRZ: properties -----------------------------------------------------------------------

MRZ_ALPHABET = string.ascii_uppercase + string.digits + "<"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=120),
        st.text(alphabet=MRZ_ALPHABET + "\n\r abc", min_size=80, max_size=100),
        st.lists(
            st.text(alphabet=MRZ_ALPHABET, min_size=28, max_size=46), min_size=1, max_size=4
        ).map("\n".join),
        st.tuples(
            st.sampled_from([SPECIMEN_TD3, SPECIMEN_TD1]),
            st.integers(0, 95),
            st.characters(),
        ).map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + 1 :]),
    ),
    st.dates(),
)
def test_parse_mrz_raises_only_mrz_error(text: str, today: datetime.date) -> None:
    try:
        result = parse_mrz(text, today=today)
    except MrzError as error:
        assert str(error)
    else:
        assert isinstance(result, MrzData)


WORD = st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=12)
ALNUM = string.ascii_uppercase + string.digits
STATES = [("TUR", "TR"), ("D", "DE"), ("DEU", "DE"), ("GBD", "GB"), ("USA", "US"), ("UTO", None)]


@settings(max_examples=150)
@given(
    surname=st.lists(WORD, min_size=1, max_size=3).map(" ".join),
    given_names=st.lists(WORD, min_size=0, max_size=3).map(" ".join),
    number=st.text(alphabet=ALNUM, min_size=1, max_size=9),
    state=st.sampled_from(STATES),
    issuer=st.sampled_from([code for code, _ in STATES]),
    birth=st.dates(datetime.date(1925, 6, 16), TODAY),
    expiry=st.dates(datetime.date(1976, 1, 1), datetime.date(2075, 12, 31)),
    sex=st.sampled_from("MFX<"),
    personal=st.text(alphabet=ALNUM, max_size=14),
    filler_check=st.booleans(),
)
def test_td3_round_trip(
    surname: str,
    given_names: str,
    number: str,
    state: tuple[str, str | None],
    issuer: str,
    birth: datetime.date,
    expiry: datetime.date,
    sex: str,
    personal: str,
    filler_check: bool,
) -> None:
    assume(len(surname) + 2 + len(given_names) <= 39)
    code, alpha2 = state
    mrz = make_td3(
        surname=surname,
        given_names=given_names,
        number=number,
        nationality=code,
        issuer=issuer,
        birth=yymmdd(birth),
        sex=sex,
        expiry=yymmdd(expiry),
        personal=personal,
        personal_filler_check=filler_check,
    )
    data = parse_mrz(mrz, today=TODAY)
    assert data.document_type == "TD3"
    assert data.document_code == "P"
    assert data.issuing_state == issuer
    assert data.document_number == number
    assert (data.surname, data.given_names) == (surname, given_names)
    assert (data.nationality_code, data.nationality) == (code, alpha2)
    assert data.birth_date == birth
    assert data.expiry_date == expiry
    assert data.sex == sex
    assert data.optional_data == personal
    expired = f"Belgenin geçerlilik süresi dolmuş ({expiry:%d.%m.%Y})."
    assert (expired in data.warnings) == (expiry < TODAY)
    assert any(w.startswith("Uyruk kodu") for w in data.warnings) == (alpha2 is None)


@settings(max_examples=100)
@given(
    number=st.text(alphabet=ALNUM, min_size=1, max_size=20),
    optional1=st.text(alphabet=ALNUM, max_size=15),
    optional2=st.text(alphabet=ALNUM, max_size=11),
    birth=st.dates(datetime.date(1925, 6, 16), TODAY),
    expiry=st.dates(datetime.date(1976, 1, 1), datetime.date(2075, 12, 31)),
    document_code=st.sampled_from(["I", "ID", "AC", "C", "IR"]),
)
def test_td1_round_trip(
    number: str,
    optional1: str,
    optional2: str,
    birth: datetime.date,
    expiry: datetime.date,
    document_code: str,
) -> None:
    if len(number) > 9:  # room for the continuation, its check digit and a filler
        optional1 = optional1[: max(0, 15 - (len(number) - 9) - 2)]
    mrz = make_td1(
        number=number,
        optional1=optional1,
        optional2=optional2,
        birth=yymmdd(birth),
        expiry=yymmdd(expiry),
        document_code=document_code,
    )
    data = parse_mrz(mrz, today=TODAY)
    assert data.document_type == "TD1"
    assert data.document_code == document_code
    assert data.document_number == number
    assert data.optional_data == " ".join(part for part in (optional1, optional2) if part)
    assert (data.birth_date, data.expiry_date) == (birth, expiry)
    assert data.nationality == "TR"

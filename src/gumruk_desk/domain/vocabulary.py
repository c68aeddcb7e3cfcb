"""Every coded value of a record in Turkish, once: the window, the printouts and the reports
all say the same thing in the same words.

Severity is the domain's: ``"ok"`` (a declaration, a correct explanation), ``"warning"``,
``"sanction"`` (a fine, custody, a referral). The window gives each severity its colour.
"""

from __future__ import annotations

from gumruk_desk.domain.money import INSTRUMENT_LABELS_TR, Instrument

__all__ = [
    "COLUMN",
    "EXCEPTION",
    "FOUND",
    "ID_KIND",
    "INSTRUMENT",
    "KIND",
    "KIND_WITH_ANNEX",
    "OUTCOME",
    "OUTCOME_SEVERITY",
    "QR_MISMATCH",
    "REASON",
    "SELECTION",
    "SOURCE",
    "SOURCE_CHOICES",
    "SOURCE_ORDER",
    "instrument",
    "kind",
    "outcome",
    "severity",
]

KIND = {"nakit_beyan": "Nakit Beyan Formu", "nakit_aciklama": "Nakit Açıklama Tutanağı"}
KIND_WITH_ANNEX = {
    "nakit_beyan": "Nakit Beyan Formu (EK-1)",
    "nakit_aciklama": "Nakit Açıklama Tutanağı (EK-2)",
}

OUTCOME = {
    "declared": "Beyan edildi",
    "prohibited_source": "Kaynağı yasak – el konuldu",
    "correct": "Doğru açıklama (22.a)",
    "no_declaration": "Açıklama yapılmadı (22.b)",
    "misdeclared": "Yanlış açıklama (22.c)",
}
#: What an outcome is on its own; any record that fines, seizes or refers is a "sanction"
#: whatever its code (a "correct" exit over the limit, "no explanation" beyond the tolerance).
OUTCOME_SEVERITY = {
    "declared": "ok",
    "prohibited_source": "sanction",
    "correct": "ok",
    "no_declaration": "warning",
    "misdeclared": "sanction",
}


def severity(code: str, sanctioned: bool = False) -> str:
    return "sanction" if sanctioned else OUTCOME_SEVERITY.get(code, "warning")


#: Source categories as the printed forms and reports name them.
SOURCE = {
    "export": "İhracat",
    "transit_trade": "Transit ticaret",
    "foreign_capital": "Yabancı sermaye bedeli",
    "other_free": "Diğer (getirilmesi serbest)",
    "loan_from_abroad": "Yurt dışından alınan kredi",
    "personal_capital": "Kişisel sermaye",
}
#: The same categories as the officer is offered them (with what each covers), in order.
SOURCE_ORDER = (
    "export",
    "transit_trade",
    "foreign_capital",
    "other_free",
    "loan_from_abroad",
    "personal_capital",
)
SOURCE_CHOICES = {
    "export": "Mal ve hizmet ihracat bedeli",
    "transit_trade": "Transit ticarete ilişkin kazanç",
    "foreign_capital": "Yabancı sermaye bedeli",
    "other_free": "Diğer kaynaklar (getirilmesi serbest)",
    "loan_from_abroad": "Yurt dışından alınan kredi",
    "personal_capital": (
        "Kişisel sermaye (kişisel borç, hediye, bağış, çeyiz, miras, göçmen varlığı …)"
    ),
}

REASON = {
    "export": "İhracat",
    "foreign_capital": "Yabancı Sermaye Bedeli",
    "transit_trade": "Transit ticaret",
    "other": "Diğer",
}
SELECTION = {
    "risk_analysis": "risk analizi",
    "random": "rastgele seçim (örnekleme)",
    "officer_assessment": "görevli personelin değerlendirmesi",
}
COLUMN = {
    "BanknoteBuying": "efektif alış",
    "ForexBuying": "döviz alış",
    "ForexSelling": "döviz satış",
    "BanknoteSelling": "efektif satış",
    "manual": "elle girilen",
}
ID_KIND = {"tckn": "T.C. Kimlik No", "passport": "Pasaport No", "vkn": "Vergi Kimlik No"}
EXCEPTION = {"entry_declaration": "girişte beyan", "bank_document": "banka belgesi"}
FOUND = {
    "on_person": "kişinin üzerinde",
    "baggage": "bagajında / eşyası arasında",
    "vehicle": "aracında",
    "other": "başka bir yerde",
}
INSTRUMENT = {i.value: label for i, label in INSTRUMENT_LABELS_TR.items()}
#: What a scanned QR code may disagree with the register on, as the bank is told.
QR_MISMATCH = {"date": "tarih", "total": "TL toplamı", "hash": "kayıt özeti"}


def kind(code: str) -> str:
    return KIND.get(code, code)


def outcome(code: str) -> str:
    return OUTCOME.get(code, code)


def instrument(code: str) -> str:
    """ "Çek" for ``cek``; an unknown code is shown as it is."""
    try:
        return INSTRUMENT_LABELS_TR[Instrument(code)]
    except ValueError:
        return code

"""Turkish labels of coded values both form wizards offer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

#: Every source category of SPEC §9, in the order the officer is offered them.
SOURCE_ORDER = (
    "export",
    "transit_trade",
    "foreign_capital",
    "other_free",
    "loan_from_abroad",
    "personal_capital",
)


def source_labels() -> dict[str, str]:
    def tr(text: str) -> str:
        return QCoreApplication.translate("SourcePage", text)

    return {
        "export": tr("Mal ve hizmet ihracat bedeli"),
        "transit_trade": tr("Transit ticarete ilişkin kazanç"),
        "foreign_capital": tr("Yabancı sermaye bedeli"),
        "other_free": tr("Diğer kaynaklar (getirilmesi serbest)"),
        "loan_from_abroad": tr("Yurt dışından alınan kredi"),
        "personal_capital": tr(
            "Kişisel sermaye (kişisel borç, hediye, bağış, çeyiz, miras, göçmen varlığı …)"
        ),
    }

"""Reusable field widgets of the desk's wizards (EK-1 now, EK-2 next).

Generic on purpose: none of them knows a record kind or a legal rule. They read and write
plain values (ISO codes, ``datetime.date``, interchange-format money lines) and report what
they could not parse as a Turkish sentence; the domain validators judge the values.
"""

from gumruk_desk.ui.widgets.code_combo import CodeComboBox, CountryBox, CurrencyBox
from gumruk_desk.ui.widgets.date_edit import DateEdit
from gumruk_desk.ui.widgets.denominations import DenominationDialog
from gumruk_desk.ui.widgets.error_label import ErrorLabel, FieldWithError
from gumruk_desk.ui.widgets.money_lines import AmountEdit, MoneyLinesEditor
from gumruk_desk.ui.widgets.mrz_field import MrzField

__all__ = [
    "AmountEdit",
    "CodeComboBox",
    "CountryBox",
    "CurrencyBox",
    "DateEdit",
    "DenominationDialog",
    "ErrorLabel",
    "FieldWithError",
    "MoneyLinesEditor",
    "MrzField",
]

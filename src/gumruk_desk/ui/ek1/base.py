"""The pages of the Nakit Beyan Formu wizard: a :class:`FormPage` that knows its wizard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from gumruk_desk.ui.form_wizard.page import FormPage, path_belongs

if TYPE_CHECKING:
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard

__all__ = ["Ek1Page", "path_belongs", "seizure_text"]


def seizure_text() -> str:
    """The banner of every page once the officer records a seizure instead of a declaration."""
    return QCoreApplication.translate(
        "Ek1Page",
        "EL KOYMA — kaynağı itibariyle yurda getirilmesi yasak nakit: beyan değil, el koyma "
        "kaydı (Genelge 2013/1, Yurt içine nakit girişi 1.1/b).",
    )


class Ek1Page(FormPage):
    """One step of the EK-1 wizard."""

    def ek1_wizard(self) -> NakitBeyanWizard:
        return self.wizard()  # type: ignore[return-value]

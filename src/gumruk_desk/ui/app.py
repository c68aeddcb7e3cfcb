"""Application-wide Qt set-up: Fusion style, Turkish Qt catalogues, one QApplication."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from gumruk_desk.ui.print_preview_dialog import PrintPreviewDialog

_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def application() -> QApplication:
    """The QApplication, created once with the Fusion style and Qt's Turkish translations
    (so standard buttons read "Tamam / İptal")."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Gümrük Masası")
    app.setOrganizationName("gumruk-desk")
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey))
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase_tr", "qt_tr"):
        translator = QTranslator(app)
        if translator.load(catalogue, path):
            app.installTranslator(translator)
            _translators.append(translator)
    return app


def show_print_preview(pdf: bytes, title: str, suggested_name: str) -> int:
    """Open the print preview as the application's only window; returns its result."""
    application()
    dialog = PrintPreviewDialog(pdf, title, suggested_name)
    dialog.resize(860, 1000)
    return dialog.exec()

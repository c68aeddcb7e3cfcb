"""Qt's own texts in Turkish: standard buttons, the file and print dialogs, the wizard.

:func:`install` loads Qt's Turkish catalogue (``qtbase_tr`` from PySide6's translations
folder, ``QLibraryInfo.path(TranslationsPath)``) once per application. That catalogue was
written for older Qt sources: Qt 6 gave some labels of its own dialogs a mnemonic ("&Look
in:", "Files of &type:" in the file dialog) and the catalogue has them only without it, so
they stayed English. :class:`MnemonicFallback` answers after the catalogue: a few labels
named here with a letter chosen not to collide with their dialog's other mnemonics, then any
text the catalogue knows without its "&", with the mnemonic put back on the Turkish text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["CATALOGUES", "MnemonicFallback", "install", "translators"]

CATALOGUES = ("qtbase_tr",)
"""Qt's own catalogues the desk needs (QtWidgets, QtGui, QtCore and QtPrintSupport are all in
qtbase; the "qt_tr" meta catalogue would also ask for modules the desk does not ship)."""

_PROPERTY = "gumrukDeskTranslations"

# (context, source) -> Turkish, with mnemonics that differ from the dialog's other ones
# (the file dialog: Dosya a&dı, &Kaydet / &Aç, İptal).
_NAMED = {
    ("QFileDialog", "&Look in:"): "Ara&ma konumu:",
    ("QFileDialog", "Files of &type:"): "Dosya &türü:",
    ("QFileDialog", "File &name:"): "Dosya a&dı:",
}

_translators: list[QTranslator] = []  # the application keeps them as long as it lives


def with_mnemonic(text: str) -> str:
    """``text`` with "&" before its first letter (no change when it has one already)."""
    if "&" in text:
        return text
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + "&" + text[i:]
    return text


class MnemonicFallback(QTranslator):
    """Asked only for what the catalogues installed after it do not translate."""

    def __init__(self, catalogue: QTranslator, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def isEmpty(self) -> bool:
        return False

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None is Qt's null string, "not translated here" (an empty string would be a
        # translation, and blank every text the catalogue does not know).
        named = _NAMED.get((context, source_text))
        if named is not None:
            return named
        if "&" not in source_text:
            return None  # the desk's own texts (already Turkish) pass here: keep it cheap
        plain = source_text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        found = self._catalogue.translate(context, plain, disambiguation, n)
        return with_mnemonic(found) if found else None


def install(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's Turkish texts into ``app`` once (later calls return the same
    translators); the default locale becomes Turkish (Turkey). An empty list when the
    catalogue is missing (Qt's texts then stay English, nothing else changes)."""
    if app.property(_PROPERTY):
        return list(_translators)
    QLocale.setDefault(QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in CATALOGUES:
        catalogue = QTranslator(app)
        if not catalogue.load(name, folder):
            continue
        # Installed first, so asked last: only for what the catalogue leaves untranslated.
        fallback = MnemonicFallback(catalogue, app)
        app.installTranslator(fallback)
        app.installTranslator(catalogue)
        installed += [fallback, catalogue]
    _translators.extend(installed)
    app.setProperty(_PROPERTY, True)
    return list(_translators)


def translators() -> list[QTranslator]:
    """The translators :func:`install` put in place (none before it ran)."""
    return list(_translators)

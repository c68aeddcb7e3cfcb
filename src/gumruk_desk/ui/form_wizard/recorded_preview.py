"""The print preview of a registered document that records the print in the register.

A print counts once the paper or the PDF file exists (as ``gumruk-desk print`` does): the
dialog records it after the printer accepted the pages or the file was written, then closes,
so a further copy goes through a fresh rendering that says YENİDEN BASKI.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from gumruk_desk.errors import RegisterError
from gumruk_desk.services import Desk, Rendered
from gumruk_desk.ui.print_preview_dialog import PrintPreviewDialog

DOCUMENT_TITLES = {
    "seizure": "Zabıt varakası",
    "receipt": "Alındı belgesi",
}


class RecordedPrintPreview(PrintPreviewDialog):
    """``PrintPreviewDialog`` for ``rendered``; ``Desk.record_print`` after print or save.

    ``recorded`` is true once the print is in the register; ``on_recorded`` (optional) is
    called then. A failure to record is shown, never raised (the paper exists either way).
    """

    def __init__(
        self,
        desk: Desk,
        rendered: Rendered,
        actor: str,
        parent: QWidget | None = None,
        on_recorded: Callable[[], None] | None = None,
        *,
        form_title: str = "Nakit Beyan Formu",
    ) -> None:
        titles = {**DOCUMENT_TITLES, "form": form_title}
        title = f"{rendered.number} — {titles.get(rendered.document, rendered.document)}"
        super().__init__(
            rendered.pdf,
            title,
            f"{rendered.number}-{rendered.document}.pdf",
            parent,
            on_printed=lambda _pages: self._record(),
            data_folder=desk.db.home,
        )
        self._desk = desk
        self._rendered = rendered
        self._actor = actor
        self._on_recorded = on_recorded
        self.recorded = False
        self.record_error: str | None = None

    def save_to(self, path: str) -> None:
        super().save_to(path)
        self._record()

    def _record(self) -> None:
        if self.recorded:
            return
        try:
            self._desk.record_print(self._rendered, self._actor)
        except RegisterError as exc:
            self.record_error = str(exc)
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Baskı kaydı"), str(exc), parent=self
            )
            box.open()  # never exec(): the officer's printout exists, nothing waits on this
            return
        self.recorded = True
        if self._on_recorded is not None:
            self._on_recorded()
        self.accept()

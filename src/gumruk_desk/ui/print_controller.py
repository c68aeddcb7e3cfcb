"""The desk window's printing: render in the background, then preview, then record the print.

Rendering a document (reportlab, a few tenths of a second for the three copies of a form)
runs as a background op, so the window keeps painting and taking keys: meanwhile the
status bar says the document is being prepared, the window shows a busy cursor and
``busy_changed`` tells the window to disable its print actions. When the PDF is in, the
print preview opens (:class:`RecordedPrintPreview`), which records the print in the register
once it is printed or saved — no copy leaves the desk unrecorded.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from gumruk_desk.errors import RegisterError
from gumruk_desk.services import Desk, Rendered
from gumruk_desk.ui.background import Op
from gumruk_desk.ui.form_wizard.recorded_preview import RecordedPrintPreview
from gumruk_desk.ui.window_controller import WindowController

__all__ = ["PrintController"]


class PrintController(WindowController):
    """Prints for ``window`` (its parent) by ``actor`` (the officer's sicil).

    ``preview`` is the preview opened last (None while a document renders);
    ``rendering`` is the op of the document being rendered (None when none is)."""

    busy_changed = Signal(bool)
    failed = Signal(str, str)
    """A document could not be rendered: a title and the Turkish reason, to show."""

    def __init__(
        self,
        window: QWidget,
        desk: Desk,
        actor: str,
        status: QStatusBar,
    ) -> None:
        super().__init__(window)
        self._desk = desk
        self._actor = actor
        self._status = status
        self.preview: RecordedPrintPreview | None = None
        self.rendering: Op[Rendered] | None = None
        self._busy_text = ""

    def busy(self) -> bool:
        return self.rendering is not None

    def print_document(self, number: str, document: str, name: str) -> Op[Rendered] | None:
        """Render ``document`` of record ``number`` (``name``: its title, e.g. "Nakit Beyan
        Formu") and open the preview when it is in; None when a rendering is already on
        its way (one at a time)."""
        if self.rendering is not None:
            return None
        self.preview = None
        desk = self._desk
        op = Op(
            work=lambda _task: desk.render_document(number, document),
            success=lambda rendered: self._open_preview(rendered, name),
            parent=self,
            name="render-document",
        )
        op.on_failure(self._failed).on_done(self._ended)
        self.rendering = op
        self._window.setCursor(Qt.CursorShape.BusyCursor)
        self._busy_text = self.tr("{number}: belge hazırlanıyor…").format(number=number)
        self._status.showMessage(self._busy_text)
        self.busy_changed.emit(True)
        return op.start()

    def _ended(self) -> None:
        self.rendering = None
        self._window.unsetCursor()
        if self._status.currentMessage() == self._busy_text:
            self._status.clearMessage()  # only ours: a later message stays
        self.busy_changed.emit(False)

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, RegisterError | ValueError):  # DocumentError, LayoutOverflow
            raise exc  # a defect: the crash handler reports it
        self.failed.emit(self.tr("Yazdırılamadı"), str(exc))

    def _open_preview(self, rendered: Rendered, name: str) -> None:
        dialog = RecordedPrintPreview(self._desk, rendered, self._actor, self._window)
        title = f"{rendered.number} — {name}"
        if rendered.print_no > 1:
            title += self.tr(" — YENİDEN BASKI ({n}. baskı)").format(n=rendered.print_no)
        dialog.setWindowTitle(self.tr("Baskı önizleme — {title}").format(title=title))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(860, 1000)
        self.preview = dialog
        dialog.open()

"""Print preview of a finished PDF: show it, print it, save it.

The desk window opens this dialog after a record is registered or reprinted. The PDF arrives
as bytes (drawn elsewhere by reportlab, one A4 page per copy); the dialog never changes it:

* the preview is QtPdf (``QPdfDocument`` read from an in-memory ``QBuffer``, ``QPdfView`` in
  multi-page, fit-to-width mode);
* printing rasterises each page with ``QPdfDocument.render`` at the printer's resolution, capped
  at :data:`MAX_PRINT_DPI`, and paints it onto the ``QPrinter`` scaled to the page rect;
* saving writes the very same bytes, atomically (temporary file, then ``os.replace``).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPoint,
    QRect,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QColor, QDesktopServices, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["MAX_PRINT_DPI", "PrintError", "PrintPreviewDialog", "load_pdf_document"]

MAX_PRINT_DPI = 300
"""Pages are rasterised at the printer's resolution, but never finer than this (A4 at 300 DPI
is already 2480 × 3508 pixels, 35 MB per page in memory; 1200 DPI would be 16 times that)."""

_CONTEXT = "PrintPreviewDialog"


def _tr(text: str) -> str:
    """``tr`` for code that runs without a dialog instance (same translation context)."""
    return QCoreApplication.translate(_CONTEXT, text)


class PrintError(RuntimeError):
    """The printer refused the job (no printer, unwritable output file, …); Turkish message."""


def _load_error_text(error: QPdfDocument.Error) -> str:
    texts = {
        QPdfDocument.Error.InvalidFileFormat: _tr("geçerli bir PDF dosyası değil"),
        QPdfDocument.Error.IncorrectPassword: _tr("PDF parola korumalı"),
        QPdfDocument.Error.UnsupportedSecurityScheme: _tr(
            "PDF'in şifreleme yöntemi desteklenmiyor"
        ),
        QPdfDocument.Error.DataNotYetAvailable: _tr("PDF verisi eksik"),
        QPdfDocument.Error.FileNotFound: _tr("PDF verisi bulunamadı"),
    }
    return texts.get(error, _tr("bilinmeyen hata"))


def load_pdf_document(pdf: bytes) -> QPdfDocument:
    """Open PDF bytes with QtPdf, or raise ``ValueError("PDF açılamadı: …")``.

    The returned document has no parent; the ``QBuffer`` it reads from is its child, so the
    buffer lives exactly as long as the document (QtPdf reads pages lazily from it).
    """
    if not pdf:
        raise ValueError(_tr("PDF açılamadı: veri boş"))
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    # Loading from a random-access device with all the data present is synchronous: the status
    # is Ready or Error when load() returns (Loading would mean data is missing).
    document.load(buffer)
    status = document.status()
    if status != QPdfDocument.Status.Ready:
        reason = _load_error_text(document.error())
        document.deleteLater()
        raise ValueError(_tr("PDF açılamadı: {reason}").format(reason=reason))
    if document.pageCount() < 1:
        document.deleteLater()
        raise ValueError(_tr("PDF açılamadı: belgede sayfa yok"))
    return document


def _save_error_reason(exc: OSError) -> str:
    texts = {
        errno.ENOENT: _tr("klasör bulunamadı"),
        errno.EACCES: _tr("bu konuma yazma izniniz yok"),
        errno.EPERM: _tr("bu konuma yazma izniniz yok"),
        errno.EISDIR: _tr("bu adda bir klasör var"),
        errno.ENOTDIR: _tr("yol geçerli bir klasör değil"),
        errno.ENOSPC: _tr("diskte yer kalmadı"),
        errno.EROFS: _tr("disk salt okunur"),
    }
    if exc.errno is not None and exc.errno in texts:
        return texts[exc.errno]
    return exc.strerror or str(exc)


class PrintPreviewDialog(QDialog):
    """Preview a finished PDF; print it (Ctrl+P), save it (Ctrl+S) or close (Esc).

    ``on_printed(pages)`` is called after every successful print with the number of pages
    sent to the printer (the caller records the print event in the register).
    """

    def __init__(
        self,
        pdf: bytes,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
        on_printed: Callable[[int], None] | None = None,
        *,
        data_folder: Path | None = None,
    ) -> None:
        # Load before the dialog exists: bad bytes must not leave a hidden child on ``parent``.
        document = load_pdf_document(pdf)
        super().__init__(parent)
        self._pdf = bytes(pdf)
        self._data_folder = data_folder
        self._title = title
        self._suggested_name = suggested_name
        self._on_printed = on_printed
        self._document = document
        self._document.setParent(self)
        self.last_print_dpi: int | None = None
        """The resolution (DPI) the pages were rasterised at by the last print."""
        self.saved_box: QMessageBox | None = None
        """The confirmation of the last PDF saved (path, "Klasörü aç")."""

        self.setWindowTitle(self.tr("Baskı önizleme — {title}").format(title=title))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(820, 960)

        self._view = QPdfView(self)
        self._view.setObjectName("pdfView")
        self._view.setPageMode(QPdfView.PageMode.MultiPage)
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._view.setDocument(self._document)

        self._page_label = QLabel(self.tr("%n sayfa", None, self._document.pageCount()), self)
        self._page_label.setObjectName("pageCountLabel")

        self._print_button = QPushButton(self.tr("&Yazdır"), self)
        self._print_button.setObjectName("printButton")
        self._print_button.setToolTip(self.tr("Yazdır (Ctrl+P)"))
        self._save_button = QPushButton(self.tr("&PDF olarak kaydet"), self)
        self._save_button.setObjectName("saveButton")
        self._save_button.setToolTip(self.tr("PDF olarak kaydet (Ctrl+S)"))
        self._close_button = QPushButton(self.tr("&Kapat"), self)
        self._close_button.setObjectName("closeButton")
        self._close_button.setToolTip(self.tr("Kapat (Esc)"))
        for button in (self._save_button, self._close_button):
            button.setAutoDefault(False)
        self._print_button.setDefault(True)

        self._print_button.clicked.connect(self.print_with_dialog)
        self._save_button.clicked.connect(self.save_with_dialog)
        self._close_button.clicked.connect(self.reject)
        # Esc is QDialog's own reject(); these two are window-wide, whatever has the focus.
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_with_dialog)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_with_dialog)

        buttons = QHBoxLayout()
        buttons.addWidget(self._page_label)
        buttons.addStretch(1)
        buttons.addWidget(self._print_button)
        buttons.addWidget(self._save_button)
        buttons.addWidget(self._close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._view, 1)
        layout.addLayout(buttons)

        # The button first in the tab order gets the focus when the dialog is shown.
        QWidget.setTabOrder(self._print_button, self._save_button)
        QWidget.setTabOrder(self._save_button, self._close_button)
        QWidget.setTabOrder(self._close_button, self._view)
        self._print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- read-only state -------------------------------------------------------------------

    @property
    def document(self) -> QPdfDocument:
        return self._document

    @property
    def page_count(self) -> int:
        return self._document.pageCount()

    @property
    def pdf(self) -> bytes:
        return self._pdf

    # -- printing --------------------------------------------------------------------------

    def print_with_dialog(self) -> int:
        """Ask for a printer and a page range, then print; returns the pages printed (0 if
        cancelled or failed — failures are shown to the user, never raised)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        printer.setFromTo(1, self.page_count)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Yazdır"))
        dialog.setMinMax(1, self.page_count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        if self._refused_place(printer.outputFileName(), self.tr("Yazdır")):
            return 0  # "print to file" into the data folder: nothing printed, nothing counted
        first, last = 0, self.page_count - 1
        print_range = printer.printRange()
        if print_range == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = printer.fromPage() - 1
            last = (printer.toPage() or self.page_count) - 1
        elif print_range == QPrinter.PrintRange.CurrentPage:
            first = last = self._view.pageNavigator().currentPage()
        first = min(max(first, 0), self.page_count - 1)
        last = min(max(last, first), self.page_count - 1)
        try:
            return self.print_to(printer, first, last)
        except PrintError as exc:
            QMessageBox.critical(self, self.tr("Yazdırma"), str(exc))
            return 0

    def print_to(self, printer: QPrinter, first: int = 0, last: int | None = None) -> int:
        """Print pages ``first``..``last`` (0-based, inclusive; default: all) on ``printer``
        without any dialog; returns the number of pages printed and calls ``on_printed``.

        Raises ``ValueError`` for a bad range and :class:`PrintError` if the printer refuses.
        Synchronous on purpose (no event processing, so no re-entrancy); a wait cursor shows.
        """
        count = self.page_count
        if last is None:
            last = count - 1
        if not (0 <= first <= last < count):
            raise ValueError(
                self.tr(
                    "Geçersiz sayfa aralığı: {first}–{last} (belgede {count} sayfa var)"
                ).format(first=first + 1, last=last + 1, count=count)
            )
        dpi = min(printer.resolution(), MAX_PRINT_DPI) if printer.resolution() > 0 else 0
        dpi = dpi or MAX_PRINT_DPI
        pages = list(range(first, last + 1))
        if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
            pages.reverse()

        # The official forms print 1:1 on the whole sheet: their layouts keep 12 mm margins,
        # more than any printer's unprintable edge, so nothing is lost and no box shrinks.
        printer.setFullPage(True)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            painter = QPainter()
            if not painter.begin(printer):
                raise PrintError(self.tr("Yazdırılamadı: yazıcı işi başlatamadı."))
            try:
                for index, page in enumerate(pages):
                    if index > 0 and not printer.newPage():
                        raise PrintError(self.tr("Yazdırılamadı: yeni sayfaya geçilemedi."))
                    self._paint_page(painter, self._rasterise(page, dpi))
            except BaseException:
                printer.abort()  # no half job left queued on the printer
                raise
            finally:
                painter.end()
        finally:
            QApplication.restoreOverrideCursor()

        self.last_print_dpi = dpi
        if self._on_printed is not None:
            self._on_printed(len(pages))
        return len(pages)

    def _rasterise(self, page: int, dpi: int) -> QImage:
        """Render one page at ``dpi`` onto white (QtPdf leaves the background transparent)."""
        points = self._document.pagePointSize(page)
        size = QSize(
            max(1, round(points.width() / 72 * dpi)), max(1, round(points.height() / 72 * dpi))
        )
        rendered = self._document.render(page, size)
        if rendered.isNull():
            raise PrintError(
                self.tr("Yazdırılamadı: {page}. sayfa çizilemedi.").format(page=page + 1)
            )
        opaque = QImage(rendered.size(), QImage.Format.Format_RGB32)
        opaque.fill(QColor(Qt.GlobalColor.white))
        painter = QPainter(opaque)
        try:
            painter.drawImage(QPoint(0, 0), rendered)
        finally:
            painter.end()
        return opaque

    @staticmethod
    def _paint_page(painter: QPainter, image: QImage) -> None:
        """Scale the page image onto the sheet (full page), keeping its proportions."""
        target = painter.viewport()  # the whole sheet in device pixels (full-page mode)
        fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = target.x() + (target.width() - fitted.width()) // 2
        y = target.y() + (target.height() - fitted.height()) // 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(QRect(QPoint(x, y), fitted), image)

    # -- saving ----------------------------------------------------------------------------

    def _refused_place(self, path: str, title: str) -> bool:
        """Whether ``path`` (a file the PDF would be written to; empty for a real printer)
        lies in the data folder, where the register is encrypted and this PDF would not be:
        said in a box, and True."""
        if not path or self._data_folder is None:
            return False
        from gumruk_desk.printing.placement import DOCUMENT_INSIDE_DATA_FOLDER, inside_data_folder

        if not inside_data_folder(path, self._data_folder):
            return False
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title,
            DOCUMENT_INSIDE_DATA_FOLDER,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("insideDataFolderBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return True

    def save_with_dialog(self) -> str | None:
        """Ask for a file name and write the PDF bytes there; returns the path written, or
        ``None`` if cancelled or failed (failures are shown to the user, never raised)."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("PDF olarak kaydet"), self._suggested_name, self.tr("PDF (*.pdf)")
        )
        if not name:
            return None
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        if self._refused_place(name, self.tr("PDF olarak kaydet")):
            return None
        try:
            self.save_to(name)
        except OSError as exc:
            QMessageBox.critical(
                self,
                self.tr("PDF olarak kaydet"),
                self.tr("PDF kaydedilemedi: {path}\n{reason}").format(
                    path=name, reason=_save_error_reason(exc)
                ),
            )
            return None
        self.confirm_saved(name)
        return name

    def confirm_saved(self, path: str) -> QMessageBox:
        """Say where the PDF went: in the desk window's status bar and in a box that offers
        to open its folder. The box opens over this preview, or over its parent when the
        preview has closed itself (a registered document's preview closes once saved)."""
        shown = os.path.abspath(path)
        host: QWidget = self if self.isVisible() else (self.parentWidget() or self)
        window: QWidget | None = host
        while window is not None and not isinstance(window, QMainWindow):
            window = window.parentWidget()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("PDF kaydedildi: {path}").format(path=shown), 30_000
            )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("PDF kaydedildi"),
            self.tr("PDF kaydedildi."),
            QMessageBox.StandardButton.NoButton,
            host,
        )
        box.setObjectName("pdfSavedBox")
        box.setInformativeText(shown)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder = box.addButton(self.tr("&Klasörü aç"), QMessageBox.ButtonRole.ActionRole)
        folder.setObjectName("openFolderButton")
        done = box.addButton(self.tr("&Tamam"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(done)
        box.setEscapeButton(done)
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(shown)))
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._saved_box_closed)
        self.saved_box = box
        box.open()
        return box

    def _saved_box_closed(self) -> None:
        self.saved_box = None

    def save_to(self, path: str) -> None:
        """Write the PDF bytes to ``path`` exactly, atomically; raises ``OSError``."""
        temporary = path + ".tmp"
        created = False
        try:
            with open(temporary, "wb") as stream:
                created = True
                stream.write(self._pdf)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except OSError:
            if created:
                with contextlib.suppress(OSError):
                    os.remove(temporary)
            raise

"""The print-preview dialog: preview, print (capped DPI, page ranges), save, keyboard."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QPageSize
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from gumruk_desk.resources import resource_path
from gumruk_desk.ui.print_preview_dialog import MAX_PRINT_DPI, PrintPreviewDialog

FONT = "PreviewTestSans"


def make_pdf(pages: int = 4) -> bytes:
    """A4 pages, each with a big page number and Turkish text (needs an embedded TTF)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for number in range(1, pages + 1):
        canvas.setFont(FONT, 200)
        canvas.drawCentredString(A4[0] / 2, A4[1] / 2, str(number))
        canvas.setFont(FONT, 28)
        canvas.drawString(72, 120, f"Nüsha {number} ğşıİÇÖÜ")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf(4)


@pytest.fixture
def printed() -> list[int]:
    return []


@pytest.fixture
def dialog(qtbot: QtBot, pdf: bytes, printed: list[int]) -> PrintPreviewDialog:
    dlg = PrintPreviewDialog(pdf, "NBF 2024/000123", "nbf-000123.pdf", on_printed=printed.append)
    qtbot.addWidget(dlg)
    return dlg


def pdf_printer(path: Path, resolution: int | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if resolution is not None:
        printer.setResolution(resolution)
    return printer


def pdf_pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def button(dialog: PrintPreviewDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


class Recorder:
    """Stands in for a static Qt function; remembers its calls and returns a fixed value."""

    def __init__(self, result: Any = None) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.result = result

    def __call__(self, *args: Any) -> Any:
        self.calls.append(args)
        return self.result


# -- 1. opening ------------------------------------------------------------------------------


def test_opens_with_page_count_and_title(qtbot: QtBot, dialog: PrintPreviewDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Baskı önizleme — NBF 2024/000123"
    assert dialog.document.pageCount() == 4
    assert dialog.page_count == 4
    label = dialog.findChild(QLabel, "pageCountLabel")
    assert label is not None and label.text() == "4 sayfa"
    view = dialog.findChild(QPdfView, "pdfView")
    assert view is not None and view.document() is dialog.document
    assert view.pageMode() == QPdfView.PageMode.MultiPage
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    for name in ("printButton", "saveButton", "closeButton"):
        assert button(dialog, name).isVisible()
    assert button(dialog, "printButton").isDefault()


def test_print_button_has_the_focus(qtbot: QtBot, dialog: PrintPreviewDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is button(dialog, "printButton")


def test_preview_actually_paints_the_page(qtbot: QtBot, dialog: PrintPreviewDialog) -> None:
    """QtPdf renders pages in the background; wait until dark glyph pixels reach the view."""
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.findChild(QPdfView, "pdfView")
    assert view is not None

    def has_ink() -> bool:
        image = view.viewport().grab().toImage()
        step = 4
        return any(
            image.pixelColor(x, y).lightness() < 60
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        )

    qtbot.waitUntil(has_ink, timeout=10_000)


def test_single_page_label(qtbot: QtBot) -> None:
    dlg = PrintPreviewDialog(make_pdf(1), "Tutanak", "t.pdf")
    qtbot.addWidget(dlg)
    label = dlg.findChild(QLabel, "pageCountLabel")
    assert label is not None and label.text() == "1 sayfa"


# -- 2. printing without a dialog ------------------------------------------------------------


def test_print_to_prints_every_page(
    dialog: PrintPreviewDialog, printed: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "out.pdf"
    assert dialog.print_to(pdf_printer(out)) == 4
    assert pdf_pages(out) == 4
    assert printed == [4]
    page = PdfReader(str(out)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(595, abs=2)  # A4
    assert float(page.mediabox.height) == pytest.approx(842, abs=2)
    assert QApplication.overrideCursor() is None  # the wait cursor was restored


def test_print_to_a_page_range(
    dialog: PrintPreviewDialog, printed: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "range.pdf"
    assert dialog.print_to(pdf_printer(out), first=1, last=2) == 2
    assert pdf_pages(out) == 2
    assert printed == [2]


def test_print_dpi_is_capped(dialog: PrintPreviewDialog, tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "hi.pdf", resolution=1200)
    assert printer.resolution() == 1200
    assert dialog.last_print_dpi is None
    dialog.print_to(printer, 0, 0)
    assert dialog.last_print_dpi is not None and dialog.last_print_dpi <= MAX_PRINT_DPI
    assert dialog.last_print_dpi == 300


def test_print_dpi_follows_a_coarser_printer(dialog: PrintPreviewDialog, tmp_path: Path) -> None:
    dialog.print_to(pdf_printer(tmp_path / "lo.pdf", resolution=150), 0, 0)
    assert dialog.last_print_dpi == 150


def test_print_renders_pages_at_the_capped_size_under_a_wait_cursor(
    dialog: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int, Any]] = []
    real_render = dialog.document.render

    def render(page: int, size: Any, *rest: Any) -> Any:
        cursor = QApplication.overrideCursor()
        seen.append((page, size.width(), size.height(), cursor and cursor.shape()))
        return real_render(page, size, *rest)

    monkeypatch.setattr(dialog.document, "render", render)
    dialog.print_to(pdf_printer(tmp_path / "p.pdf", resolution=1200), 2, 3)
    # A4 is 595.28 × 841.89 pt → 2480 × 3508 px at 300 DPI.
    assert seen == [
        (2, 2480, 3508, Qt.CursorShape.WaitCursor),
        (3, 2480, 3508, Qt.CursorShape.WaitCursor),
    ]
    assert QApplication.overrideCursor() is None


@pytest.mark.parametrize(("first", "last"), [(-1, 2), (2, 1), (0, 4)])
def test_print_to_rejects_a_bad_range(
    dialog: PrintPreviewDialog, printed: list[int], tmp_path: Path, first: int, last: int
) -> None:
    out = tmp_path / "bad.pdf"
    with pytest.raises(ValueError, match="Geçersiz sayfa aralığı"):
        dialog.print_to(pdf_printer(out), first, last)
    assert not out.exists()
    assert printed == []


# -- 3. saving -------------------------------------------------------------------------------


def test_save_appends_pdf_and_writes_the_exact_bytes(
    dialog: PrintPreviewDialog, pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask = Recorder((str(tmp_path / "kopya"), "PDF (*.pdf)"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    assert dialog.save_with_dialog() == str(tmp_path / "kopya.pdf")
    assert (tmp_path / "kopya.pdf").read_bytes() == pdf
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kopya.pdf"]  # no .tmp left
    parent, caption, suggested, filters = ask.calls[0]
    assert parent is dialog
    assert (caption, suggested, filters) == ("PDF olarak kaydet", "nbf-000123.pdf", "PDF (*.pdf)")


class FolderOpener(QObject):
    """Receives the file URLs Qt would hand to the desktop (QDesktopServices' handler)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_a_saved_pdf_is_confirmed_with_its_path_and_its_folder(
    qtbot: QtBot, dialog: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Recorder((str(tmp_path / "nbf"), "")))
    assert dialog.save_with_dialog() == str(tmp_path / "nbf.pdf")
    box = dialog.saved_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "PDF kaydedildi."
    assert box.informativeText() == str(tmp_path / "nbf.pdf")
    folder = box.findChild(QPushButton, "openFolderButton")
    assert folder is not None and folder.text() == "&Klasörü aç"
    opener = FolderOpener()
    # The stubs say bytes; PySide6 itself takes only the method name as str.
    QDesktopServices.setUrlHandler("file", opener, "open")  # type: ignore[arg-type]
    try:
        QTest.mouseClick(folder, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert opener.opened == [QUrl.fromLocalFile(str(tmp_path))]
    qtbot.waitUntil(lambda: dialog.saved_box is None)


def test_save_keeps_an_existing_pdf_suffix_and_overwrites(
    dialog: PrintPreviewDialog, pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Eski.PDF"
    target.write_bytes(b"old")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Recorder((str(target), "")))
    assert dialog.save_with_dialog() == str(target)
    assert target.read_bytes() == pdf


def test_save_cancelled_writes_nothing(
    dialog: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Recorder(("", "")))
    critical = Recorder()
    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert dialog.save_with_dialog() is None
    assert list(tmp_path.iterdir()) == []
    assert critical.calls == []


@pytest.mark.parametrize(
    ("target", "reason"),
    [("klasör.pdf", "bu adda bir klasör var"), ("yok/belge.pdf", "klasör bulunamadı")],
)
def test_save_failure_is_reported_in_turkish(
    dialog: PrintPreviewDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    reason: str,
) -> None:
    (tmp_path / "klasör.pdf").mkdir()
    path = tmp_path / target
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Recorder((str(path), "")))
    critical = Recorder(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert dialog.save_with_dialog() is None
    assert len(critical.calls) == 1
    parent, _title, message = critical.calls[0][:3]
    assert parent is dialog
    assert message.startswith(f"PDF kaydedilemedi: {path}")
    assert reason in message
    assert "Traceback" not in message
    assert (tmp_path / "klasör.pdf").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["klasör.pdf"]  # no .tmp left


# -- 4. keyboard and the print button --------------------------------------------------------


def show_active(qtbot: QtBot, dialog: PrintPreviewDialog) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_ctrl_s_saves(
    qtbot: QtBot,
    dialog: PrintPreviewDialog,
    pdf: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ask = Recorder((str(tmp_path / "kısayol.pdf"), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    show_active(qtbot, dialog)
    QTest.keyClick(
        dialog.focusWidget() or dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )
    assert len(ask.calls) == 1
    assert (tmp_path / "kısayol.pdf").read_bytes() == pdf


def test_ctrl_p_opens_the_print_dialog(
    qtbot: QtBot, dialog: PrintPreviewDialog, printed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = Recorder(QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QPrintDialog, "exec", shown)
    show_active(qtbot, dialog)
    QTest.keyClick(
        dialog.focusWidget() or dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
    )
    assert len(shown.calls) == 1
    assert printed == []


def test_escape_closes(qtbot: QtBot, dialog: PrintPreviewDialog) -> None:
    show_active(qtbot, dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_close_button_closes(qtbot: QtBot, dialog: PrintPreviewDialog) -> None:
    show_active(qtbot, dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        QTest.mouseClick(button(dialog, "closeButton"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_print_button_cancelled_prints_nothing(
    qtbot: QtBot,
    dialog: PrintPreviewDialog,
    printed: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[QPrintDialog] = []

    def rejected(self: QPrintDialog) -> int:
        calls.append(self)
        self.printer().setOutputFileName(str(tmp_path / "iptal.pdf"))
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", rejected)
    dialog.show()
    QTest.mouseClick(button(dialog, "printButton"), Qt.MouseButton.LeftButton)
    assert len(calls) == 1
    assert printed == []
    assert dialog.last_print_dpi is None
    assert list(tmp_path.iterdir()) == []


def test_print_button_accepted_prints_the_chosen_range(
    qtbot: QtBot,
    dialog: PrintPreviewDialog,
    printed: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "secim.pdf"

    def accepted(self: QPrintDialog) -> int:
        printer = self.printer()
        assert printer.resolution() >= MAX_PRINT_DPI  # HighResolution mode
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 4)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accepted)
    dialog.show()
    QTest.mouseClick(button(dialog, "printButton"), Qt.MouseButton.LeftButton)
    assert printed == [3]
    assert pdf_pages(out) == 3
    assert dialog.last_print_dpi == MAX_PRINT_DPI


def test_printer_failure_is_reported_not_raised(
    qtbot: QtBot,
    dialog: PrintPreviewDialog,
    printed: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def accepted(self: QPrintDialog) -> int:
        self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer().setOutputFileName(str(tmp_path / "yok" / "x.pdf"))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accepted)
    critical = Recorder(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert dialog.print_with_dialog() == 0
    assert len(critical.calls) == 1
    assert critical.calls[0][2].startswith("Yazdırılamadı")
    assert printed == []
    assert QApplication.overrideCursor() is None


# -- 5. bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"bu bir PDF degil", b"%PDF-1.4\n%%EOF\n"])
def test_invalid_bytes_raise_a_turkish_value_error(qtbot: QtBot, data: bytes) -> None:
    with pytest.raises(ValueError, match=r"^PDF açılamadı: "):
        PrintPreviewDialog(data, "Bozuk", "bozuk.pdf")


def test_invalid_bytes_leave_no_child_on_the_parent(qtbot: QtBot, pdf: bytes) -> None:
    parent = QDialog()
    qtbot.addWidget(parent)
    with pytest.raises(ValueError):
        PrintPreviewDialog(b"not a pdf", "Bozuk", "bozuk.pdf", parent=parent)
    assert parent.findChildren(PrintPreviewDialog) == []
    child = PrintPreviewDialog(pdf, "İyi", "iyi.pdf", parent=parent)
    assert parent.findChildren(PrintPreviewDialog) == [child]


def test_print_preview_from_the_command_line(
    home: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`gumruk-desk print NUMBER --preview` opens the dialog on the record's PDF."""
    from factories import ek2
    from gumruk_desk import cli
    from gumruk_desk.services import Desk
    from gumruk_desk.ui import print_preview_dialog
    from register_fixtures import OFFICER, OFFICER_PW

    with Desk(home) as desk:
        record = desk.register(
            ek2(witness_officer=None), officer=desk.authenticate(OFFICER, OFFICER_PW)
        )
    shown: dict[str, object] = {}

    def fake_exec(self: print_preview_dialog.PrintPreviewDialog) -> int:
        shown["pages"] = self.page_count
        shown["title"] = self.windowTitle()
        return 0

    monkeypatch.setattr(print_preview_dialog.PrintPreviewDialog, "exec", fake_exec)
    assert cli.main(["--home", str(home), "print", record.number, "--preview"]) == 0
    assert shown == {"pages": 4, "title": f"Baskı önizleme — {record.number} (form)"}


def test_a_pdf_is_never_saved_into_the_data_folder(
    qtbot: QtBot, pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    dialog = PrintPreviewDialog(pdf, "Nakit Beyan Formu", "belge.pdf", data_folder=data)
    qtbot.addWidget(dialog)
    dialog.show()
    # Inside, also by a way round through ".." or a link: refused, nothing written.
    link = tmp_path / "kisayol"
    link.symlink_to(data / "backups")
    for inside in (data / "belge.pdf", tmp_path / "x" / ".." / "data" / "b.pdf", link / "c"):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", Recorder((str(inside), "")))
        assert dialog.save_with_dialog() is None
        box = dialog.findChild(QMessageBox, "insideDataFolderBox")
        assert box is not None and "veri klasörüne kaydedilemez" in box.text()
        box.close()
        qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "insideDataFolderBox") is None)
    assert sorted(p.name for p in data.rglob("*")) == ["backups"]
    outside = tmp_path / "masaustu" / "belge.pdf"
    outside.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Recorder((str(outside), "")))
    assert dialog.save_with_dialog() == str(outside) and outside.read_bytes() == pdf


def test_print_to_file_into_the_data_folder_is_refused(
    qtbot: QtBot, pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    printed: list[int] = []
    dialog = PrintPreviewDialog(
        pdf, "Nakit Beyan Formu", "belge.pdf", on_printed=printed.append, data_folder=data
    )
    qtbot.addWidget(dialog)
    dialog.show()
    target = data / "yazdirilan.pdf"

    def to_file(self: QPrintDialog) -> int:
        self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer().setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", to_file)
    assert dialog.print_with_dialog() == 0
    box = dialog.findChild(QMessageBox, "insideDataFolderBox")
    assert box is not None and "veri klasörüne kaydedilemez" in box.text()
    assert not target.exists() and printed == []
    target = tmp_path / "yazdirilan.pdf"  # outside: printed, and counted
    assert dialog.print_with_dialog() == 4
    assert pdf_pages(target) == 4 and printed == [4]

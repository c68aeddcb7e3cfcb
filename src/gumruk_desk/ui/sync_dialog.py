"""Upload to the central system from the desk window (SPEC §8): a worker thread that never
blocks the counter, a dialog with progress and Cancel, and the shift-end receipt (local
counts = central counts, and the last link of the chain the centre holds).

The token comes from the OS keyring; without one the officer types it once per session (it
stays in memory only) and may keep it in the keyring.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.services import Desk
from gumruk_desk.sync import Cancelled, Retry, SyncClient, SyncError, SyncResult, store_token
from gumruk_desk.ui.widgets import ErrorLabel


class SyncWorker(QThread):
    """One upload (and the pull of newer rate bulletins) off the UI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # SyncResult
    failed = Signal(str)

    def __init__(
        self,
        desk: Desk,
        url: str,
        token: str,
        *,
        ca_file: str | None = None,
        client_options: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._url, self._token, self._ca_file = url, token, ca_file
        self._options = client_options or {}
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _sleep(self, seconds: float) -> None:
        """The pause between retries, cut short by Cancel."""
        deadline = time.monotonic() + seconds
        while not self._cancelled and time.monotonic() < deadline:
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))

    def run(self) -> None:
        options = dict(self._options)
        options.setdefault("retry", Retry(sleep=self._sleep))
        try:
            with SyncClient(self._url, self._token, ca_file=self._ca_file, **options) as client:
                result = client.run(
                    self._desk,
                    progress=lambda done, total: self.progressed.emit(done, total),
                    cancel=lambda: self._cancelled,
                )
                # The upload is what matters; the rates come next time if they fail now.
                with contextlib.suppress(SyncError):
                    client.pull_bulletins(self._desk, cancel=lambda: self._cancelled)
                    client.pull_rulesets(self._desk, cancel=lambda: self._cancelled)
        except Cancelled as exc:
            self.failed.emit(str(exc))
        except SyncError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never let a thread die silently
            self.failed.emit(f"Beklenmeyen hata ({exc.__class__.__name__}): {exc}")
        else:
            self.succeeded.emit(result)


class TokenDialog(QDialog):
    """Asks for the desk's central token (no keyring entry)."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenDialog")
        self.setWindowTitle(self.tr("Merkez anahtarı"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "{url} için masa anahtarını yazın (merkezin verdiği 'gmt_…'). Anahtar bu "
                "oturum boyunca bellekte tutulur; hiçbir dosyaya yazılmaz."
            ).format(url=url),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.token = QLineEdit(self)
        self.token.setObjectName("tokenField")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Anahtar"), self.token)
        layout.addLayout(form)
        self.keep = QCheckBox(self.tr("İşletim sisteminin anahtarlığında &sakla"), self)
        self.keep.setObjectName("keepToken")
        self.keep.setChecked(True)
        layout.addWidget(self.keep)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SyncDialog(QDialog):
    """Progress, Cancel, and — at shift end — the receipt."""

    def __init__(
        self,
        desk: Desk,
        url: str,
        token: str,
        *,
        shift_end: bool = False,
        ca_file: str | None = None,
        client_options: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.setWindowTitle(
            self.tr("Vardiya sonu: merkeze gönderim") if shift_end else self.tr("Merkeze gönder")
        )
        self.sync_result: SyncResult | None = None
        self.error: str | None = None
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Merkeze bağlanılıyor: {url}").format(url=url), self)
        self.status.setObjectName("syncStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("syncProgress")
        self.bar.setRange(0, 0)
        layout.addWidget(self.bar)
        self.receipt = QLabel(self)
        self.receipt.setObjectName("syncReceipt")
        self.receipt.setWordWrap(True)
        self.receipt.setVisible(False)
        layout.addWidget(self.receipt)
        self.problems = ErrorLabel(self)
        self.problems.setObjectName("syncProblems")
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(
            self.tr("&Durdur"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("cancelSync")
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button = self.buttons.addButton(
            self.tr("&Kapat"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button.setObjectName("closeSync")
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.buttons)
        self.resize(560, 260)
        self.worker = SyncWorker(
            desk, url, token, ca_file=ca_file, client_options=client_options, parent=self
        )
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.status.setText(
            self.tr("Gönderiliyor: merkezde {done} / masada {total} olay").format(
                done=done, total=total
            )
        )

    def _cancel(self) -> None:
        self.worker.cancel()
        self.status.setText(self.tr("Durduruluyor; gönderilmiş olanlar merkezde kalır…"))
        self.cancel_button.setEnabled(False)

    def _finish(self) -> None:
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _succeeded(self, result: SyncResult) -> None:
        self.sync_result = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        same = result.local_count == result.central_count
        self.status.setText(
            self.tr("Gönderim tamamlandı.") if result.complete else self.tr("Gönderim bitti.")
        )
        self.receipt.setText(
            self.tr(
                "MAKBUZ — masada {local} kayıt, merkezde {central} kayıt ({verdict}). Bu "
                "oturumda yüklenen {uploaded}, zaten merkezde olan {present}, reddedilen "
                "{rejected}, bekleyen {pending}. Merkezin tuttuğu son zincir halkası #{seq}, "
                "özet {digest}."
            ).format(
                local=result.local_count,
                central=result.central_count,
                verdict=self.tr("eşit") if same else self.tr("EŞİT DEĞİL"),
                uploaded=result.uploaded,
                present=result.already_present,
                rejected=result.rejected,
                pending=result.pending,
                seq=result.last_seq,
                digest=result.last_hash[:16],
            )
        )
        self.receipt.setStyleSheet(
            "QLabel { background: #e8f5e9; border: 1px solid #2e7d32; padding: 6px; }"
            if result.complete
            else "QLabel { background: #fff4e5; border: 1px solid #b26a00; padding: 6px; }"
        )
        self.receipt.setVisible(True)
        self.problems.set_messages(
            self.tr("Merkez reddetti: {number} — {reason}").format(**item)
            for item in result.quarantined
        )
        self._finish()

    def _failed(self, message: str) -> None:
        self.error = message
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setText(self.tr("Gönderim tamamlanamadı."))
        self.problems.set_message(message)
        self._finish()

    def reject(self) -> None:
        if self.worker.isRunning():
            self._cancel()
            return  # closes once the worker has stopped (Kapat)
        super().reject()

    def done(self, result: int) -> None:
        self.worker.wait(30_000)
        super().done(result)


def remember_token(desk: Desk, url: str, token: str) -> str | None:
    """Keep the token in the keyring; the reason it could not be kept, or None."""
    try:
        store_token(desk, url, token)
    except SyncError as exc:
        return str(exc)
    return None

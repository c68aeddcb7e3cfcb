"""Upload to the central system from the desk window (SPEC §8): a background op
(:func:`upload`) that never blocks the counter, a dialog with progress and Cancel, and the
shift-end receipt (local counts = central counts, and the last link of the chain the centre
holds).

The token comes from the OS keyring; without one the officer types it once per session (it
stays in memory only) and may keep it in the keyring.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QObject
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
from gumruk_desk.sync import Retry, SyncClient, SyncError, SyncResult, store_token
from gumruk_desk.ui.background import Op, Task
from gumruk_desk.ui.widgets import ErrorLabel

STOPPED = "Senkronizasyon durduruldu; gönderilenler merkezde."
"""Said when an upload was stopped (Durdur, logging out): what was sent stays sent."""


def upload(
    desk: Desk,
    url: str,
    token: str,
    *,
    parent: QObject,
    ca_file: str | None = None,
    client_options: dict[str, Any] | None = None,
) -> Op[SyncResult]:
    """One upload (and the pull of newer rate bulletins and rule sets) as a background op,
    not yet started: progress is (events the centre holds, events of the desk); a cancel
    stops it between requests and cuts a pause between retries short. Failures are
    :class:`SyncError` with a Turkish message (:func:`failure_text`)."""
    options = dict(client_options or {})

    def work(task: Task) -> SyncResult:
        def pause(seconds: float) -> None:  # between retries, cut short by Cancel
            task.sleep(seconds)

        options.setdefault("retry", Retry(sleep=pause))
        stop = lambda: task.cancelled  # noqa: E731
        with SyncClient(url, token, ca_file=ca_file, **options) as client:
            result = client.run(desk, progress=task.progress, cancel=stop)
            # The upload is what matters; the rates come next time if they fail now.
            with contextlib.suppress(SyncError):
                client.pull_bulletins(desk, cancel=stop)
                client.pull_rulesets(desk, cancel=stop)
        return result

    return Op(work=work, parent=parent, name="sync-upload")


def failure_text(exc: Exception) -> str:
    """The Turkish reason an upload failed (a SyncError says it already)."""
    if isinstance(exc, SyncError):
        return str(exc)
    return f"Beklenmeyen hata ({exc.__class__.__name__}): {exc}"


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
        self.upload = upload(
            desk, url, token, parent=self, ca_file=ca_file, client_options=client_options
        )
        self.upload.on_success(self._succeeded).on_progress(self._progressed)
        self.upload.on_failure(lambda exc: self._failed(failure_text(exc)))
        self.upload.on_cancelled(lambda: self._failed(self.tr(STOPPED)))
        self.upload.start()

    def _progressed(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.status.setText(
            self.tr("Gönderiliyor: merkezde {done} / masada {total} olay").format(
                done=done, total=total
            )
        )

    def _cancel(self) -> None:
        self.upload.cancel()
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
        if not self.upload.is_over():
            self._cancel()
            return  # closes once the upload has stopped (Kapat)
        super().reject()

    def done(self, result: int) -> None:
        self.upload.wait(30)
        super().done(result)


def remember_token(desk: Desk, url: str, token: str) -> str | None:
    """Keep the token in the keyring; the reason it could not be kept, or None."""
    try:
        store_token(desk, url, token)
    except SyncError as exc:
        return str(exc)
    return None

"""The desk window's uploads: the token, the upload dialog, and the quiet upload now and then.

The token comes from the OS keyring, or is typed once per session and kept in memory only
(:class:`TokenDialog`, which may also keep it in the keyring). One upload runs at a time:
the dialog's (:meth:`SyncController.start_sync`) or the quiet one every
:data:`BACKGROUND_SYNC_MS` (:meth:`SyncController.sync_in_background`), which never opens a
window and never takes the counter's time; both are background ops
(:func:`gumruk_desk.ui.sync_dialog.upload`). ``synced`` follows every upload's end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QStatusBar, QWidget

from gumruk_desk.services import Desk
from gumruk_desk.ui.background import Op
from gumruk_desk.ui.window_controller import WindowController

if TYPE_CHECKING:
    from gumruk_desk.sync import SyncResult

__all__ = ["BACKGROUND_SYNC_MS", "SyncController"]

BACKGROUND_SYNC_MS = 10 * 60 * 1000  # a quiet upload every ten minutes when a token is at hand


class SyncController(WindowController):
    """Uploads for ``window`` (its parent); messages go to ``status``.

    Public for the window and tests: ``sync_dialog``, ``token_dialog``, ``address_dialog``
    (the last of each opened), ``background_sync`` (the quiet upload's op) and ``timer``.
    """

    synced = Signal()
    """An upload ended (whichever way): what the window shows may have changed."""

    def __init__(self, window: QWidget, desk: Desk, status: QStatusBar) -> None:
        super().__init__(window)
        self._desk = desk
        self._status = status
        self._session_tokens: dict[str, str] = {}  # per central URL, this session only
        self.sync_dialog: QDialog | None = None
        self.token_dialog: QDialog | None = None
        self.address_dialog: QDialog | None = None
        self.background_sync: Op[SyncResult] | None = None
        self._after_background: Callable[[], Any] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(BACKGROUND_SYNC_MS)
        self.timer.timeout.connect(self.sync_in_background)
        self.timer.start()

    def _token(self, url: str) -> str | None:
        from gumruk_desk.sync import stored_token

        return stored_token(self._desk, url) or self._session_tokens.get(url)

    def _background_running(self) -> bool:
        return self.background_sync is not None and not self.background_sync.is_over()

    def start_sync(self, *, shift_end: bool = False) -> QDialog | None:
        """The upload dialog (progress, Cancel; at shift end the receipt); asks for the token
        first when neither the keyring nor this session has one."""
        url = self._desk.central_url()
        if not url:
            # Offline is no dead end: a supervisor may give the address here (audited).
            from gumruk_desk.ui.shift_end_dialog import CentralAddressDialog

            address = CentralAddressDialog(self._desk, self._window)
            address.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            address.accepted.connect(lambda: self.start_sync(shift_end=shift_end))
            self.address_dialog = address
            address.open()
            return address
        background = self.background_sync
        if background is not None and self._background_running():
            # Never wait on the counter's thread: stop the quiet upload, start when it has.
            background.cancel()
            self._after_background = lambda: self.start_sync(shift_end=shift_end)
            self._status.showMessage(self.tr("Arka plandaki gönderim durduruluyor…"), 5_000)
            return None
        token = self._token(url)
        if token is None:
            return self._ask_token(url, lambda: self.start_sync(shift_end=shift_end))
        from gumruk_desk.ui.sync_dialog import SyncDialog

        dialog = SyncDialog(self._desk, url, token, shift_end=shift_end, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.synced.emit())
        self.sync_dialog = dialog
        dialog.open()
        return dialog

    def _ask_token(self, url: str, then: Callable[[], Any]) -> QDialog:
        from gumruk_desk.ui.sync_dialog import TokenDialog, remember_token

        dialog = TokenDialog(url, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            token = dialog.token.text().strip()
            dialog.token.clear()
            if not token:
                return
            self._session_tokens[url] = token
            if dialog.keep.isChecked():
                problem = remember_token(self._desk, url, token)
                if problem:
                    self._status.showMessage(problem, 15_000)
            then()

        dialog.accepted.connect(accepted)
        self.token_dialog = dialog
        dialog.open()
        return dialog

    def sync_in_background(self) -> Op[SyncResult] | None:
        """A quiet upload when a token is at hand; never a dialog, never the counter's time.
        Returns its op (started), or None when none was started."""
        url = self._desk.central_url()
        dialog = self.sync_dialog
        dialog_open = dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible()
        token = self._token(url) if url else None
        if not url or token is None or self._background_running() or dialog_open:
            return None
        from gumruk_desk.ui.sync_dialog import failure_text, upload

        op = upload(self._desk, url, token, parent=self)
        op.on_success(
            lambda result: self._status.showMessage(
                self.tr("Merkeze gönderildi: {n} kayıt; merkezde {c}.").format(
                    n=result.uploaded, c=result.central_count
                ),
                10_000,
            )
        )
        op.on_failure(
            lambda exc: self._status.showMessage(
                self.tr("Merkeze gönderilemedi (sonra yeniden denenecek): {m}").format(
                    m=failure_text(exc)
                ),
                15_000,
            )
        )
        op.on_done(self._background_done)
        self.background_sync = op
        return op.start()

    def _background_done(self) -> None:
        then, self._after_background = self._after_background, None
        self.synced.emit()
        if then is not None:
            then()

    def stop(self, timeout: float = 30.0) -> None:
        """The window is closing: no more quiet uploads, and the running ones (the dialog's
        too) are stopped between requests and waited for — what was sent stays sent, the
        rest keeps waiting."""
        from gumruk_desk.ui.sync_dialog import SyncDialog

        self.timer.stop()
        ops = [self.background_sync]
        dialog = self.sync_dialog
        if isinstance(dialog, SyncDialog) and shiboken6.isValid(dialog):
            ops.append(dialog.upload)
        for op in ops:
            if op is not None and op.is_running():
                op.cancel()
                op.wait(timeout)

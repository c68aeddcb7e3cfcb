"""Application-wide Qt set-up and the desk's start-up flow.

``application()`` creates the one QApplication: Fusion style, Qt's Turkish catalogues, the
bundled DejaVu Sans as the application font and a restrained palette. ``run()`` is the whole
GUI: first-run set-up, login, the main window, the offer to resume unfinished drafts, the
idle lock, and logging out to the login again (another officer takes the desk without a
restart).

Start-up time matters (the officer restarts the desk with a traveller waiting), so this module
imports only QtCore/QtGui/QtWidgets at load time; the register, the services and every window
after the login dialog are imported when they are first needed.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from gumruk_desk.ui.background import Op, Task
from gumruk_desk.ui.translations import install as install_translations

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Officer
    from gumruk_desk.ui.form_wizard.confirm import Confirmation
    from gumruk_desk.ui.idle_lock import IdleLock

APP_FONT_FAMILY = "DejaVu Sans"
APP_FONT_POINT_SIZE = 10
_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

_CONFIGURED = "gumrukDeskConfigured"


def application() -> QApplication:
    """The QApplication, set up once for the desk: Fusion style, Qt's Turkish translations
    (so standard buttons read "Tamam / İptal / Geri / İleri"), the DejaVu Sans application
    font and the desk's palette. Calling it again returns the same instance; an instance
    created elsewhere first (e.g. by pytest-qt) is given the same set-up."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        if app.property(_CONFIGURED):
            return app
        app.setStyle("Fusion")
    else:
        # Fusion through the command line rather than setStyle(): Qt then creates only this
        # one style instead of the platform default first (about 5 ms of the start).
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    app.setApplicationName("Gümrük Masası")
    app.setOrganizationName("gumruk-desk")
    install_translations(app)  # Qt's own texts in Turkish, the tr_TR locale (once)
    app.setFont(app_font())
    app.setPalette(desk_palette())
    app.setProperty(_CONFIGURED, True)
    return app


def install_fonts() -> str:
    """Register the bundled DejaVu Sans files with Qt; returns the family name to use.

    Why the bundled font and not the system UI font: the desk runs on whatever machine the
    office has, and the offscreen platform used for tests and screenshots has no system font
    at all. DejaVu Sans draws every Turkish letter (ğ Ğ ş Ş ı İ ç ö ü), is the font of the
    printed forms (so the review page looks like the paper) and is shipped with the
    application, so every desk looks the same. Registering it costs about a millisecond.
    """
    family = APP_FONT_FAMILY
    folder = fonts_dir()
    for name in _FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(folder / name))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


def fonts_dir() -> Path:
    """``resources/fonts`` as ``gumruk_desk.resources.resource_path("fonts")`` finds it.

    Looked up here with the same three candidates (bundle, installed wheel, source
    checkout) because importing ``gumruk_desk.resources`` also loads the rule-set parser,
    about 15 ms before the first window can paint; a test keeps the two in step.
    """
    package = Path(__file__).resolve().parents[1]
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundle)] if bundle else []
    candidates += [package / "_data", package.parents[1]]
    for root in candidates:
        if (root / "resources").is_dir():
            return root / "resources" / "fonts"
    from gumruk_desk.resources import resource_path  # raises the Turkish "installation" error

    return resource_path("fonts")


def app_font() -> QFont:
    """DejaVu Sans at 10 pt: points, not pixels, so the text grows with 125 %/150 % scaling."""
    font = QFont(install_fonts())
    font.setPointSize(APP_FONT_POINT_SIZE)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def desk_palette() -> QPalette:
    """Fusion's light palette with one calm accent (a muted official blue) for selection and
    links; red, amber and green stay free for results and errors."""
    palette = QPalette()
    window = QColor("#eef0f2")
    base = QColor("#ffffff")
    text = QColor("#1d2125")
    accent = QColor("#2f5f8a")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Window, window)
        palette.setColor(group, QPalette.ColorRole.WindowText, text)
        palette.setColor(group, QPalette.ColorRole.Base, base)
        palette.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#f5f7f9"))
        palette.setColor(group, QPalette.ColorRole.Text, text)
        palette.setColor(group, QPalette.ColorRole.Button, QColor("#e4e7ea"))
        palette.setColor(group, QPalette.ColorRole.ButtonText, text)
        palette.setColor(group, QPalette.ColorRole.ToolTipBase, QColor("#fffbe6"))
        palette.setColor(group, QPalette.ColorRole.ToolTipText, text)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#6b7580"))
        palette.setColor(group, QPalette.ColorRole.Highlight, accent)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, base)
        palette.setColor(group, QPalette.ColorRole.Link, accent)
    disabled = QPalette.ColorGroup.Disabled
    palette.setColor(disabled, QPalette.ColorRole.Window, window)
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor("#f3f4f6"))
    palette.setColor(disabled, QPalette.ColorRole.Button, QColor("#e4e7ea"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#8a939c"))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#9aa8b5"))
    return palette


def show_print_preview(
    pdf: bytes, title: str, suggested_name: str, data_folder: Path | None = None
) -> int:
    """Open the print preview as the application's only window; returns its result."""
    from gumruk_desk.ui.print_preview_dialog import PrintPreviewDialog

    application()
    dialog = PrintPreviewDialog(pdf, title, suggested_name, data_folder=data_folder)
    dialog.resize(860, 1000)
    return dialog.exec()


class ServiceLoader(QObject):
    """Imports the register and the services in a background op.

    Importing them (SQLAlchemy, Alembic, reportlab, the validators) takes several times as
    long as starting Qt itself, so the login dialog is painted first and the register is
    opened when the imports are done. Only the imports run in the thread; the register is
    opened on the GUI thread (``loaded`` is delivered there, queued).
    """

    loaded = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._started = False

    def start(self) -> None:
        """Start the imports (once; later calls do nothing)."""
        if self._started:
            return
        self._started = True
        Op(
            work=_import_services,
            success=lambda _r: self.loaded.emit(),
            parent=self,
            name="gumruk-desk-import",
        ).on_failure(
            # reported in the login dialog, in Turkish
            lambda exc: self.failed.emit(f"Uygulama bileşenleri yüklenemedi: {exc}")
        ).start()

    def start_after_paint(self, window: QWidget, fallback_ms: int = 300) -> None:
        """Start once ``window`` has painted, so the imports do not compete with the first
        paint for the interpreter; at the latest after ``fallback_ms``."""
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint has finished, not in the middle of it.
            QTimer.singleShot(0, self.start)
        return False


def _import_services(_task: Task) -> None:
    import gumruk_desk.services  # noqa: F401  (the login's demo hint too)


def _warm_up_printing() -> Op[None]:
    """Import the printing modules (reportlab) behind the main window, so that the first
    registration of the day does not wait for them; the login never needed them."""

    def work(_task: Task) -> None:
        import gumruk_desk.printing  # noqa: F401

    # A failure here is not reported: the registration imports (and reports) again.
    return Op(work=work, name="printing-import").on_failure(lambda _exc: None).start()


class DeskSession(QObject):
    """The GUI flow of one run, step by step, without nested event loops.

    ``start()`` shows the set-up wizard (first run only), then the login dialog; after a
    successful login the main window, then the offer to resume unfinished drafts; the idle
    lock watches the whole application from the login on. Every step opens its window with
    ``open()``/``show()``, so tests drive the flow with ``qtbot`` exactly as an officer would.
    The session ends (``on_finished`` with an exit code) when the wizard or the login is
    cancelled or the main window is closed.

    Given ``home`` instead of an open ``desk``, the session paints the login dialog at once
    and opens the register behind it (:class:`ServiceLoader`); on a first run the wizard
    then takes the dialog's place. Whoever started the session closes ``desk`` afterwards.

    ``idle_minute_ms`` is the length of an idle-lock minute in ms (tests shorten it; the
    number of minutes always comes from the register).
    """

    def __init__(
        self,
        desk: Desk | None = None,
        *,
        home: str | Path | None = None,
        idle_minute_ms: int | None = None,
        on_finished: Any = None,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.home = home
        self.officer: Officer | None = None
        self.main_window: QWidget | None = None
        self.idle_lock: IdleLock | None = None
        self.exit_code: int | None = None
        self._idle_minute_ms = idle_minute_ms
        self._on_finished = on_finished
        self.dialog: QWidget | None = None
        """The set-up wizard or login dialog on screen (None once logged in)."""
        self.drafts_dialog: QWidget | None = None
        self._resumed: set[str] = set()
        self.loader: ServiceLoader | None = None
        self.logout_question: Confirmation | None = None
        """The question before logging out with forms open, asked last."""
        self._file_checked = False  # the whole-file check runs once a process, not per login
        self.file_check: Op[tuple[str, int]] | None = None
        self.backup: Op[None] | None = None
        self.passphrase_dialog: QWidget | None = None
        """The station passphrase asked at start, before the register opens."""
        self.recover_dialog: QWidget | None = None
        """The recovery key asked where the register's key is not on this machine."""
        self.recovery_dialog: QWidget | None = None
        """The recovery key of a register encrypted by this open, shown once."""

    # -- steps ---------------------------------------------------------------------------------
    def start(self) -> None:
        if self.desk is not None:
            self._desk_ready()
            return
        from gumruk_desk.register.files import home_dir, is_set_up

        # Which window comes first is read from the file with sqlite3 alone, so that a first
        # run paints the set-up wizard at once (never a login box that then gives way to it).
        if is_set_up(home_dir(self.home)):
            self.show_login()
        else:
            self.show_setup()
        assert self.dialog is not None
        self.loader = ServiceLoader(self)
        self.loader.loaded.connect(self._open_register)
        self.loader.failed.connect(self._register_failed)
        self.loader.start_after_paint(self.dialog)

    def _open_register(self) -> None:
        from gumruk_desk.errors import KeyUnavailable, RegisterError
        from gumruk_desk.ui.setup_wizard import SetupWizard

        opened_here = self.desk is None  # else the set-up wizard opened it already
        if opened_here and self._ask_passphrase():
            return
        if opened_here:
            try:
                self.open_desk()
            except KeyUnavailable:
                # Not a broken register: its key is not on this machine. The recovery key
                # opens it, so ask for it rather than end on an error.
                self._ask_recovery(
                    self.tr(
                        "Kayıt defteri bu bilgisayarda açılamıyor: anahtarı burada yok ya da "
                        "uymuyor (yeni bir bilgisayar, silinmiş bir anahtarlık). Kayıtlar "
                        "yerinde ve şifreli; idare amirinin kurtarma anahtarı açar."
                    )
                )
                return
            except RegisterError as exc:
                self._register_failed(str(exc))
                return
        assert self.desk is not None
        if opened_here and isinstance(self.dialog, SetupWizard) and self.desk.is_set_up():
            # The quick look before painting could not read the station (a moment's lock,
            # say): the register is set up, so the login is what the officer needs.
            wizard = self.dialog
            wizard.hide()  # not reject(): that would end the session
            wizard.deleteLater()
            self.show_login()
            self._show_new_recovery_key()
            return
        self._desk_ready()

    def _ask_passphrase(self) -> bool:
        """Where the register's key is kept under the station passphrase: ask it before the
        register is opened. True when the opening waits for it (the dialog, or the set-up
        wizard's first page, asks)."""
        from gumruk_desk.errors import RegisterError
        from gumruk_desk.services import needs_station_passphrase
        from gumruk_desk.ui.passphrase_dialog import PassphraseDialog
        from gumruk_desk.ui.setup_wizard import SetupWizard

        try:
            needed = needs_station_passphrase(self.home)
        except RegisterError:
            return False  # opening says what is wrong with the side file
        if not needed:
            return False
        if isinstance(self.dialog, SetupWizard):
            # A new register: the supervisor sets the passphrase; the wizard opens it after.
            self.dialog.ask_passphrase()
            return True
        dialog = PassphraseDialog(self.home, self.dialog)
        self.passphrase_dialog = dialog
        dialog.accepted.connect(self._open_register)
        dialog.rejected.connect(lambda: self.finish(0))
        dialog.forgotten.connect(self._forgot_passphrase)
        dialog.open()
        return True

    def _forgot_passphrase(self) -> None:
        from gumruk_desk.services import keyring_keeps_keys

        kept = (
            self.tr("bu bilgisayarın anahtarlığında saklanır")
            if keyring_keeps_keys()
            else self.tr("yeni bir istasyon parolasıyla korunur")
        )
        self._ask_recovery(
            self.tr(
                "İstasyon parolası unutuldu: kayıt defteri kurtarma anahtarıyla açılır ve "
                "anahtarı {kept}."
            ).format(kept=kept)
        )

    def _ask_recovery(self, reason: str) -> None:
        """The register's key is not at hand: its recovery key opens it (and the key is kept
        again), or the officer quits and nothing changes."""
        from gumruk_desk.ui.recovery_key import RecoverDialog

        dialog = RecoverDialog(self.home, reason, self.dialog)
        self.recover_dialog = dialog
        dialog.accepted.connect(self._open_register)
        dialog.rejected.connect(lambda: self.finish(0))
        dialog.open()

    def _show_new_recovery_key(self) -> None:
        """An old plain register encrypted by this open: its recovery key, shown once before
        anyone logs in (the set-up wizard shows the key of a register it makes)."""
        from gumruk_desk.services import station_passphrase_protects
        from gumruk_desk.ui.recovery_key import RecoveryKeyDialog

        assert self.desk is not None
        recovery = self.desk.take_recovery_key()
        if not recovery:
            return
        station = self.desk.station()
        dialog = RecoveryKeyDialog(
            recovery,
            self.tr(
                "Kayıt defteri bu açılışta şifrelendi: kayıtlar artık bu bilgisayarda "
                "şifreli duruyor ve anahtarı {where}. Aşağıdaki kurtarma anahtarını idare "
                "amirine verin: bilgisayar değişir ya da anahtar kaybolursa kayıtları "
                "yalnızca o açar. Kaybolursa idare amiri anahtarı yenileyip yenisini alabilir "
                "(Ayarlar → Anahtar sekmesi nasıl yapılacağını anlatır)."
            ).format(
                where=self.tr("istasyon parolasıyla korunuyor")
                if station_passphrase_protects(self.home)
                else self.tr("işletim sisteminin anahtarlığında")
            ),
            station=f"{station.office_code}/{station.desk_code}",
            data_folder=self.desk.db.home,
            parent=self.dialog,
        )
        self.recovery_dialog = dialog
        dialog.open()

    def open_desk(self) -> Desk:
        """The register, opened now if it is not yet (raises ``RegisterError``). Called from
        the GUI thread; an import the loader has not finished is waited for."""
        if self.desk is None:
            from gumruk_desk.services import Desk

            self.desk = Desk(self.home, create=True)
        return self.desk

    def _register_failed(self, message: str) -> None:
        from gumruk_desk.ui.login_dialog import LoginDialog
        from gumruk_desk.ui.setup_wizard import SetupWizard

        if isinstance(self.dialog, LoginDialog | SetupWizard):
            self.dialog.show_fatal(message)

    def _desk_ready(self) -> None:
        from gumruk_desk.ui.login_dialog import LoginDialog
        from gumruk_desk.ui.setup_wizard import SetupWizard

        assert self.desk is not None
        if isinstance(self.dialog, SetupWizard):
            self.dialog.set_desk(self.desk)
            return
        login = self.dialog if isinstance(self.dialog, LoginDialog) else None
        if not self.desk.is_set_up():
            if login is not None:
                login.hide()  # not reject(): that would end the session
                login.deleteLater()
            self.show_setup()
        elif login is not None:
            login.set_desk(self.desk)
            self._show_new_recovery_key()
        else:
            self.show_login()
            self._show_new_recovery_key()

    def show_setup(self) -> None:
        """The set-up wizard; without an open register yet, it opens it through
        :meth:`open_desk` when the first page needing it is left."""
        from gumruk_desk.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.desk, open_desk=self.open_desk, home=self.home)
        wizard.finished.connect(lambda result: self._setup_done(wizard, result))
        self.dialog = wizard
        wizard.open()

    def _setup_done(self, wizard: QWidget, result: int) -> None:
        wizard.deleteLater()
        if self.desk is not None and self.desk.is_set_up():
            self.show_login()
        else:
            self.finish(0)  # the officer cancelled the first run; nothing was stored

    def show_login(self) -> None:
        from gumruk_desk.ui.login_dialog import LoginDialog

        dialog = LoginDialog(self.desk)
        dialog.accepted.connect(lambda: self._logged_in(dialog))
        dialog.rejected.connect(lambda: self.finish(0))
        self.dialog = dialog
        dialog.open()

    def _logged_in(self, dialog: Any) -> None:
        self.officer = dialog.officer
        dialog.deleteLater()
        self.dialog = None
        self.show_main_window()
        self.start_idle_lock()
        self.offer_drafts()
        if not self._file_checked:
            self._file_checked = True
            self.start_background_check()
            _warm_up_printing()

    def show_main_window(self) -> None:
        # Written alongside this flow (ui/main_window.py); imported only after login so the
        # login dialog appears without loading the register view.
        from gumruk_desk.ui.main_window import MainWindow

        assert self.officer is not None and self.desk is not None
        window = MainWindow(self.desk, self.officer)
        self.main_window = window
        window.lock_requested.connect(self.lock_now)
        logout = getattr(window, "logout_requested", None)
        if logout is not None:
            logout.connect(self.log_out)
        # Closing the main window ends the session (and the process, in run()).
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(self._main_window_closed)
        window.show()
        # What is alive now lives all session: a full garbage collection, which stops the
        # window while it runs (up to 80 ms on a full heap), need not walk it again.
        gc.freeze()

    def _main_window_closed(self, *_args: object) -> None:
        self.main_window = None  # what arrives later (the file check's result) finds no window
        self.finish(0)

    def start_background_check(self) -> Op[tuple[str, int]] | None:
        """After login, in background ops: SQLite's check of the whole register file (at
        open only a bounded part is checked, so that a large register opens at once), then,
        if the file is intact, today's backup (a copy through SQLite's backup API: the
        counter keeps working). Both results are logged; the check's is shown
        (:meth:`_checked`). A damaged file is not backed up, so the last good backups are
        kept. The check is ``file_check``, the backup ``backup`` once it has started."""
        desk = self.desk
        if desk is None:
            return None

        def check(_task: Task) -> tuple[str, int]:
            import logging

            log = logging.getLogger("gumruk_desk")
            try:
                problem, records, seconds = desk.integrity_check()
            except Exception as exc:  # an unreadable file must not stop the desk either
                problem, records, seconds = f"{exc}", 0, 0.0
            if problem:
                log.error("register file check: damaged: %s", problem)
            else:
                log.info("register file check: intact (%d records, %.1f s)", records, seconds)
            return problem or "", records

        def checked(result: tuple[str, int]) -> None:
            problem, records = result
            if not problem:
                self.backup = Op(work=backup, parent=self, name="daily-backup").start()
            self._checked(problem, records)

        def backup(_task: Task) -> None:
            import logging

            log = logging.getLogger("gumruk_desk")
            try:
                made = desk.daily_backup()
            except Exception as exc:  # a full disk must not stop the desk
                log.warning("daily backup failed: %s", exc)
                return
            if made is not None:
                log.info("daily backup: %s", made.name)

        self.file_check = Op(work=check, success=checked, parent=self, name="register-check")
        return self.file_check.start()

    def _checked(self, problem: str, records: int) -> None:
        """The whole-file check's result, in the main window: a note in the status bar when
        intact; when damaged, a warning that stays until the officer has read it."""
        window = self.main_window
        if window is None:
            return
        if not problem:
            from PySide6.QtWidgets import QMainWindow

            from gumruk_desk.printing import fmt

            if not isinstance(window, QMainWindow):
                return
            window.statusBar().showMessage(
                self.tr("Kayıt defteri dosyası denetlendi: sağlam ({n} kayıt).").format(
                    n=fmt.count(records)
                ),
                10_000,
            )
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Kayıt defteri dosyası bozuk"),
            self.tr(
                "Kayıt defteri dosyasının denetiminde bozulma bulundu: {problem}\n\n"
                "Kayıtlar okunabildiği sürece masa çalışır; bugünün yedeği alınmadı, önceki "
                "yedekler korunuyor. Amirinize ve sistem sorumlusuna hemen bildirin "
                "(geri yükleme: gumruk-desk restore)."
            ).format(problem=problem),
            parent=window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.check_box = box
        box.open()

    def start_idle_lock(self) -> None:
        from gumruk_desk.ui.idle_lock import MINUTE_MS, IdleLock

        assert self.officer is not None and self.main_window is not None
        assert self.desk is not None
        self.idle_lock = IdleLock(
            self.desk,
            self.officer,
            self.main_window,
            minute_ms=self._idle_minute_ms or MINUTE_MS,
            parent=self,
        )
        self.idle_lock.exit_requested.connect(self._exit_from_lock)
        self.idle_lock.logout_requested.connect(self.log_out)
        self.idle_lock.start()

    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def offer_drafts(self) -> None:
        """Offer the officer's unfinished drafts (after a crash or power cut), one after
        another: a draft resumed in this session is not asked about again."""
        from gumruk_desk.ui.drafts_dialog import DraftsDialog

        if self.officer is None or self.desk is None or self.main_window is None:
            return  # the session was closed meanwhile (a resumed form closed by logging out)
        if all(d.id in self._resumed for d in self.desk.drafts(self.officer.sicil)):
            return
        dialog = DraftsDialog(self.desk, self.officer, parent=self.main_window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._resume(dialog.draft_id))
        self.drafts_dialog = dialog
        dialog.open()

    def _resume(self, draft_id: str | None) -> None:
        """Reopen the draft in its wizard through the main window (which shows the record
        once registered); when that wizard closes, offer the drafts still waiting."""
        if draft_id is None or self.main_window is None or self.desk is None:
            return
        self._resumed.add(draft_id)
        wizard = self.main_window.open_draft(draft_id)  # type: ignore[attr-defined]
        if wizard is not None:
            wizard.finished.connect(lambda _result: self.offer_drafts())

    # -- logging out ---------------------------------------------------------------------------
    def open_forms(self) -> list[QWidget]:
        """The form wizards open over the main window that hold data not yet registered."""
        from gumruk_desk.ui.form_wizard.wizard import FormWizard

        window = self.main_window
        if window is None:
            return []
        return [w for w in window.findChildren(FormWizard) if w.isVisible() and w.holds_data()]

    def log_out(self) -> QWidget | None:
        """Close the officer's session and show the login again (Form → Oturumu kapat, or the
        lock screen). With forms holding data open, ask first: each is kept as a draft that its
        officer is offered at their next login. Returns the question, when one is asked."""
        if self.main_window is None:
            return None
        forms = self.open_forms()
        if not forms:
            self.end_officer_session()
            return None
        lock = self.idle_lock.dialog if self.idle_lock is not None else None
        parent = lock or QApplication.activeModalWidget() or self.main_window
        assert self.officer is not None
        if self.logout_question is not None:
            self.logout_question.deleteLater()
        box = logout_question(
            parent,
            [_form_title(w) for w in forms],
            self.officer.name,
            self.end_officer_session,
        )
        self.logout_question = box
        box.open()
        return box

    def end_officer_session(self) -> None:
        """Put the open forms aside as drafts, close the main window (its uploads, running or
        waiting, stop or stay pending: nothing registered is touched) and show the login."""
        from gumruk_desk.ui.form_wizard.wizard import FormWizard

        window = self.main_window
        if window is None:
            return
        self.main_window = None
        self.officer = None
        self._resumed.clear()
        self.drafts_dialog = None
        if self.idle_lock is not None:
            self.idle_lock.end()
            self.idle_lock.deleteLater()
            self.idle_lock = None
        window.destroyed.disconnect(self._main_window_closed)  # not the end of the desk
        for wizard in window.findChildren(FormWizard):
            if wizard.isVisible():
                wizard.reject()  # saves the draft, asks nothing
        # From code: no question about uploads (they stay pending); the window stops its
        # own uploads, the one in the sync dialog too, before it goes.
        window.close()
        self.show_login()

    # -- the end -------------------------------------------------------------------------------
    def _exit_from_lock(self) -> None:
        """The officer's account was locked at the lock screen: close the desk (drafts are
        kept; the next start offers them after a supervisor unlocks the account)."""
        self.finish(0)
        if self.main_window is not None:
            self.main_window.close()

    def finish(self, code: int) -> None:
        if self.exit_code is not None:
            return
        self.exit_code = code
        if self.idle_lock is not None:
            self.idle_lock.stop()
        if self._on_finished is not None:
            self._on_finished(code)


def logout_question(
    parent: QWidget, forms: list[str], officer_name: str, on_yes: Any
) -> Confirmation:
    """The question before logging out over open ``forms`` (their titles); "Vazgeç" is the
    default, so a stray Enter closes nothing. Not yet shown."""
    from gumruk_desk.ui.form_wizard.confirm import Confirmation

    tr = parent.tr
    box = Confirmation(
        parent,
        tr("Oturumu kapat"),
        tr(
            "Açık form var: {forms}. Oturum kapatılırsa form taslak olarak saklanır; {name} "
            "sonraki girişinde Taslaklar'dan kaldığı yerden devam eder. Kayıtlı hiçbir şey "
            "değişmez, merkeze gönderilmeyi bekleyenler bekler."
        ).format(forms=", ".join(dict.fromkeys(forms)), name=officer_name),
        yes=tr("&Oturumu kapat (taslak saklanır)"),
        no=tr("&Vazgeç"),
        on_yes=on_yes,
        default_yes=False,
    )
    box.setObjectName("logoutQuestion")
    return box


def _form_title(wizard: QWidget) -> str:
    return str(getattr(wizard, "FORM_TITLE", "") or wizard.windowTitle())


def run(home: str | Path | None = None) -> int:
    """Start the desk window (the bare ``gumruk-desk`` command): first-run set-up, login,
    main window. Returns the process exit code (0 when the officer closes the desk)."""
    app = application()
    from gumruk_desk.register.files import home_dir

    data_folder = home_dir(home)
    install_crash_handler(data_folder)
    # Windows close one after another (wizard → login → main window): the session, not Qt's
    # "last window closed" rule, decides when the desk quits.
    app.setQuitOnLastWindowClosed(False)
    session = DeskSession(home=home, on_finished=app.exit)
    session.start()
    # The log is opened once the first window has painted (nothing is logged before).
    if session.loader is not None:
        session.loader.loaded.connect(lambda: _start_log(data_folder))
        session.loader.failed.connect(lambda _message: _start_log(data_folder))
    code = app.exec()
    if session.desk is not None:
        session.desk.close()
    return session.exit_code if session.exit_code is not None else code


def _start_log(data_folder: Path) -> Path | None:
    from gumruk_desk.logs import setup_logging

    return setup_logging(data_folder)


def install_crash_handler(data_folder: Path) -> None:
    """An unexpected error: every open wizard saves its draft, the error goes to the log
    (in ``data_folder``), and the officer is told in Turkish where the log is. The desk
    keeps running."""

    def handle(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        from PySide6.QtWidgets import QMessageBox

        from gumruk_desk.logs import unexpected
        from gumruk_desk.ui.form_wizard.wizard import FormWizard

        log_file = _start_log(data_folder)  # the log already open, or opened now

        for widget in QApplication.topLevelWidgets() + [
            w for top in QApplication.topLevelWidgets() for w in top.findChildren(FormWizard)
        ]:
            if isinstance(widget, FormWizard):
                with contextlib.suppress(Exception):  # saving drafts must not raise again
                    widget.autosave()
        unexpected(kind, exc, tb)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Beklenmeyen hata",
            "Beklenmeyen bir hata oldu; açık formlar taslak olarak kaydedildi. Masa çalışmaya "
            "devam ediyor. Ayrıntı kayıt dosyasında: "
            + (str(log_file) if log_file else "(kayıt dosyası yazılamıyor)"),
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        _crash_boxes.append(box)

    sys.excepthook = handle


_crash_boxes: list[QWidget] = []

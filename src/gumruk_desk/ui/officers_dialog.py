"""Memurlar: the desk's officers, and what a supervisor does to their accounts — add an officer,
set a new password, unlock, deactivate.

Anyone logged in may open the list (it says who can sign at this desk); every change asks for
a supervisor's sicil and password, even when that supervisor is the one logged in, and is
made by the service (``Desk.add_officer``, ``reset_password``, ``unlock_officer``,
``deactivate_officer``), which writes it into the chain. Passwords are cleared from the fields
after every attempt and kept nowhere.

Keyboard: the list has the focus (arrows choose an officer); Alt+E adds, Alt+P sets a new
password, Alt+K unlocks, Alt+D deactivates, Escape closes. In a change's dialog Enter moves
from field to field and, in the last one, confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain.chainspec import ROLE_SUPERVISOR
from gumruk_desk.errors import AuthError, OfficerError, RegisterError
from gumruk_desk.services import (
    MAX_FAILED_ATTEMPTS,
    MAX_REASON_LENGTH,
    STATE_DEACTIVATED,
    STATE_LOCKED,
    day_of,
    officer_state as state,
)
from gumruk_desk.ui.setup.fields import ErrorLabel, add_field, new_form
from gumruk_desk.ui.widgets.list_table import list_table

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Officer

STATE_LABELS = {"active": "etkin", STATE_LOCKED: "kilitli", STATE_DEACTIVATED: "devre dışı"}
ROLE_LABELS = {ROLE_SUPERVISOR: "İdare amiri", "officer": "Memur"}
_STATE_COLOURS = {STATE_LOCKED: QColor("#8a5a00"), STATE_DEACTIVATED: QColor("#6b7580")}

#: What a change's dialog asks for; ``values`` are its fields' texts by key ("1"/"" for a box).
Run = Callable[[dict[str, str], str, str], "Officer"]


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    password: bool = False
    max_length: int = 60
    check: bool = False  # a check box (its label is the text beside it)


class OfficerActionDialog(QDialog):
    """One change to an account: its own fields, then the approving supervisor (one who can
    sign now; the logged-in supervisor preselected) and that supervisor's password.

    ``run(values, supervisor_sicil, supervisor_password)`` makes the change through the
    service; its errors appear under the fields their paths name, a wrong password under the
    supervisor's. ``done_officer`` holds the officer
    the change returned, once ``accepted``.
    """

    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        intro: str,
        confirm: str,
        fields: tuple[Field, ...],
        supervisors: list[Officer],
        logged_in: Officer,
        run: Run,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("officerAction")
        self.setWindowTitle(title)
        self._run = run
        self.done_officer: Officer | None = None
        text = QLabel(intro)
        text.setObjectName("intro")
        text.setWordWrap(True)
        form = new_form()
        self.inputs: dict[str, QLineEdit | QCheckBox] = {}
        self.errors: dict[str, ErrorLabel] = {}
        for spec in fields:
            widget: QLineEdit | QCheckBox
            if spec.check:
                widget = QCheckBox(spec.label)
                self.errors[spec.key] = add_field(form, "", widget)
            else:
                widget = QLineEdit()
                widget.setMaxLength(spec.max_length)
                if spec.password:
                    widget.setEchoMode(QLineEdit.EchoMode.Password)
                self.errors[spec.key] = add_field(form, spec.label, widget)
            widget.setObjectName(spec.key)
            self.inputs[spec.key] = widget
        self.supervisor = QComboBox()
        self.supervisor.setObjectName("supervisor")
        if logged_in.role != ROLE_SUPERVISOR and len(supervisors) > 1:
            self.supervisor.addItem(self.tr("— onaylayan amiri seçin —"), "")
        for officer in supervisors:
            self.supervisor.addItem(f"{officer.name} ({officer.sicil})", officer.sicil)
        self.supervisor.setCurrentIndex(max(self.supervisor.findData(logged_in.sicil), 0))
        self.supervisor_error = add_field(form, self.tr("Onaylayan &amir"), self.supervisor)
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_error = add_field(form, self.tr("Amirin pa&rolası"), self.password)
        self.general = ErrorLabel()
        self.general.setObjectName("general")
        self.confirm_button = QPushButton(confirm)
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(self.submit)
        self.confirm_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("&Vazgeç"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        if not supervisors:
            self.general.show_error(
                self.tr(
                    "Bu masada onay verebilecek (kilitli ya da devre dışı olmayan) bir idare "
                    "amiri yok; sistem sorumlusuna başvurun."
                )
            )
            self.confirm_button.setEnabled(False)
        self._order: list[QWidget] = [*self.inputs.values(), self.supervisor, self.password]
        first = next(iter(self.inputs.values()), None)
        (first or self.password).setFocus()

    # -- keys ----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter walks the fields (as in the login) and confirms from the last one; QDialog
        # would otherwise confirm half-filled from the first. A supervisor already chosen
        # is passed over (Tab still reaches the choice).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            focused = self.focusWidget()
            if focused in self._order[:-1]:
                following = self._order[self._order.index(focused) + 1 :]
                if following[0] is self.supervisor and self.supervisor.currentData():
                    following = following[1:]
                following[0].setFocus()
            else:
                self.submit()
            return
        super().keyPressEvent(event)

    # -- the change ----------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        return {
            key: (
                ("1" if widget.isChecked() else "")
                if isinstance(widget, QCheckBox)
                else (widget.text())
            )
            for key, widget in self.inputs.items()
        }

    def _clear(self) -> None:
        for label in (*self.errors.values(), self.supervisor_error, self.password_error):
            label.clear_error()
        self.general.clear_error()

    def submit(self) -> None:
        if not self.confirm_button.isEnabled():
            return
        self._clear()
        values = self.values()
        mismatch = "password" in values and values["password"] != values.get("password2")
        if mismatch:
            self.errors["password2"].show_error(
                self.tr("Parolalar aynı değil: yeni parolayı iki kez aynı yazın.")
            )
        sicil = str(self.supervisor.currentData() or "")
        if not sicil:
            self.supervisor_error.show_error(self.tr("Onaylayan amiri seçin."))
        if not self.password.text():
            self.password_error.show_error(self.tr("Amirin parolasını yazın."))
        if mismatch or not sicil or not self.password.text():
            self._retry(new_passwords=mismatch)
            return
        routed: dict[str, list[str]] = {}
        try:
            officer = self._run(values, sicil, self.password.text())
        except AuthError as exc:
            self.password_error.show_error(str(exc))
        except OfficerError as exc:
            routed = exc.by_field(self.errors)
            for key, sentences in routed.items():
                (self.errors.get(key) or self.general).show_error(sentences)
        except RegisterError as exc:
            self.general.show_error(str(exc))
        else:
            self.done_officer = officer
            self._forget(new_passwords=True)
            self.accept()
            return
        self._retry(new_passwords="password" in routed)

    def _new_passwords(self) -> list[QLineEdit]:
        return [
            w
            for w in self.inputs.values()
            if isinstance(w, QLineEdit) and w.echoMode() == QLineEdit.EchoMode.Password
        ]

    def _forget(self, *, new_passwords: bool) -> None:
        """The supervisor's password never outlives a try; the new officer's only when it
        was what failed (the supervisor then types both again)."""
        self.password.clear()
        if new_passwords:
            for widget in self._new_passwords():
                widget.clear()

    def _retry(self, *, new_passwords: bool) -> None:
        # Errors appeared under the fields: grow to show them whole (wrapped text is not
        # part of the layout's minimum size).
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))
        self._forget(new_passwords=new_passwords)
        if new_passwords:
            self._new_passwords()[0].setFocus()
        else:
            self._focus_first_error()

    def _focus_first_error(self) -> None:
        pairs: list[tuple[ErrorLabel, QWidget]] = [
            (self.errors[k], self.inputs[k]) for k in self.inputs
        ]
        pairs += [(self.supervisor_error, self.supervisor), (self.password_error, self.password)]
        for label, widget in pairs:
            if label.isVisibleTo(self):
                widget.setFocus()
                return
        self.password.setFocus()


class OfficersDialog(QDialog):
    """The officers of the desk for ``officer`` (the one logged in); ``action_dialog`` is the
    change's dialog opened last, ``message`` says what the last change did."""

    COLUMNS = ("Sicil", "Adı soyadı", "Unvan", "Yetki", "Durum", "Hatalı giriş")

    def __init__(self, desk: Desk, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officersDialog")
        self.desk = desk
        self.officer = officer
        self.officers: list[Officer] = []
        self.action_dialog: OfficerActionDialog | None = None
        self.setWindowTitle(self.tr("Memurlar"))
        intro = QLabel(
            self.tr(
                "Bu masanın memurları. Her değişiklik bir idare amirinin sicili ve parolasıyla "
                "yapılır ve kayıt zincirine yazılır."
            )
        )
        intro.setWordWrap(True)
        self.table = list_table([self.tr(c) for c in self.COLUMNS], "officersTable")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the title
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #1e6b34;")
        self.message.hide()
        self.error = ErrorLabel()
        self.error.setObjectName("error")

        self.add_button = self._button(self.tr("Memur &ekle…"), "addOfficer", self.add_officer)
        self.reset_button = self._button(
            self.tr("&Parola yenile…"), "resetPassword", self.reset_password
        )
        self.unlock_button = self._button(self.tr("&Kilidi aç…"), "unlock", self.unlock)
        self.deactivate_button = self._button(
            self.tr("&Devre dışı bırak…"), "deactivate", self.deactivate
        )
        self.close_button = self._button(self.tr("Kapa&t"), "close", self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addWidget(self.deactivate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 120, 420)
        self.refresh(select=officer.sicil)
        self.table.setFocus()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- the list ------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Read the officers again and select ``select`` (else the row selected before)."""
        before = self.selected()
        keep = select or (before.sicil if before is not None else None)
        try:
            self.officers = self.desk.officers()
        except RegisterError as exc:
            self.error.show_error(str(exc))
            return
        self.table.setRowCount(len(self.officers))
        for row, officer in enumerate(self.officers):
            current = state(officer)
            status = self.tr(STATE_LABELS[current])
            if current == STATE_DEACTIVATED and officer.deactivated_at:
                status += f" ({day_of(officer.deactivated_at)})"
            if officer.sicil == self.officer.sicil:
                status += self.tr(" · oturum açık")
            cells = (
                officer.sicil,
                officer.name,
                officer.title,
                self.tr(ROLE_LABELS.get(officer.role, officer.role)),
                status,
                f"{officer.failed_attempts} / {MAX_FAILED_ATTEMPTS}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if current in _STATE_COLOURS and column == 4:
                    item.setForeground(QBrush(_STATE_COLOURS[current]))
                if column == 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        sicils = [o.sicil for o in self.officers]
        self.table.selectRow(sicils.index(keep) if keep in sicils else 0)
        self._selection_changed()

    def selected(self) -> Officer | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.officers):
            return None
        return self.officers[rows[0].row()]

    def select(self, sicil: str) -> None:
        for row, officer in enumerate(self.officers):
            if officer.sicil == sicil:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        current = state(chosen) if chosen else None
        active = chosen is not None and current != STATE_DEACTIVATED
        self.reset_button.setEnabled(active)
        self.unlock_button.setEnabled(
            active and chosen is not None and (chosen.locked or chosen.failed_attempts > 0)
        )
        own = chosen is not None and chosen.sicil == self.officer.sicil
        self.deactivate_button.setEnabled(active and not own)
        self.hint.setText(self._hint(chosen, own))

    def _hint(self, chosen: Officer | None, own: bool) -> str:
        if chosen is None:
            return ""
        who = f"{chosen.name} ({chosen.sicil})"
        current = state(chosen)
        if current == STATE_DEACTIVATED:
            return self.tr(
                "{who}: hesap {day} tarihinde devre dışı bırakıldı; giriş yapamaz, şahitlik ve "
                "onay veremez. Kayıtlarındaki adı durur."
            ).format(who=who, day=day_of(chosen.deactivated_at))
        if current == STATE_LOCKED:
            return self.tr(
                "{who}: hesap art arda {n} hatalı parola nedeniyle kilitli. Kilidi açın ya da "
                "parolayı yenileyin (yenileme kilidi de açar)."
            ).format(who=who, n=MAX_FAILED_ATTEMPTS)
        if own:
            return self.tr(
                "{who}: oturumu açık olan hesap devre dışı bırakılamaz; önce oturumu kapatın."
            ).format(who=who)
        if chosen.failed_attempts:
            return self.tr(
                "{who}: {n} hatalı giriş; {left} hatalı giriş daha hesabı kilitler."
            ).format(
                who=who, n=chosen.failed_attempts, left=MAX_FAILED_ATTEMPTS - chosen.failed_attempts
            )
        return self.tr("{who}: hesap etkin.").format(who=who)

    # -- the changes ---------------------------------------------------------------------------
    def _open(
        self,
        *,
        title: str,
        intro: str,
        confirm: str,
        fields: tuple[Field, ...],
        run: Run,
        done: Callable[[Officer], str],
    ) -> OfficerActionDialog:
        try:
            supervisors = [
                o for o in self.desk.officers() if o.role == ROLE_SUPERVISOR and o.can_sign
            ]
        except RegisterError:
            supervisors = []
        dialog = OfficerActionDialog(
            self,
            title=title,
            intro=intro,
            confirm=confirm,
            fields=fields,
            supervisors=supervisors,
            logged_in=self.officer,
            run=run,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            officer = dialog.done_officer
            if result == QDialog.DialogCode.Accepted and officer is not None:
                self.error.clear_error()
                self.message.setText(done(officer))
                self.message.show()
                self.refresh(select=officer.sicil)
            self.table.setFocus()

        dialog.finished.connect(finished)
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def add_officer(self) -> OfficerActionDialog:
        def run(values: dict[str, str], sicil: str, password: str) -> Officer:
            return self.desk.add_officer(
                sicil=values["sicil"].strip(),
                name=values["name"],
                title=values["title"],
                password=values["password"],
                supervisor=bool(values["supervisor"]),
                approver_sicil=sicil,
                approver_password=password,
            )

        return self._open(
            title=self.tr("Memur ekle"),
            intro=self.tr(
                "Yeni memur bu masada giriş yapar, formları düzenler ve imzalar. Parola en az "
                "8 karakter olmalı; yalnızca özeti saklanır. Parolayı memura kendiniz iletin."
            ),
            confirm=self.tr("&Ekle"),
            fields=(
                Field("sicil", self.tr("&Sicil"), max_length=20),
                Field("name", self.tr("A&dı soyadı")),
                Field("title", self.tr("&Unvanı")),
                Field("supervisor", self.tr("İdare am&iri yetkisi (onay, kilit açma)"), check=True),
                Field("password", self.tr("&Parola"), password=True, max_length=200),
                Field("password2", self.tr("Parola (&tekrar)"), password=True, max_length=200),
            ),
            run=run,
            done=lambda o: self.tr("{sicil} sicilli {role} eklendi: {name}.").format(
                sicil=o.sicil,
                role=self.tr("idare amiri") if o.role == ROLE_SUPERVISOR else self.tr("memur"),
                name=o.name,
            ),
        )

    def reset_password(self) -> OfficerActionDialog | None:
        chosen = self.selected()
        if chosen is None or not self.reset_button.isEnabled():
            return None
        target = chosen.sicil
        return self._open(
            title=self.tr("Parola yenile — {sicil}").format(sicil=target),
            intro=self.tr(
                "{name} ({sicil}) için yeni parola. Eski parola artık geçmez; hesap kilitliyse "
                "açılır ve hatalı giriş sayısı sıfırlanır. Yeni parolayı memura kendiniz "
                "iletin."
            ).format(name=chosen.name, sicil=target),
            confirm=self.tr("Parolayı &yenile"),
            fields=(
                Field("password", self.tr("&Yeni parola"), password=True, max_length=200),
                Field("password2", self.tr("Yeni parola (&tekrar)"), password=True, max_length=200),
            ),
            run=lambda values, sicil, password: self.desk.reset_password(
                target, values["password"], sicil, password
            ),
            done=lambda o: self.tr(
                "{sicil} sicilli memurun parolası yenilendi; hesap açık."
            ).format(sicil=o.sicil),
        )

    def unlock(self) -> OfficerActionDialog | None:
        chosen = self.selected()
        if chosen is None or not self.unlock_button.isEnabled():
            return None
        target = chosen.sicil
        return self._open(
            title=self.tr("Kilidi aç — {sicil}").format(sicil=target),
            intro=self.tr(
                "{name} ({sicil}): {n} / {max} hatalı giriş{locked}. Kilit açılınca sayı "
                "sıfırlanır; memur kendi parolasıyla girer."
            ).format(
                name=chosen.name,
                sicil=target,
                n=chosen.failed_attempts,
                max=MAX_FAILED_ATTEMPTS,
                locked=self.tr(", hesap kilitli") if chosen.locked else "",
            ),
            confirm=self.tr("Kilidi &aç"),
            fields=(),
            run=lambda _values, sicil, password: self.desk.unlock_officer(target, sicil, password),
            done=lambda o: self.tr("{sicil} sicilli memurun kilidi açıldı.").format(sicil=o.sicil),
        )

    def deactivate(self) -> OfficerActionDialog | None:
        chosen = self.selected()
        if chosen is None or not self.deactivate_button.isEnabled():
            return None
        target = chosen.sicil
        return self._open(
            title=self.tr("Devre dışı bırak — {sicil}").format(sicil=target),
            intro=self.tr(
                "{name} ({sicil}) sicilli memurun hesabı devre dışı bırakılacak: giriş "
                "yapamaz, şahitlik ve onay veremez. Kayıtları, raporlardaki adı ve taslakları "
                "silinmez. Bu işlem geri alınamaz."
            ).format(name=chosen.name, sicil=target),
            confirm=self.tr("Devre dışı &bırak"),
            fields=(
                Field("reason", self.tr("&Gerekçe (isteğe bağlı)"), max_length=MAX_REASON_LENGTH),
            ),
            run=lambda values, sicil, password: self.desk.deactivate_officer(
                target, sicil, password, reason=values["reason"], logged_in=self.officer.sicil
            ),
            done=lambda o: self.tr(
                "{sicil} sicilli memurun hesabı devre dışı bırakıldı ({name})."
            ).format(sicil=o.sicil, name=o.name),
        )

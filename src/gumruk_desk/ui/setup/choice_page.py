"""Step 1 of the first run: try a demo station, or set up the real desk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gumruk_desk.ui.setup.fields import ErrorLabel, add_field, new_form

if TYPE_CHECKING:
    from gumruk_desk.ui.setup_wizard import SetupWizard


class ChoicePage(QWizardPage):
    """A deliberate choice (nothing pre-selected): a demo register cannot later become the
    real one, and the real one must not be filled with sample officers by accident."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Gümrük Masası'na hoş geldiniz"))
        self.setSubTitle(
            self.tr("Bu bilgisayarda henüz bir masa kurulmamış. Nasıl başlamak istersiniz?")
        )
        self.demo_button = QRadioButton(self.tr("&Demo istasyonu ile dene"))
        self.demo_button.setObjectName("demo")
        self.real_button = QRadioButton(self.tr("&Gerçek masa kur"))
        self.real_button.setObjectName("real")
        self.group = QButtonGroup(self)
        self.group.addButton(self.demo_button)
        self.group.addButton(self.real_button)
        demo_text = QLabel(
            self.tr(
                "Örnek memurlar ve örnek bir kur bülteni ile hemen deneyin; her formu "
                "doldurabilir ve yazdırabilirsiniz. Ekranda ve her çıktıda DEMO yazar; "
                "kayıtlar gerçek değildir."
            )
        )
        real_text = QLabel(
            self.tr(
                "Gümrük idaresinin ve masanın bilgilerini, ardından ilk idare amirinin "
                "hesabını girin. Masa bilgileri kurulumdan sonra değiştirilemez."
            )
        )
        for text in (demo_text, real_text):
            text.setWordWrap(True)
            text.setIndent(24)
        self.error = ErrorLabel()
        self.passphrase_box = self._passphrase_box()
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_button)
        layout.addWidget(demo_text)
        layout.addSpacing(12)
        layout.addWidget(self.real_button)
        layout.addWidget(real_text)
        layout.addSpacing(12)
        layout.addWidget(self.passphrase_box)
        layout.addStretch(1)
        layout.addWidget(self.error)
        self.group.buttonToggled.connect(self._choice_changed)
        self.fatal = ""

    def _passphrase_box(self) -> QWidget:
        """Shown only where no keyring keeps the register's key: the station passphrase then
        protects it, so it must be set before the register is made (either way)."""
        box = QWidget()
        # Its text is set when it is shown: the register's modules are not imported before
        # the first page has painted.
        self.passphrase_note = note = QLabel()
        note.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("station_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setObjectName("station_passphrase_again")
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        self.passphrase_error = add_field(
            form, self.tr("İstasyon &parolası"), self.passphrase, required=True
        )
        self.passphrase_again_error = add_field(
            form, self.tr("Parola (&tekrar)"), self.passphrase_again, required=True
        )
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(note)
        column.addLayout(form)
        box.hide()
        return box

    def ask_passphrase(self) -> None:
        """No keyring keeps the key here: the station passphrase is asked on this page."""
        from gumruk_desk.services import min_station_passphrase

        self.passphrase_note.setText(
            self.tr(
                "Bu bilgisayarda kayıt defterinin anahtarını saklayacak bir anahtarlık "
                "yok. İdare amiri bir istasyon parolası belirlesin (en az {n} karakter): "
                "program her açılışta bu parolayı sorar."
            ).format(n=min_station_passphrase())
        )
        self.passphrase_box.show()

    def _give_passphrase(self) -> bool:
        """The passphrase typed twice, given to the register before it is made; False (and
        the reason under its field) when it cannot be."""
        from gumruk_desk.errors import RegisterError
        from gumruk_desk.services import give_station_passphrase, min_station_passphrase

        self.passphrase_error.clear_error()
        self.passphrase_again_error.clear_error()
        first, again = self.passphrase.text(), self.passphrase_again.text()
        shortest = min_station_passphrase()
        if len(first) < shortest:
            self.passphrase_error.show_error(
                self.tr("İstasyon parolası en az {n} karakter olmalı.").format(n=shortest)
            )
            self.passphrase.setFocus()
            return False
        if first != again:
            self.passphrase_again_error.show_error(self.tr("İki parola aynı değil."))
            self.passphrase_again.setFocus()
            return False
        try:
            give_station_passphrase(first, self._wizard().home)
        except RegisterError as exc:
            self.passphrase_error.show_error(str(exc))
            return False
        return True

    def show_fatal(self, message: str) -> None:
        """The register cannot be opened: say why; neither way can go on (only İptal)."""
        self.fatal = message
        self.error.show_error(message)
        for button in (self.demo_button, self.real_button):
            button.setEnabled(False)
        self.completeChanged.emit()

    def _wizard(self) -> SetupWizard:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        self.demo_button.setFocus()

    def _choice_changed(self) -> None:
        if self.fatal:
            return
        self.error.clear_error()
        demo = self.demo_button.isChecked()
        # Choosing the demo sets it up at once: "Next" becomes the commit step.
        self.setCommitPage(demo)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Demo istasyonunu &kur"))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.fatal and self.group.checkedButton() is not None

    def nextId(self) -> int:
        from gumruk_desk.ui.setup_wizard import SetupWizard

        return SetupWizard.PAGE_DONE if self.demo_button.isChecked() else SetupWizard.PAGE_STATION

    def validatePage(self) -> bool:
        if self.passphrase_box.isVisible() and not self._give_passphrase():
            return False
        if not self.demo_button.isChecked():
            return True
        message = self._wizard().create_demo()
        if message:
            self.error.show_error(message)
            return False
        return True

"""Step 1 of the first run: try a demo station, or set up the real desk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWizard, QWizardPage

from gumruk_desk.ui.setup.fields import ErrorLabel

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_button)
        layout.addWidget(demo_text)
        layout.addSpacing(12)
        layout.addWidget(self.real_button)
        layout.addWidget(real_text)
        layout.addStretch(1)
        layout.addWidget(self.error)
        self.group.buttonToggled.connect(self._choice_changed)
        self.fatal = ""

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
        if not self.demo_button.isChecked():
            return True
        message = self._wizard().create_demo()
        if message:
            self.error.show_error(message)
            return False
        return True

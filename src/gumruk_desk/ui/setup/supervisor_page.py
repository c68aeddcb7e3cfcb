"""Step 3 of a real set-up: the first supervisor (idare amiri) account; commits the set-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

from gumruk_desk.ui.setup.fields import ErrorLabel, add_field, new_form, required_note

if TYPE_CHECKING:
    from gumruk_desk.ui.setup_wizard import SetupWizard


class SupervisorPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("İlk idare amiri"))
        self.setSubTitle(
            self.tr(
                "Bu hesap kurları, kural setlerini ve masa ayarlarını yönetir; "
                "iptalleri ve defter sayfalarını onaylar."
            )
        )
        self.sicil = QLineEdit()
        self.sicil.setMaxLength(20)
        self.sicil.setPlaceholderText(self.tr("ör. 90001"))
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.officer_title = QLineEdit()
        self.officer_title.setMaxLength(120)
        self.officer_title.setPlaceholderText(self.tr("ör. Gümrük Muhafaza Müdür Yardımcısı"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        self.errors: dict[str, ErrorLabel] = {
            "sicil": add_field(form, self.tr("&Sicil"), self.sicil, required=True),
            "name": add_field(form, self.tr("&Adı soyadı"), self.name, required=True),
            "title": add_field(form, self.tr("&Unvanı"), self.officer_title, required=True),
            "password": add_field(form, self.tr("&Parola"), self.password, required=True),
            "password_again": add_field(
                form, self.tr("Parola (&tekrar)"), self.password_again, required=True
            ),
        }
        self.page_error = ErrorLabel()
        hint = QLabel(self.tr("Parola en az 8 karakter olmalı."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        layout.addWidget(required_note())
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Masayı &kur"))

    def _wizard(self) -> SetupWizard:
        return self.wizard()  # type: ignore[return-value]

    def fields(self) -> dict[str, QLineEdit]:
        return {
            "sicil": self.sicil,
            "name": self.name,
            "title": self.officer_title,
            "password": self.password,
            "password_again": self.password_again,
        }

    def values(self) -> dict[str, str]:
        return {
            "supervisor_sicil": self.sicil.text().strip(),
            "supervisor_name": self.name.text().strip(),
            "supervisor_title": self.officer_title.text().strip(),
            "supervisor_password": self.password.text(),
        }

    def initializePage(self) -> None:
        self.sicil.setFocus()

    def cleanupPage(self) -> None:
        """Going back keeps what was typed."""

    def show_errors(self, routed: dict[str, list[str]]) -> None:
        for label in (*self.errors.values(), self.page_error):
            label.clear_error()
        first = None
        for key, field in self.fields().items():
            if key in routed:
                self.errors[key].show_error(routed[key])
                first = first or field
        if "" in routed:
            self.page_error.show_error(routed[""])
        if first is not None:
            first.setFocus()

    def validatePage(self) -> bool:
        problems: dict[str, list[str]] = {
            key: [self.tr("Bu alan zorunludur.")]
            for key, field in self.fields().items()
            if not field.text().strip()
        }
        if "password_again" not in problems and self.password.text() != (
            self.password_again.text()
        ):
            problems["password_again"] = [self.tr("İki parola aynı değil.")]
        if problems:
            self.show_errors(problems)
            return False
        routed = self._wizard().create_station(self.values())
        if routed:
            self.show_errors(routed)
            return False
        self.show_errors({})
        return True

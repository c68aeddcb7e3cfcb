"""Step 2 of a real set-up: the customs office, the desk, the customs area, the central URL."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWizardPage

from gumruk_desk.ui.setup.fields import ErrorLabel, add_field, new_form, required_note


class StationPage(QWizardPage):
    """Collects the station's values; nothing is stored until the supervisor page commits
    (the service creates station and supervisor in one transaction)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Gümrük idaresi ve masa"))
        self.setSubTitle(
            self.tr(
                "Kayıt numaraları idare ve masa kodunu taşır (ör. GM01-M1-B-2026-000001); "
                "bu bilgiler kurulumdan sonra değiştirilemez."
            )
        )
        self.office_code = QLineEdit()
        self.office_code.setMaxLength(10)
        self.office_code.setPlaceholderText(self.tr("ör. GM01"))
        self.office_name = QLineEdit()
        self.office_name.setMaxLength(200)
        self.office_name.setPlaceholderText(self.tr("ör. İstanbul Havalimanı Gümrük Müdürlüğü"))
        self.desk = QLineEdit()
        self.desk.setMaxLength(10)
        self.desk.setPlaceholderText(self.tr("ör. M1"))
        self.customs_area = QLineEdit()
        self.customs_area.setMaxLength(200)
        self.customs_area.setPlaceholderText(self.tr("ör. Dış Hatlar Geliş Salonu"))
        self.central_url = QLineEdit()
        self.central_url.setMaxLength(300)
        self.central_url.setPlaceholderText(self.tr("https://… (boş bırakılabilir)"))
        form = new_form()
        self.errors: dict[str, ErrorLabel] = {
            "office_code": add_field(
                form, self.tr("Gümrük idaresi &kodu"), self.office_code, required=True
            ),
            "office_name": add_field(
                form, self.tr("Gümrük idaresinin &adı"), self.office_name, required=True
            ),
            "desk": add_field(form, self.tr("&Masa kodu"), self.desk, required=True),
            "customs_area": add_field(form, self.tr("Gümrük &sahası"), self.customs_area),
            "central_url": add_field(form, self.tr("Merkez sistem a&dresi"), self.central_url),
        }
        self.page_error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.page_error)
        hint = QLabel(
            self.tr(
                "Gümrük sahası formlardaki “Formun Düzenlendiği Gümrük Sahası” alanına "
                "yazılır. Merkez sistem adresi kayıtların gönderileceği yerdir."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(required_note())

    def fields(self) -> dict[str, QLineEdit]:
        return {
            "office_code": self.office_code,
            "office_name": self.office_name,
            "desk": self.desk,
            "customs_area": self.customs_area,
            "central_url": self.central_url,
        }

    def values(self) -> dict[str, str]:
        return {key: field.text().strip() for key, field in self.fields().items()}

    def initializePage(self) -> None:
        self.office_code.setFocus()

    def cleanupPage(self) -> None:
        """Going back keeps what was typed (Qt's default would clear registered fields)."""

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.page_error):
            label.clear_error()

    def show_errors(self, routed: dict[str, list[str]]) -> None:
        """Show each message under its field; focus the first field with a problem."""
        self.clear_errors()
        first = None
        for key, field in self.fields().items():
            if key in routed:
                self.errors[key].show_error(routed[key])
                first = first or field
        if "" in routed:
            self.page_error.show_error(routed[""])
        (first or self.office_code).setFocus()

    def validatePage(self) -> bool:
        """Only what the form itself knows: the required fields are filled. The service
        checks the values themselves when the supervisor page commits."""
        values = self.values()
        missing = {
            key: [self.tr("Bu alan zorunludur.")]
            for key in ("office_code", "office_name", "desk")
            if not values[key]
        }
        self.show_errors(missing)
        return not missing

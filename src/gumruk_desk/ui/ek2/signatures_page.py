"""Step 9 — signatures (fields 25-27) and Kaydet.

§G2c: a correct explanation is signed by at least one officer and the person; any other
result by two different officers — the drafting officer and a witnessing officer, who
confirms here with their own password — and the person. The person may refuse to sign; the
refusal and its stated reason are recorded and printed (Law 1918 Art. 54). The witness's
password is used once, for the check, and is never kept (not in the draft, not on disk).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.services import AuthError, Officer
from gumruk_desk.ui.ek2.base import Ek2Page


class SignaturesPage(Ek2Page):
    """Drafting officer (fixed), witness + password, refusal to sign; the commit page."""

    key = "signatures"
    prefixes = ("witness_officer", "witness_password", "signature_refused")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("9. İmzalar ve kayıt"))
        self.setCommitPage(True)
        self.witness_officer: Officer | None = None
        layout = QVBoxLayout(self)
        self.requirement = QLabel(self)
        self.requirement.setObjectName("signatureRequirement")
        self.requirement.setWordWrap(True)
        layout.addWidget(self.requirement)
        form = self.new_form(layout, banner=False)
        self.drafting = QLabel(self)
        self.drafting.setObjectName("draftingOfficer")
        form.addRow(QLabel(self.tr("25. Tanzim eden memur"), self), self.drafting)
        self.witness = QComboBox(self)
        self.witness.setObjectName("witness")
        self.add_row(
            form, self.tr("26. &Şahit memur"), self.witness, "witness_officer", required=False
        )
        self.password = QLineEdit(self)
        self.password.setObjectName("witness_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_row(
            form,
            self.tr("Şahit memurun &parolası"),
            self.password,
            "witness_password",
            required=False,
        )
        self.refused = QCheckBox(self.tr("Kişi tutanağı &imzalamaktan kaçındı"), self)
        self.refused.setObjectName("signature_refused")
        form.addRow(QLabel(self.tr("27. Kişi"), self), self.refused)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("refusal_reason")
        self.reason.setEnabled(False)
        self.add_row(
            form, self.tr("Kaçınma g&erekçesi"), self.reason, "signature_refused", required=False
        )
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        self.witness.currentIndexChanged.connect(self._witness_changed)
        self.refused.toggled.connect(self._refused_toggled)
        self.reason.textChanged.connect(self.changed)

    def _witness_changed(self) -> None:
        self.witness_officer = None
        self.password.setEnabled(bool(self.witness.currentData()))
        self.changed.emit()

    def _refused_toggled(self, on: bool) -> None:
        self.reason.setEnabled(on)
        if on:
            self.reason.setFocus()
        self.changed.emit()

    def fill_officers(self, officers: list[Officer], drafting: Officer) -> None:
        """The officers who may witness: everyone registered but the drafting officer."""
        current = self.witness.currentData()
        self.witness.blockSignals(True)
        self.witness.clear()
        self.witness.addItem(self.tr("— şahit memur yok —"), "")
        for officer in officers:
            if officer.sicil != drafting.sicil and officer.can_sign:
                self.witness.addItem(
                    f"{officer.name} ({officer.sicil}, {officer.title})", officer.sicil
                )
        self.witness.setCurrentIndex(max(self.witness.findData(current), 0))
        self.witness.blockSignals(False)
        self.password.setEnabled(bool(self.witness.currentData()))
        self.drafting.setText(f"{drafting.name} ({drafting.sicil}, {drafting.title})")

    def two_required(self) -> bool:
        result = self.ek2_wizard().result_page.evaluation
        return result is not None and result.outcome.officer_signatures_required >= 2

    def initializePage(self) -> None:
        wizard = self.ek2_wizard()
        self.fill_officers(wizard.desk.officers(), wizard.officer)
        self.page_error.clear_messages()
        if self.two_required():
            self.requirement.setText(
                self.tr(
                    "Açıklama doğru değil: tutanağı iki farklı memur imzalar. Şahit memuru seçin; "
                    "şahit kendi parolasını yazarak onaylar (Genelge 2013/1 G 2/c)."
                )
            )
        else:
            self.requirement.setText(
                self.tr(
                    "Açıklama doğru: tanzim eden memur ve kişi imzalar; şahit memur isteğe bağlı."
                )
            )

    def set_witness(self, sicil: str) -> None:
        self.witness.setCurrentIndex(max(self.witness.findData(sicil), 0))

    # -- page contract -----------------------------------------------------------------------
    def first_field(self) -> QWidget:
        return self.witness

    def contribute(self, record: dict[str, Any]) -> None:
        record["witness_officer"] = self.witness.currentData() or None
        record["signature_refused"] = (
            {"reason": self.reason.text()} if self.refused.isChecked() else None
        )

    def load(self, record: dict[str, Any]) -> None:
        sicil = record.get("witness_officer")
        if sicil and self.witness.findData(sicil) < 0:
            self.witness.addItem(str(sicil), sicil)
        self.set_witness(str(sicil or ""))
        refused = record.get("signature_refused")
        self.refused.setChecked(isinstance(refused, dict))
        self.reason.setText(str((refused or {}).get("reason") or ""))

    def state(self) -> dict[str, Any]:
        # Never the password.
        return {
            "witness": self.witness.currentData() or "",
            "refused": self.refused.isChecked(),
            "reason": self.reason.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.load(
            {
                "witness_officer": state.get("witness") or None,
                "signature_refused": {"reason": state.get("reason") or ""}
                if state.get("refused")
                else None,
            }
        )

    def local_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        sicil = self.witness.currentData()
        if self.two_required() and not sicil:
            problems.append(
                Problem(
                    "witness_officer",
                    self.tr(
                        "Açıklama doğru değil: ikinci bir memur (şahit) seçilmeli "
                        "(Genelge 2013/1 G 2/c)."
                    ),
                )
            )
        if sicil and not self.password.text():
            problems.append(
                Problem(
                    "witness_password",
                    self.tr("Şahit memur kendi parolasını yazarak onaylamalı."),
                )
            )
        if self.refused.isChecked() and not self.reason.text().strip():
            problems.append(
                Problem(
                    "signature_refused",
                    self.tr("Kişinin imzadan kaçınma gerekçesini yazın (1918 s. Kanun m. 54)."),
                )
            )
        return problems

    def validatePage(self) -> bool:
        """Kaydet: every page's problems, the witness's password, then the registration."""
        wizard = self.ek2_wizard()
        self._validated_once = True
        problems = wizard.all_problems()  # this page is one of the data pages
        if not problems and self.witness.currentData():
            try:
                self.witness_officer = wizard.desk.authenticate(
                    str(self.witness.currentData()), self.password.text()
                )
            except AuthError as exc:
                problems = [Problem("witness_password", str(exc))]
        self.password.clear()
        if not problems:
            problems = wizard.register_now()
        self.witness_officer = None
        own = [p for p in problems if self.owns(p.path)]
        self.show_problems(own)
        others = [p for p in problems if not self.owns(p.path)]
        if others:
            self.page_error.set_messages(
                f"{wizard.where(p.path)}: {p.message}" if p.path else p.message for p in others
            )
        if problems:
            self.focus_first_problem()
        return not problems

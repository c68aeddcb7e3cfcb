"""The desk window's status bar: who is at the desk and what the rules stand on.

It always says who is logged in (name, sicil, role), the TCMB bulletin and the rule set in
force, how many records wait for upload, and, on a demo station, a DEMO marker nobody can
miss. The warnings of :meth:`Desk.status` (no bulletin, stale rates, no tolerance for this
year, a rule set the law has moved past) are counted on an amber button that never needs
cutting: hovering shows them whole, a click opens them in a box. The window refreshes the
bar after each registration; a timer refreshes it every minute so that a bulletin going
stale over midnight shows without any action.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QWidget,
)

from gumruk_desk.errors import RegisterError
from gumruk_desk.printing import fmt
from gumruk_desk.services import STALE_AFTER_DAYS, Desk, DeskStatus, Officer, local_now
from gumruk_desk.ui.register_model import AMBER

__all__ = ["REFRESH_MS", "DeskStatusBar", "ElidedLabel", "WarningsButton", "role_label"]

REFRESH_MS = 60_000
"""How often the status is read again without any action (one minute)."""

_CONTEXT = "DeskStatusBar"


def role_label(role: str) -> str:
    labels = {
        "officer": QCoreApplication.translate(_CONTEXT, "Memur"),
        "supervisor": QCoreApplication.translate(_CONTEXT, "Amir"),
    }
    return labels.get(role, role)


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" to the width it gets; the full text
    stays in :meth:`full_text` and the tooltip. Long warnings never widen the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        width = max(0, self.contentsRect().width())
        super().setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width))


class WarningsButton(QPushButton):
    """The status bar's warnings as a short amber button ("⚠ 2 uyarı (ayrıntı)") that never
    needs cutting: the whole text is its tooltip, and a click opens it in a box
    (:attr:`box`), one warning a paragraph. Hidden when there is no warning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._warnings: tuple[str, ...] = ()
        self.box: QMessageBox | None = None
        """The box opened last by a click (None before)."""
        self.setFlat(True)
        self.setAutoDefault(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            f"QPushButton {{ color: {AMBER.name()}; font-weight: bold; border: none;"
            " padding: 0 4px; text-align: left; }"
            " QPushButton:hover { text-decoration: underline; }"
        )
        self.clicked.connect(self.show_box)
        self.hide()

    def warnings(self) -> tuple[str, ...]:
        return self._warnings

    def full_text(self) -> str:
        """Every warning, as the box shows them."""
        return "\n".join(self._warnings)

    def set_warnings(self, warnings: tuple[str, ...] | list[str]) -> None:
        self._warnings = tuple(warnings)
        count = len(self._warnings)
        self.setText(self.tr("⚠ {count} uyarı (ayrıntı)").format(count=count) if count else "")
        self.setToolTip("\n".join(f"• {w}" for w in self._warnings))
        self.setVisible(count > 0)

    def show_box(self) -> QMessageBox | None:
        if not self._warnings:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Uyarılar"),
            "\n\n".join(self._warnings),
            QMessageBox.StandardButton.Ok,
            self.window(),
        )
        box.setObjectName("warningsBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: setattr(self, "box", None))
        self.box = box
        box.open()
        return box


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class DeskStatusBar(QStatusBar):
    """Status of the desk for ``officer``; call :meth:`refresh` after anything changes it.

    Child labels have object names (``demoLabel``, ``officerLabel``, ``bulletinLabel``,
    ``rulesetLabel``, ``pendingLabel``, ``warningsLabel``) so tests and style sheets find them.
    """

    def __init__(self, desk: Desk, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._officer = officer
        self.setSizeGripEnabled(False)
        self.last_status: DeskStatus | None = None

        self.demo_label = QLabel(self.tr("DEMO"), self)
        self.demo_label.setObjectName("demoLabel")
        self.demo_label.setToolTip(
            self.tr("Deneme istasyonu: kayıtlar gerçek değildir, her çıktıda DEMO yazar.")
        )
        self.demo_label.setStyleSheet(
            "QLabel { background-color: #b3261e; color: white; font-weight: bold;"
            " padding: 1px 8px; border-radius: 3px; }"
        )
        self.officer_label = QLabel(self)
        self.officer_label.setObjectName("officerLabel")
        self.bulletin_label = QLabel(self)
        self.bulletin_label.setObjectName("bulletinLabel")
        self.ruleset_label = QLabel(self)
        self.ruleset_label.setObjectName("rulesetLabel")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingLabel")
        self.seizures_label = QLabel(self)
        self.seizures_label.setObjectName("seizuresLabel")
        self.seizures_label.setVisible(False)
        self.warnings_label = WarningsButton(self)
        self.warnings_label.setObjectName("warningsLabel")

        self.addWidget(self.demo_label)
        self.addWidget(self.officer_label)
        for label in (
            self.bulletin_label,
            self.ruleset_label,
            self.pending_label,
            self.seizures_label,
        ):
            self.addWidget(_separator(self))
            self.addWidget(label)
        self.addWidget(_separator(self))
        self.addWidget(self.warnings_label)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    @property
    def timer(self) -> QTimer:
        return self._timer

    def refresh(self) -> DeskStatus | None:
        """Read :meth:`Desk.status` and show it; a register that cannot be read says so in
        the warnings (the window keeps working with what it has)."""
        officer = self._officer
        self.officer_label.setText(
            self.tr("{name} · sicil {sicil} · {role}").format(
                name=officer.name, sicil=officer.sicil, role=role_label(officer.role)
            )
        )
        try:
            status = self._desk.status()
        except RegisterError as exc:
            self.warnings_label.set_warnings(
                [self.tr("Durum okunamadı: {error}").format(error=exc)]
            )
            return None
        self.last_status = status
        self.demo_label.setVisible(status.demo)
        if status.bulletin_date is None:
            self.bulletin_label.setText(self.tr("Kur bülteni: yok"))
        else:
            self.bulletin_label.setText(
                self.tr("Kur bülteni: {date}").format(
                    date=status.bulletin_date.strftime("%d.%m.%Y")
                )
            )
        name = status.ruleset_name
        if name and status.ruleset_status == "draft":
            name = self.tr("{name} (taslak, onaylı)").format(name=name)
        text = (
            self.tr("Kural seti: {name}").format(name=name) if name else self.tr("Kural seti: yok")
        )
        if status.ruleset_notices:
            # The law has moved on: said where the rule set is named, in amber, in two words
            # (the bar must fit 1366 px); what moved on is in the tooltip and the warnings.
            text += self.tr(" — güncel değil")
        self.ruleset_label.setText(text)
        self.ruleset_label.setToolTip("\n".join(status.ruleset_notices))
        self.ruleset_label.setStyleSheet(
            f"QLabel {{ color: {AMBER.name()}; }}" if status.ruleset_notices else ""
        )
        self.pending_label.setText(
            self.tr("Gönderilmeyi bekleyen: {count} kayıt").format(
                count=fmt.count(status.pending_upload)
            )
        )
        self.pending_label.setToolTip(
            self.tr("Merkeze henüz aktarılmamış kayıtlar (toplam {total} kayıt)").format(
                total=fmt.count(status.total_records)
            )
        )
        self.seizures_label.setVisible(status.seizures_pending > 0)
        if status.seizures_overdue:
            self.seizures_label.setText(
                self.tr(
                    "El koyma: {count} yükleme bekliyor, {overdue} tanesinin 24 saati geçti"
                ).format(count=status.seizures_pending, overdue=status.seizures_overdue)
            )
            self.seizures_label.setStyleSheet("QLabel { color: #b3261e; font-weight: bold; }")
        else:
            self.seizures_label.setText(
                self.tr("El koyma: {count} yükleme bekliyor").format(count=status.seizures_pending)
            )
            self.seizures_label.setStyleSheet(f"QLabel {{ color: {AMBER.name()}; }}")
        # Warnings make their own label amber; the bulletin label turns amber with them when
        # the rates themselves are the problem, so the eye lands on the right place.
        stale = (
            status.bulletin_date is None
            or (local_now().date() - status.bulletin_date).days > STALE_AFTER_DAYS
        )
        self.bulletin_label.setStyleSheet(f"QLabel {{ color: {AMBER.name()}; }}" if stale else "")
        self.warnings_label.set_warnings((*status.ruleset_notices, *status.warnings))
        return status

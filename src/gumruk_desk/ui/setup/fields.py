"""Form helpers shared by the set-up wizard, the login, lock and settings dialogs.

A field is laid out as "label beside the field, its error in red directly under it" (STYLE:
never only in a pop-up). The services raise an ``InputError`` whose problems carry the paths
of their fields; ``InputError.by_field`` gives each message to the field its path names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

ERROR_COLOR = "#b3261e"
REQUIRED_MARK = " *"


class ErrorLabel(QLabel):
    """Red, word-wrapped text under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, text: str | Sequence[str]) -> None:
        message = text if isinstance(text, str) else " ".join(text)
        self.setText(message)
        self.setVisible(bool(message))

    def clear_error(self) -> None:
        self.setText("")
        self.hide()


def add_field(
    form: QFormLayout, label: str, field: QWidget, *, required: bool = False
) -> ErrorLabel:
    """Add ``label`` beside ``field`` with an :class:`ErrorLabel` directly under the field.

    ``label`` may carry an ``&`` mnemonic; the label's buddy is the field, so Alt+letter
    jumps there. Returns the error label.
    """
    holder = QWidget()
    holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    holder.setFocusProxy(field)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    # Narrow fields (combo, date, number) keep their width; the error under them may use the
    # whole row, so a long message wraps at the row's width and is never cut.
    grows = bool(
        field.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ExpandFlag.value
    )
    if grows:
        column.addWidget(field)
    else:
        column.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    error = ErrorLabel(holder)
    column.addWidget(error)
    caption = QLabel(label + (REQUIRED_MARK if required else ""))
    caption.setBuddy(field)
    form.addRow(caption, holder)
    return error


def required_note() -> QLabel:
    note = QLabel(QCoreApplication.translate("Fields", "* ile işaretli alanlar zorunludur."))
    note.setStyleSheet("color: palette(placeholder-text);")
    return note


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


def open_or_quit(
    dialog: QDialog, on_open: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """Aç / Çık for a dialog before the register is open: Aç tries (``on_open`` accepts the
    dialog once it worked), Çık rejects it and the program ends."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    open_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    open_button.setText(QCoreApplication.translate("Fields", "&Aç"))
    quit_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    quit_button.setText(QCoreApplication.translate("Fields", "Ç&ık"))
    buttons.accepted.connect(on_open)
    buttons.rejected.connect(dialog.reject)
    return buttons, open_button, quit_button

"""What every page of a form wizard (EK-1, EK-2) shares: its share of the record, its draft
state, and showing the domain validator's problems under its own fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget, QWizardPage

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.widgets import ErrorLabel, FieldWithError

if TYPE_CHECKING:
    from gumruk_desk.ui.form_wizard.wizard import FormWizard


def path_belongs(path: str, prefix: str) -> bool:
    """True when the field path ``path`` is ``prefix`` or lies under it (``.x`` or ``[i]``)."""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


class FormPage(QWizardPage):
    """One step of the wizard.

    Subclasses set ``key`` (their name in a draft) and ``prefixes`` (the record paths they
    own), build their fields, and implement ``contribute`` (write their keys into the record
    being assembled), ``load`` (show a record's values), ``state``/``restore`` (every field as
    typed, for drafts) and ``first_field``. ``validatePage`` asks the wizard for the domain
    validator's problems on this page's paths and refuses while there are any.
    """

    key: ClassVar[str] = ""
    prefixes: ClassVar[tuple[str, ...]] = ()
    #: draft keys of pages this one took over: an older draft's state of such a page is
    #: handed to :meth:`restore` under that key
    absorbs: ClassVar[tuple[str, ...]] = ()

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: dict[str, ErrorLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._validated_once = False
        self.page_error = ErrorLabel(self)
        self.page_error.setObjectName(f"{self.key}PageError")
        self.seizure_banner = QLabel(self)
        self.seizure_banner.setObjectName("seizureBanner")
        self.seizure_banner.setWordWrap(True)
        self.seizure_banner.setStyleSheet(
            "QLabel { background: #fbe9e7; color: #8c1d18; border: 1px solid #b3261e;"
            " padding: 4px 6px; font-weight: bold; }"
        )
        self.seizure_banner.setVisible(False)
        self.changed.connect(self._revalidate)

    # -- to implement ------------------------------------------------------------------------
    def first_field(self) -> QWidget:
        raise NotImplementedError

    def contribute(self, record: dict[str, Any]) -> None:
        raise NotImplementedError

    def load(self, record: dict[str, Any]) -> None:
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        raise NotImplementedError

    def restore(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def local_problems(self) -> list[Problem]:
        """Problems a widget sees before the validator can (an unreadable date or amount, a
        country text that names nothing), with the record path they belong to."""
        return []

    # -- layout helpers ----------------------------------------------------------------------
    def form_wizard(self) -> FormWizard:
        return self.wizard()  # type: ignore[return-value]

    def new_form(self, layout: QVBoxLayout, *, banner: bool = True) -> QFormLayout:
        """A form layout (labels beside fields, wrapping at narrow widths), under the seizure
        banner unless ``banner`` is false (the page placed the banner itself)."""
        if banner:
            layout.addWidget(self.seizure_banner)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(form)
        return form

    def add_row(
        self,
        form: QFormLayout,
        label: str,
        field: QWidget,
        path: str,
        *,
        required: bool = True,
    ) -> FieldWithError:
        """A labelled row whose error label receives the problems at ``path`` (and below)."""
        holder = FieldWithError(field, self)
        holder.error.setObjectName(f"error:{path}")
        text = f"{label} *" if required else label
        caption = QLabel(text, self)
        first = getattr(field, "first", None)  # a group of radio buttons: its first one
        caption.setBuddy(first() if callable(first) else field)
        form.addRow(caption, holder)
        self._errors[path] = holder.error
        self._fields[path] = field
        return holder

    def register_error(self, path: str, label: ErrorLabel, field: QWidget | None = None) -> None:
        label.setObjectName(f"error:{path}")
        self._errors[path] = label
        if field is not None:
            self._fields[path] = field

    def error_label(self, path: str) -> ErrorLabel:
        return self._errors[path]

    @staticmethod
    def heading_font(widget: QWidget) -> QFont:
        font = QFont(widget.font())
        font.setBold(True)
        return font

    # -- problems ----------------------------------------------------------------------------
    def owns(self, path: str) -> bool:
        return any(path_belongs(path, prefix) for prefix in self.prefixes)

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Put every message under the field whose path is the longest prefix of its path."""
        routed: dict[str, list[str]] = {path: [] for path in self._errors}
        loose: list[str] = []
        for problem in problems:
            target = max(
                (p for p in self._errors if path_belongs(problem.path, p)), key=len, default=None
            )
            if target is None:
                loose.append(problem.message)
            else:
                routed[target].append(problem.message)
        for path, label in self._errors.items():
            label.set_messages(routed[path])
        self.page_error.set_messages(loose)

    def current_problems(self) -> list[Problem]:
        """This page's problems now: the widgets' own first, then the validator's for paths
        the widgets have not already explained."""
        local = self.local_problems()
        explained = {p.path for p in local}
        found = self.form_wizard().validation_problems()
        return local + [p for p in found if self.owns(p.path) and p.path not in explained]

    def validatePage(self) -> bool:
        self._validated_once = True
        problems = self.current_problems()
        self.show_problems(problems)
        if problems:
            self.focus_first_problem()
        return not problems

    def _revalidate(self) -> None:
        # Once the officer has been told what is wrong, the messages follow the corrections.
        if self._validated_once and self.wizard() is not None:
            self.show_problems(self.current_problems())

    def focus_first_problem(self) -> None:
        for path, label in self._errors.items():
            field = self._fields.get(path)
            if label.messages() and field is not None and field.isEnabled():
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def set_seizure(self, seizure: bool, text: str = "") -> None:
        """Show (with ``text``) or hide the red banner saying the record is a seizure."""
        if text:
            self.seizure_banner.setText(text)
        self.seizure_banner.setVisible(seizure)


class InfoPage(FormPage):
    """A page that shows and holds no record data (a review, a result, the registered
    record): nothing to contribute, load, keep in a draft or restore."""

    def contribute(self, record: dict[str, Any]) -> None:
        return None

    def load(self, record: dict[str, Any]) -> None:
        return None

    def state(self) -> dict[str, Any]:
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        return None

"""First run: a demo station in one step, or the real desk (station + first supervisor).

The wizard stores nothing itself: it calls ``Desk.init_demo()`` or ``Desk.setup_station()``,
each one transaction, and shows the service's Turkish messages under the fields they concern.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget, QWizard

from gumruk_desk.ui.setup.choice_page import ChoicePage
from gumruk_desk.ui.setup.done_page import DonePage
from gumruk_desk.ui.setup.station_page import StationPage
from gumruk_desk.ui.setup.supervisor_page import SupervisorPage

if TYPE_CHECKING:
    from gumruk_desk.services import Desk


class SetupWizard(QWizard):
    """``demo`` tells afterwards which path was taken; the station exists once the wizard
    reaches its last page (``desk.is_set_up()``)."""

    PAGE_CHOICE, PAGE_STATION, PAGE_SUPERVISOR, PAGE_DONE = range(4)

    def __init__(
        self,
        desk: Desk | None,
        parent: QWidget | None = None,
        *,
        open_desk: Callable[[], Desk] | None = None,
        home: str | Path | None = None,
    ) -> None:
        """Without ``desk`` (the register is still being opened behind the first page),
        ``open_desk`` gives it when a page needs it. ``home`` is the data folder a station
        passphrase is given for (:meth:`ask_passphrase`)."""
        super().__init__(parent)
        self.home = home
        self._desk = desk
        self._open_desk = open_desk
        self.demo = False
        self.supervisor_sicil = ""
        self.setWindowTitle(self.tr("Gümrük Masası — ilk kurulum"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # Nothing to go back to on the first page: no greyed Geri there (its Alt+G is also
        # the real desk's "&Gerçek masa kur").
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Giriş ekranına geç"))
        # Qt's catalogue says "&Sonraki >", whose Alt+S the station page's "Gümrük &sahası"
        # needs; "İ&leri >" is also what the form wizards say.
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("İ&leri >"))
        self.choice_page = ChoicePage()
        self.station_page = StationPage()
        self.supervisor_page = SupervisorPage()
        self.done_page = DonePage()
        self.setPage(self.PAGE_CHOICE, self.choice_page)
        self.setPage(self.PAGE_STATION, self.station_page)
        self.setPage(self.PAGE_SUPERVISOR, self.supervisor_page)
        self.setPage(self.PAGE_DONE, self.done_page)
        self.setStartId(self.PAGE_CHOICE)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)

    @property
    def desk(self) -> Desk:
        """The register (opened now if need be; raises ``RegisterError``)."""
        if self._desk is None:
            if self._open_desk is None:
                raise RuntimeError("SetupWizard has neither a desk nor a way to open one")
            self._desk = self._open_desk()
        return self._desk

    def set_desk(self, desk: Desk) -> None:
        self._desk = desk

    def ask_passphrase(self) -> None:
        """No keyring keeps the register's key here: the first page asks the supervisor for
        the station passphrase, given before the register is made."""
        self.choice_page.ask_passphrase()

    def show_fatal(self, message: str) -> None:
        """The register cannot be opened: say why on the first page; only closing is left."""
        self.choice_page.show_fatal(message)

    def create_demo(self) -> str:
        """Set up the demo station; an empty string, or the Turkish reason it failed."""
        from gumruk_desk.domain.rates import RatesError
        from gumruk_desk.errors import OfficerError, PassphraseNeeded, RegisterError, StationError

        try:
            self.desk.init_demo()
        except PassphraseNeeded as exc:
            self.ask_passphrase()  # found out only now (the register opened on demand)
            return str(exc)
        except (StationError, OfficerError, RatesError, RegisterError) as exc:
            return str(exc)
        self.demo = True
        return ""

    def create_station(self, supervisor: dict[str, str]) -> dict[str, list[str]]:
        """Set up the real station with its first supervisor.

        Returns {} on success, else the supervisor page's problems by field key. A problem
        with the station's own values sends the officer back to the station page, where the
        messages appear under their fields.
        """
        from gumruk_desk.errors import OfficerError, RegisterError, StationError

        try:
            self.desk.setup_station(**self.station_page.values(), **supervisor)
        except StationError as exc:
            self.back()
            self.station_page.show_errors(exc.by_field(self.station_page.errors))
            return {"": [self.tr("Masa bilgilerinde düzeltilmesi gereken yerler var.")]}
        except OfficerError as exc:
            return exc.by_field(self.supervisor_page.errors)
        except RegisterError as exc:
            return {"": [str(exc)]}
        self.demo = False
        self.supervisor_sicil = supervisor["supervisor_sicil"]
        return {}

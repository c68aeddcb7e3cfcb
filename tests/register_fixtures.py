"""A throwaway, initialised register for each test that asks for one."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from factories import tcmb_xml
from gumruk_desk.services import Desk

OFFICER, OFFICER_PW = "12345", "parola-12345"
WITNESS, WITNESS_PW = "12346", "parola-12346"
SUPERVISOR, SUPERVISOR_PW = "90001", "amir-parola-1"


def setup_register(home: Path) -> None:
    with Desk(home, create=True) as desk:
        desk.init_station(
            office_code="GM01",
            office_name="İstanbul Havalimanı Gümrük Müdürlüğü",
            desk="M1",
            customs_area="Dış Hatlar Geliş Salonu",
        )
        desk.add_officer(
            sicil=OFFICER, name="Ayşe Yılmaz", title="Gümrük Muhafaza Memuru", password=OFFICER_PW
        )
        desk.add_officer(
            sicil=WITNESS, name="Mehmet Öztürk", title="Gümrük Muhafaza Memuru", password=WITNESS_PW
        )
        desk.add_officer(
            sicil=SUPERVISOR,
            name="Zeynep Kaya",
            title="Gümrük Müdür Yardımcısı",
            password=SUPERVISOR_PW,
            supervisor=True,
        )
        today = datetime.date.today()
        # An older bulletin too, for paper forms filled on earlier days.
        desk.import_rates(tcmb_xml(today - datetime.timedelta(days=3)))
        desk.import_rates(tcmb_xml(today))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "desk-home"
    setup_register(path)
    return path


@pytest.fixture
def desk(home: Path) -> Iterator[Desk]:
    with Desk(home) as opened:
        yield opened

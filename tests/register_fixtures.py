"""A throwaway, initialised register for each test that asks for one.

Setting a register up (every migration, the station, three officers' scrypt hashes, two rate
bulletins) costs far more than the test that uses it, so it is done once per session, into a
template, and each test gets a byte-for-byte copy of that folder. The copies are identical,
per-event uuids and password salts included: a test that needs two distinct desks side by
side calls :func:`setup_register` for the second one itself. The copies share the template's
key too: each test's in-memory keyring is given it (:func:`home`).
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import keyring
import pytest

from factories import tcmb_xml
from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.register import keys
from gumruk_desk.register.models import Officer
from gumruk_desk.services import Desk

OFFICER, OFFICER_PW = "12345", "parola-12345"
WITNESS, WITNESS_PW = "12346", "parola-12346"
SUPERVISOR, SUPERVISOR_PW = "90001", "amir-parola-1"


def setup_register(home: Path, today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
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
        # An older bulletin too, for paper forms filled on earlier days.
        desk.import_rates(tcmb_xml(today - datetime.timedelta(days=3)))
        desk.import_rates(tcmb_xml(today))


def keyring_entry(home: Path) -> tuple[str, str, str]:
    """(service, user, secret) of the register's key in the current keyring."""
    info = keys.read_info(home)
    assert info is not None and info.protector == keys.KEYRING, "the register has no key"
    user = f"register-key:{info.id}"
    secret = keyring.get_password(keys.KEYRING_SERVICE, user)
    assert secret is not None, "the register's key is not in the keyring"
    return keys.KEYRING_SERVICE, user, secret


Template = tuple[Path, tuple[str, str, str]]


@pytest.fixture(scope="session")
def register_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Template]:
    """The template register for today's date, and its key's keyring entry: the rates it
    holds are today's, so a session running past midnight sets up a new one rather than
    hand out yesterday's bulletin."""
    templates: dict[datetime.date, Template] = {}

    def template() -> Template:
        today = datetime.date.today()
        if today not in templates:
            path = tmp_path_factory.mktemp("register-template") / "desk-home"
            setup_register(path, today)
            # The desk is closed, so SQLite has checkpointed its write-ahead log into the file
            # and removed it: the file alone is the whole register. A log left behind means a
            # connection is still open, and a copy taken now might miss committed work.
            leftovers = sorted(p.name for p in path.iterdir() if p.name.endswith(("-wal", "-shm")))
            assert not leftovers, f"the template register is still open: {leftovers}"
            templates[today] = (path, keyring_entry(path))
        return templates[today]

    return template


@pytest.fixture
def home(tmp_path: Path, register_template: Callable[[], Template], memory_keyring: Any) -> Path:
    path = tmp_path / "desk-home"
    template, (service, user, secret) = register_template()
    # copy2 keeps the files' bytes and modes; copytree gives the folder its mode too, so a
    # copy is as private as a register set up in place.
    shutil.copytree(template, path)
    memory_keyring.items[(service, user)] = secret
    return path


@pytest.fixture
def desk(home: Path) -> Iterator[Desk]:
    with Desk(home) as opened:
        yield opened


class _Shows(Protocol):
    def show(self, number: str) -> dict[str, Any] | RegisteredRecord | None: ...


def record_of(desk: _Shows, number: str) -> dict[str, Any]:
    """The record's JSON (SPEC §9) as ``show`` gives it, through the services or the
    standard-library reader, for a test that knows it was registered."""
    record = desk.show(number)
    assert record is not None, f"{number} kayıtta yok"
    return record if isinstance(record, dict) else record.to_json()


def officer_of(desk: Desk, sicil: str) -> Officer:
    """The officer's row, for a test that knows the sicil is on the roll."""
    found = desk.officer(sicil)
    assert found is not None, f"sicil {sicil} kayıtlı değil"
    return found

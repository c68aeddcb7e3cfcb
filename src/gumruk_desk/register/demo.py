"""A demo station, so that a newcomer can try every form at once.

Its station row says ``demo``: the window shows DEMO and every printout carries it. The
sample bulletin's rates (``resources/demo/``) are invented; it is stored dated on the day the demo
is set up, with source ``demo``, so the forms can be tried without a stale-rates warning on
that day.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from sqlalchemy.orm import Session

from gumruk_desk.domain.rates import parse_tcmb_xml
from gumruk_desk.register import officers, rates_store, station
from gumruk_desk.register.models import Station
from gumruk_desk.resources import resource_path


@dataclass(frozen=True)
class DemoOfficer:
    sicil: str
    name: str
    title: str
    password: str  # a demo station's passwords are public by design
    supervisor: bool


DEMO_OFFICERS = (
    DemoOfficer("10001", "Ayşe Yıldız", "Gümrük Muhafaza Memuru", "demo-10001", False),
    DemoOfficer("10002", "İsmail Çağlar", "Gümrük Muhafaza Memuru", "demo-10002", False),
    DemoOfficer("19001", "Şükrü Öztürk", "Gümrük Muhafaza Müdür Yardımcısı", "demo-19001", True),
)
DEMO_STATION = {
    "office_code": "DEMO",
    "office_name": "Deneme Gümrük Müdürlüğü (DEMO)",
    "desk": "M1",
    "customs_area": "Deneme Havalimanı Yolcu Salonu",
    "central_url": "",
}


def init_demo(session: Session, today: datetime.date) -> Station:
    """Create the demo station, its officers and rates in the caller's transaction."""
    created, _ = station.init_station(session, **DEMO_STATION, demo=True)
    for o in DEMO_OFFICERS:
        if officers.find_officer(session, o.sicil) is None:
            officers.add_officer(
                session,
                sicil=o.sicil,
                name=o.name,
                title=o.title,
                password=o.password,
                supervisor=o.supervisor,
            )
    sample = parse_tcmb_xml(resource_path("demo", "tcmb-bulletin-sample.xml").read_bytes())
    rates_store.store_bulletin(
        session, dataclasses.replace(sample, date=today, number=f"DEMO-{today:%Y%m%d}"), "demo"
    )
    return created

"""The station (office, desk, customs area, central URL) this register belongs to."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from gumruk_desk.domain.problems import Problem
from gumruk_desk.domain.rates import RateColumn
from gumruk_desk.errors import StationError as StationError
from gumruk_desk.register import chain
from gumruk_desk.register.models import Station

_CODE_RE = re.compile(r"^[A-Z0-9]{1,10}$")


def get_station(session: Session) -> Station | None:
    return session.get(Station, 1)


def init_station(
    session: Session,
    *,
    office_code: str,
    office_name: str,
    desk: str,
    customs_area: str = "",
    central_url: str = "",
    rate_column: str = RateColumn.BANKNOTE_BUYING.value,
    demo: bool = False,
) -> tuple[Station, bool]:
    """Create the station; the same values again are accepted (returns created=False)."""
    office_code, desk = office_code.strip().upper(), desk.strip().upper()
    problems: list[Problem] = []
    if not _CODE_RE.match(office_code):
        problems.append(
            Problem("office_code", "Gümrük idaresi kodu 1-10 büyük harf veya rakam olmalı.")
        )
    if not _CODE_RE.match(desk):
        problems.append(Problem("desk", "Masa kodu 1-10 büyük harf veya rakam olmalı."))
    if not office_name.strip():
        problems.append(Problem("office_name", "Gümrük idaresinin adı boş olamaz."))
    # What the boxes of the printed forms hold (the office and the customs area are printed
    # on every document).
    if len(" ".join(office_name.split())) > 100:
        problems.append(
            Problem("office_name", "Gümrük idaresinin adı en fazla 100 karakter olabilir.")
        )
    if len(" ".join(customs_area.split())) > 100:
        problems.append(Problem("customs_area", "Gümrük sahası en fazla 100 karakter olabilir."))
    if central_url:
        parsed = urlparse(central_url)
        if parsed.scheme not in ("https", "http") or not parsed.netloc:
            problems.append(Problem("central_url", "Merkez adresi http(s)://… biçiminde olmalı."))
    try:
        RateColumn(rate_column)
    except ValueError:
        problems.append(
            Problem(
                "rate_column",
                "Kur sütunu BanknoteBuying, ForexBuying, ForexSelling veya BanknoteSelling olmalı.",
            )
        )
    if problems:
        raise StationError(problems)
    wanted = {
        "office_code": office_code,
        "office_name": " ".join(office_name.split()),
        "desk_code": desk,
        "customs_area": " ".join(customs_area.split()),
        "central_url": central_url,
        "rate_column": rate_column,
        "demo": demo,
    }
    existing = get_station(session)
    if existing is not None:
        same = all(getattr(existing, k) == v for k, v in wanted.items())
        if not same:
            raise StationError(
                f"Bu kayıt defteri zaten {existing.office_code}/{existing.desk_code} masası "
                "için kurulmuş; masa bilgileri kurulumdan sonra değiştirilemez."
            )
        return existing, False
    station = Station(id=1, created_at=chain.now_iso(), **wanted)
    session.add(station)
    session.flush()
    chain.append_event(session, chain.STATION_INITIALISED, wanted)
    return station, True

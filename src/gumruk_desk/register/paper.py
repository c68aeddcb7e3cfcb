"""The paper fallback (Genelge 2013/1, Ortak hükümler 4 and 6): numbers reserved in blocks
for forms printed blank in advance, numbers voided (a spoilt sheet), and the reconciliation
of every reserved number — used by a back-entered record, voided, or missing.

A reserved number is a number of the paper series (``KB`` for EK-1, ``KA`` for EK-2), so the
form filled on paper is registered later under the very number printed on it. Blocks and
voids are events of the chain (append-only, hashed); a paper form that comes without a
reserved number still gets the next number of its series, above every reserved one.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.domain.chainspec import (
    PAPER_BLOCK_RESERVED as PAPER_BLOCK_RESERVED,
    PAPER_NUMBER_VOIDED as PAPER_NUMBER_VOIDED,
)
from gumruk_desk.errors import PaperError as PaperError
from gumruk_desk.register import chain, db
from gumruk_desk.register.models import Officer, Station
from gumruk_desk.register.officers import ROLE_SUPERVISOR

SERIES = {"nakit_beyan": "KB", "nakit_aciklama": "KA"}
BLOCK_MAX = 500
_NUMBER = re.compile(
    r"^(?P<office>.+)-(?P<desk>[^-]+)-(?P<series>KB|KA)-(?P<year>\d{4})-(?P<seq>\d{6})$"
)


@dataclass
class Block:
    kind: str
    series: str
    year: int
    first_seq: int
    last_seq: int
    reserved_by: str
    reserved_at: str
    numbers: list[str] = field(default_factory=list)
    used: dict[str, str] = field(default_factory=dict)  # paper number → register number
    voided: dict[str, str] = field(default_factory=dict)  # paper number → reason

    @property
    def missing(self) -> list[str]:
        return [n for n in self.numbers if n not in self.used and n not in self.voided]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "series": self.series,
            "year": self.year,
            "first": self.numbers[0],
            "last": self.numbers[-1],
            "reserved_by": self.reserved_by,
            "reserved_at": self.reserved_at,
            "used": self.used,
            "voided": self.voided,
            "missing": self.missing,
        }


def number_of(station: Station, series: str, year: int, seq: int) -> str:
    return f"{station.office_code}-{station.desk_code}-{series}-{year}-{seq:06d}"


def parse(number: str) -> dict[str, str] | None:
    match = _NUMBER.match(number.strip().upper())
    return match.groupdict() if match else None


def _events(unit: db.Unit, kind: str) -> list[tuple[str, str, str]]:
    # Literal kinds: SQLite uses the partial indexes of migration 0007.
    sql = {
        PAPER_BLOCK_RESERVED: (
            "SELECT actor, at, payload FROM event WHERE kind = 'paper_block_reserved' ORDER BY seq"
        ),
        PAPER_NUMBER_VOIDED: (
            "SELECT actor, at, payload FROM event WHERE kind = 'paper_number_voided' ORDER BY seq"
        ),
    }[kind]
    return list(db.cursor(unit).execute(sql).fetchall())


def max_reserved(unit: db.Unit, series: str, year: int) -> int:
    last = 0
    for _actor, _at, payload in _events(unit, PAPER_BLOCK_RESERVED):
        data = json.loads(payload)
        if data["series"] == series and data["year"] == year:
            last = max(last, int(data["last_seq"]))
    return last


def is_reserved(unit: db.Unit, station: Station, number: str) -> bool:
    parts = parse(number)
    if parts is None or (parts["office"], parts["desk"]) != (
        station.office_code,
        station.desk_code,
    ):
        return False
    seq, year = int(parts["seq"]), int(parts["year"])
    for _actor, _at, payload in _events(unit, PAPER_BLOCK_RESERVED):
        data = json.loads(payload)
        if (
            data["series"] == parts["series"]
            and data["year"] == year
            and data["first_seq"] <= seq <= data["last_seq"]
        ):
            return True
    return False


def voided_reason(unit: db.Unit, number: str) -> str | None:
    number = number.strip().upper()
    for _actor, _at, payload in _events(unit, PAPER_NUMBER_VOIDED):
        data = json.loads(payload)
        if data["number"] == number:
            return str(data["reason"])
    return None


def reserve(
    session: Session,
    station: Station,
    *,
    kind: str,
    count: int,
    actor: Officer,
    now: datetime.datetime,
) -> Block:
    """Reserve the next ``count`` numbers of the paper series of ``kind`` this year."""
    if actor.role != ROLE_SUPERVISOR:
        raise PaperError("Kâğıt form numarası bloğunu amir ayırır.")
    if kind not in SERIES:
        raise PaperError(f"Form türü '{kind}' tanınmıyor.")
    if not 1 <= count <= BLOCK_MAX:
        raise PaperError(f"Bir blokta 1 ile {BLOCK_MAX} arasında numara ayrılır.")
    series, year = SERIES[kind], now.year
    used = (
        db.cursor(session)
        .execute(
            "SELECT max(seq) FROM record WHERE series = ? AND office = ? AND desk = ? AND year = ?",
            (series, station.office_code, station.desk_code, year),
        )
        .fetchone()[0]
    )
    first = max(int(used or 0), max_reserved(session, series, year)) + 1
    last = first + count - 1
    at = now.isoformat(timespec="seconds")
    chain.append_event(
        session,
        PAPER_BLOCK_RESERVED,
        {
            "kind": kind,
            "series": series,
            "year": year,
            "first_seq": first,
            "last_seq": last,
            "first": number_of(station, series, year, first),
            "last": number_of(station, series, year, last),
        },
        actor=actor.sicil,
        at=at,
    )
    return Block(
        kind,
        series,
        year,
        first,
        last,
        actor.sicil,
        at,
        [number_of(station, series, year, s) for s in range(first, last + 1)],
    )


def void(
    session: Session,
    station: Station,
    number: str,
    *,
    reason: str,
    actor: Officer,
    now: datetime.datetime,
) -> None:
    """Void a reserved paper number that will never carry a form (a spoilt sheet)."""
    number = number.strip().upper()
    reason = " ".join(reason.split())
    if actor.role != ROLE_SUPERVISOR:
        raise PaperError("Kâğıt form numarasını amir iptal eder (boşa çıkarır).")
    if not reason:
        raise PaperError("Numaranın neden kullanılmayacağını yazın.")
    if not is_reserved(session, station, number):
        raise PaperError(f"{number} bu masaya ayrılmış bir kâğıt form numarası değil.")
    if voided_reason(session, number) is not None:
        raise PaperError(f"{number} zaten boşa çıkarılmış.")
    used = (
        db.cursor(session)
        .execute("SELECT number FROM record WHERE number = ? OR paper_number = ?", (number, number))
        .fetchone()
    )
    if used is not None:
        raise PaperError(f"{number} numaralı kâğıt form kayda girilmiş; boşa çıkarılamaz.")
    chain.append_event(
        session,
        PAPER_NUMBER_VOIDED,
        {"number": number, "reason": reason},
        actor=actor.sicil,
        at=now.isoformat(timespec="seconds"),
    )


def reconciliation(session: Session, station: Station, year: int | None = None) -> list[Block]:
    """Every reserved block (of ``year``), with each number used, voided or missing."""
    voids = {
        json.loads(p)["number"]: json.loads(p)["reason"]
        for _a, _t, p in _events(session, PAPER_NUMBER_VOIDED)
    }
    blocks = []
    cur = db.cursor(session)
    for actor, at, payload in _events(session, PAPER_BLOCK_RESERVED):
        data = json.loads(payload)
        if year is not None and data["year"] != year:
            continue
        numbers = [
            number_of(station, data["series"], data["year"], s)
            for s in range(data["first_seq"], data["last_seq"] + 1)
        ]
        block = Block(
            data["kind"],
            data["series"],
            data["year"],
            data["first_seq"],
            data["last_seq"],
            actor or "",
            at,
            numbers,
        )
        rows = cur.execute(
            "SELECT paper_number, number FROM record WHERE series = ? AND year = ? AND "
            "office = ? AND desk = ? AND seq BETWEEN ? AND ?",
            (
                data["series"],
                data["year"],
                station.office_code,
                station.desk_code,
                data["first_seq"],
                data["last_seq"],
            ),
        ).fetchall()
        for paper_number, number in rows:
            block.used[number] = number if paper_number == number else paper_number
        block.voided = {n: voids[n] for n in numbers if n in voids}
        blocks.append(block)
    return blocks

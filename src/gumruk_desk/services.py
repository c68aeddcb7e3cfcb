"""The desk's services: the one API the CLI and the GUI both call.

Each method is one unit of work. Errors are typed so that callers can answer in Turkish and
choose an exit code: :class:`InvalidRecord`, :class:`StationError`, :class:`OfficerError`,
:class:`RatesError` are invalid input; :class:`AuthError` is a wrong password or a locked
account; :class:`RegisterError` is an operational failure.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from gumruk_desk.domain.problems import InvalidRecord, Problem
from gumruk_desk.domain.rates import Bulletin
from gumruk_desk.domain.records import ExplanationInput
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.printing import PrintJob, render_pdf
from gumruk_desk.register import chain, officers, rates_store, registry, station
from gumruk_desk.register.db import Database, RegisterError, home_dir
from gumruk_desk.register.models import Officer, Record, Station
from gumruk_desk.register.officers import AuthError

__all__ = ["AuthError", "Desk", "RegisterError"]


@dataclass(frozen=True)
class Rendered:
    """A rendered document, not yet recorded as printed."""

    number: str
    record_id: int
    document: str
    print_no: int
    pdf: bytes


def local_now() -> datetime.datetime:
    return datetime.datetime.now().astimezone().replace(microsecond=0)


class Desk:
    """A register opened for use (``create=True`` only for ``init``)."""

    def __init__(self, home: str | Path | None = None, *, create: bool = False) -> None:
        self.db = Database(home_dir(home), create=create)
        self._station: Station | None = None  # immutable once initialised

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- station and officers ----------------------------------------------------------------
    def init_station(self, **settings: Any) -> tuple[Station, bool]:
        with self.db.transaction() as s:
            return station.init_station(s, **settings)

    def station(self) -> Station:
        if self._station is None:
            with self.db.reading() as s:
                self._station = station.get_station(s)
        if self._station is None:
            raise RegisterError("Masa kurulmamış: önce 'gumruk-desk init' çalıştırın.")
        return self._station

    def add_officer(
        self, *, sicil: str, name: str, title: str, password: str, supervisor: bool = False
    ) -> Officer:
        self.station()
        with self.db.transaction() as s:
            return officers.add_officer(
                s, sicil=sicil, name=name, title=title, password=password, supervisor=supervisor
            )

    def authenticate(self, sicil: str, password: str) -> Officer:
        """The officer, or :class:`AuthError`; a failure is recorded in the chain either way."""
        with self.db.transaction() as s:
            officer = officers.authenticate(s, sicil, password)
            message = None if officer else officers.auth_failure_message(s, sicil)
        if officer is None:
            raise AuthError(message)
        return officer

    def unlock_officer(self, sicil: str, supervisor_sicil: str, password: str) -> Officer:
        supervisor = self.authenticate(supervisor_sicil, password)
        with self.db.transaction() as s:
            return officers.unlock(s, sicil, supervisor)

    def officer(self, sicil: str) -> Officer | None:
        with self.db.reading() as s:
            return officers.find_officer(s, sicil)

    # -- rates ---------------------------------------------------------------------------------
    def import_rates(self, data: bytes, actor: str | None = None) -> tuple[Bulletin, bool]:
        with self.db.transaction() as s:
            return rates_store.import_bulletin(s, data, actor=actor)

    def latest_bulletin_date(self) -> datetime.date | None:
        with self.db.reading() as s:
            return rates_store.latest_bulletin_date(s)

    # -- records ------------------------------------------------------------------------------
    def register(
        self,
        data: Any,
        *,
        officer: Officer,
        witness: Officer | None = None,
        manual_rates: dict[str, Decimal] | None = None,
        now: datetime.datetime | None = None,
    ) -> dict[str, Any]:
        """Validate → evaluate → number → store, in one transaction; the registered record.

        ``officer`` (and ``witness``) must come from :meth:`authenticate`.
        """
        now = now or local_now()
        validated = validate_record(data, now.date())
        record = validated.record
        named = record.witness_officer if isinstance(record, ExplanationInput) else None
        if named and (witness is None or witness.sicil != named):
            raise InvalidRecord([Problem("witness_officer", "Şahit memurun kimliği doğrulanmadı.")])
        desk_station = self.station()
        with self.db.transaction() as s:
            registration = registry.register(
                s,
                validated,
                station=desk_station,
                officer=officer,
                witness=witness,
                now=now,
                manual_rates=manual_rates,
            )
        return registration.content

    def show(self, number: str) -> dict[str, Any] | None:
        with self.db.reading() as s:
            record = registry.get_record(s, number.strip().upper())
            return None if record is None else registry.record_json(s, record)

    def list_records(
        self, kind: str | None = None, since: datetime.date | None = None
    ) -> Iterator[dict[str, Any]]:
        with self.db.reading() as s:
            for record in registry.list_records(s, kind, since):
                yield registry.record_json(s, record)

    def search(self, text: str, limit: int = 50) -> list[Record]:
        with self.db.reading() as s:
            return registry.search(s, text, limit)

    def render_document(self, number: str, document: str = "form") -> Rendered:
        """Render a document of a registered record; nothing is recorded yet.

        The second print of the same document of the same record onwards is marked YENİDEN
        BASKI; a cancelled record prints İPTAL on every page. Raises DocumentError or
        LayoutOverflow (Turkish) when it cannot be printed.
        """
        with self.db.reading() as s:
            record = registry.get_record(s, number.strip().upper())
            if record is None:
                raise RegisterError(f"{number} numaralı kayıt yok.")
            content = registry.record_json(s, record)
            print_no = registry.print_count(s, record.id, document) + 1
            row_hash, record_id, found = record.row_hash, record.id, record.number
        pdf = render_pdf(PrintJob(content, document, print_no, row_hash))
        return Rendered(found, record_id, document, print_no, pdf)

    def record_print(self, rendered: Rendered, actor: str | None = None) -> None:
        """Record in the chain that ``rendered`` was printed (after the paper or file exists)."""
        with self.db.transaction() as s:
            if (
                registry.print_count(s, rendered.record_id, rendered.document) + 1
                != rendered.print_no
            ):
                raise RegisterError(
                    "Bu belge bu arada başka bir yerden de yazdırıldı; baskı "
                    "numarası değişti, yeniden yazdırın."
                )
            chain.append_event(
                s,
                chain.PRINTED,
                {
                    "number": rendered.number,
                    "document": rendered.document,
                    "print_no": rendered.print_no,
                    "sha256": hashlib.sha256(rendered.pdf).hexdigest(),
                },
                actor=actor,
                record_id=rendered.record_id,
            )

    def print_document(
        self, number: str, document: str = "form", actor: str | None = None
    ) -> tuple[bytes, int]:
        """Render and record at once (PDF bytes, print number): for callers that hand the
        bytes on immediately, like the print preview."""
        rendered = self.render_document(number, document)
        self.record_print(rendered, actor)
        return rendered.pdf, rendered.print_no

    def verify(self) -> chain.Verification:
        with self.db.reading() as s:
            return chain.verify(s)

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
            with self.db.sessions() as s:
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
        with self.db.transaction() as s:
            return officers.find_officer(s, sicil)

    # -- rates ---------------------------------------------------------------------------------
    def import_rates(self, data: bytes, actor: str | None = None) -> tuple[Bulletin, bool]:
        with self.db.transaction() as s:
            return rates_store.import_bulletin(s, data, actor=actor)

    def latest_bulletin_date(self) -> datetime.date | None:
        with self.db.transaction() as s:
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
        with self.db.transaction() as s:
            record = registry.get_record(s, number.strip().upper())
            return None if record is None else registry.record_json(s, record)

    def list_records(
        self, kind: str | None = None, since: datetime.date | None = None
    ) -> Iterator[dict[str, Any]]:
        with self.db.sessions() as s:
            for record in registry.list_records(s, kind, since):
                yield registry.record_json(s, record)

    def search(self, text: str, limit: int = 50) -> list[Record]:
        with self.db.sessions() as s:
            return registry.search(s, text, limit)

    def print_document(
        self, number: str, document: str = "form", actor: str | None = None
    ) -> tuple[bytes, int]:
        """Render a document of a registered record and record the print in the chain.

        Returns (PDF bytes, print number). The second print of the same document of the same
        record onwards is marked YENİDEN BASKI; a cancelled record prints İPTAL on every page.
        """
        with self.db.transaction() as s:
            record = registry.get_record(s, number.strip().upper())
            if record is None:
                raise RegisterError(f"{number} numaralı kayıt yok.")
            content = registry.record_json(s, record)
            previous = registry.print_count(s, record.id, document)
            job = PrintJob(content, document, previous + 1, record.row_hash)
            pdf = render_pdf(job)  # DocumentError or LayoutOverflow: nothing is recorded
            chain.append_event(
                s,
                chain.PRINTED,
                {
                    "number": record.number,
                    "document": document,
                    "print_no": job.print_no,
                    "pages": pdf.count(b"/Type /Page\n") or None,
                    "sha256": hashlib.sha256(pdf).hexdigest(),
                },
                actor=actor,
                record_id=record.id,
            )
        return pdf, job.print_no

    def verify(self) -> chain.Verification:
        with self.db.sessions() as s:
            return chain.verify(s)

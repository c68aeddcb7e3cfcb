"""The desk's services: the one API the CLI and the GUI both call.

Each method is one unit of work. Errors are typed (``gumruk_desk.errors``, re-exported here)
so that callers can answer in Turkish and choose an exit code: an :class:`InputError`
(:class:`InvalidRecord`, :class:`StationError`, :class:`OfficerError`, :class:`RatesError`
…) is invalid input, its problems naming their fields; :class:`AuthError` is a wrong
password or a locked account; :class:`RegisterError` is an operational failure.

The window imports from here, never from the register: what it needs of the register's
types and limits (the officer, the table's filter and rows, the idle-lock bounds) is
re-exported below.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from gumruk_desk.domain import money
from gumruk_desk.domain.evaluation import Evaluation, ReferencedDeclaration
from gumruk_desk.domain.rates import Bulletin, RateColumn
from gumruk_desk.domain.records import ExplanationInput
from gumruk_desk.domain.registered import RegisteredRecord as RegisteredRecord
from gumruk_desk.domain.rules import RuleSet
from gumruk_desk.domain.tolerance import Proposal
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.errors import (
    AuthError as AuthError,
    CancellationError as CancellationError,
    DraftError as DraftError,
    FilterError as FilterError,
    InputError as InputError,
    InvalidRecord as InvalidRecord,
    LedgerError as LedgerError,
    OfficerError as OfficerError,
    PaperError as PaperError,
    Problem as Problem,
    RatesError as RatesError,
    RegisterError as RegisterError,
    RuleSetError as RuleSetError,
    SettingError as SettingError,
    StationError as StationError,
)
from gumruk_desk.register import (
    browse,
    cancellation,
    chain,
    demo,
    drafts,
    ledger,
    officers,
    outbox,
    paper,
    rates_store,
    registry,
    reports,
    rulesets_store,
    settings,
    station,
)
from gumruk_desk.register.browse import (
    UPLOAD_DEADLINE as UPLOAD_DEADLINE,
    Cancel as Cancel,
    PendingSeizure as PendingSeizure,
    RecordFilter as RecordFilter,
    RecordRow as RecordRow,
)
from gumruk_desk.register.db import Database, home_dir
from gumruk_desk.register.demo import DEMO_OFFICERS as DEMO_OFFICERS
from gumruk_desk.register.drafts import Draft as Draft
from gumruk_desk.register.models import Officer as Officer, Record, Station as Station
from gumruk_desk.register.officers import (
    MAX_FAILED_ATTEMPTS as MAX_FAILED_ATTEMPTS,
    MAX_REASON_LENGTH as MAX_REASON_LENGTH,
    ROLE_SUPERVISOR,
    STATE_ACTIVE as STATE_ACTIVE,
    STATE_DEACTIVATED as STATE_DEACTIVATED,
    STATE_LOCKED as STATE_LOCKED,
    day_of as day_of,
)
from gumruk_desk.register.rulesets_store import RuleSetInfo as RuleSetInfo
from gumruk_desk.register.settings import (
    DEFAULT_IDLE_LOCK_MINUTES as DEFAULT_IDLE_LOCK_MINUTES,
    IDLE_LOCK_MINUTES as IDLE_LOCK_MINUTES,
    MAX_IDLE_LOCK_MINUTES as MAX_IDLE_LOCK_MINUTES,
    MIN_IDLE_LOCK_MINUTES as MIN_IDLE_LOCK_MINUTES,
    valid_idle_lock_minutes as valid_idle_lock_minutes,
)

#: The window's names for two things of the register (a search the officer typed past, an
#: account's state as lists show it).
QueryCancelled = browse.Cancelled
officer_state = officers.state

log = logging.getLogger("gumruk_desk.desk")
STALE_AFTER_DAYS = 4  # SPEC §2: a bulletin older than 4 days warns
CENTRAL_URL_SETTING = "central_url"


@dataclass(frozen=True)
class CashValue:
    """A running TL value of money lines before registration (the register recomputes it)."""

    total_try: Decimal  # of the lines that have a rate
    missing: tuple[str, ...]  # currencies without a rate on that day
    rate_date: datetime.date | None  # the bulletin's date


@dataclass(frozen=True)
class DeskStatus:
    """What the status bar says."""

    station: Station
    demo: bool
    bulletin_date: datetime.date | None
    ruleset_name: str | None
    warnings: tuple[str, ...]
    pending_upload: int
    total_records: int
    seizures_pending: int = 0  # seizures not yet uploaded (SPEC §6)
    seizures_overdue: int = 0  # of which the 24 hours have passed
    #: The law has moved on from the rule set in use (amber in the status bar).
    ruleset_notices: tuple[str, ...] = ()
    ruleset_notices_short: tuple[str, ...] = ()
    ruleset_status: str = "in_force"  # the rule set in use: "in_force" or a confirmed "draft"


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


def needs_station_passphrase(home: str | Path | None = None) -> bool:
    """Whether the register's key is kept under the station passphrase (no keyring on this
    machine) and must be given (:func:`give_station_passphrase`) before a :class:`Desk`
    opens it: the window asks it once at start."""
    from gumruk_desk.register import keys

    return keys.needs_passphrase(home_dir(home))


def give_station_passphrase(passphrase: str, home: str | Path | None = None) -> None:
    """The station passphrase, for this process: unlocks the register's key (KeyUnavailable,
    a RegisterError, when wrong) or, before set-up, protects the key made then."""
    from gumruk_desk.register import keys

    keys.give_passphrase(home_dir(home), passphrase)


def keyring_keeps_keys() -> bool:
    """Whether this machine's keyring keeps the register's key (else a station passphrase
    protects it)."""
    from gumruk_desk.register import keys

    return keys.keyring_works()


def station_passphrase_protects(home: str | Path | None = None) -> bool:
    """Whether the register's key at ``home`` is kept under the station passphrase."""
    from gumruk_desk.register import keys

    info = keys.read_info(home_dir(home))
    return info is not None and info.protector == keys.PASSPHRASE


def min_station_passphrase() -> int:
    from gumruk_desk.register import keys

    return keys.MIN_PASSPHRASE


def recover_register(
    recovery: str, *, passphrase: str | None = None, home: str | Path | None = None
) -> None:
    """Open the register at ``home`` with its recovery key (a new machine, a lost keyring, a
    forgotten station passphrase) and keep its key again: in the keyring, else under
    ``passphrase``, the new station passphrase. KeyUnavailable (PassphraseTooShort for the
    passphrase) when it cannot; nothing changes then."""
    from gumruk_desk.register import keys

    folder = home_dir(home)
    if passphrase is not None:
        keys.set_new_passphrase(folder, passphrase)
    keys.recover(folder, recovery)


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

    def take_recovery_key(self) -> str | None:
        """The recovery key of the register's key when it was made by this open (set-up, or
        an old plain register converted), once: for the supervisor to print and keep apart."""
        from gumruk_desk.register import keys

        return keys.take_recovery_key(self.db.home)

    def rotate_key(self, supervisor: str, password: str) -> tuple[str, list[Path]]:
        """Re-encrypt the register under a new key (a supervisor, with their password);
        recorded in the chain. Returns the new recovery key and any backup left under the
        old key."""
        actor = self.authenticate(supervisor, password)
        _require_supervisor(actor)
        return self.db.rotate_key(actor.sicil)

    def station(self) -> Station:
        if self._station is None:
            with self.db.reading() as s:
                self._station = station.get_station(s)
        if self._station is None:
            raise RegisterError("Masa kurulmamış: önce 'gumruk-desk init' çalıştırın.")
        return self._station

    def is_set_up(self) -> bool:
        try:
            self.station()
        except RegisterError:
            return False
        return True

    def setup_station(
        self,
        *,
        office_code: str,
        office_name: str,
        desk: str,
        customs_area: str = "",
        central_url: str = "",
        supervisor_sicil: str,
        supervisor_name: str,
        supervisor_title: str,
        supervisor_password: str,
    ) -> Station:
        """First run: the station and its first supervisor in one transaction (both or
        neither: a station nobody can log in to is never left behind)."""
        with self.db.transaction() as s:
            created, _ = station.init_station(
                s,
                office_code=office_code,
                office_name=office_name,
                desk=desk,
                customs_area=customs_area,
                central_url=central_url,
            )
            officers.add_officer(
                s,
                sicil=supervisor_sicil.strip(),
                name=supervisor_name,
                title=supervisor_title,
                password=supervisor_password,
                supervisor=True,
            )
        self._station = None
        return created

    def init_demo(self, today: datetime.date | None = None) -> Station:
        """A demo station with sample officers and rates (every screen and printout: DEMO)."""
        with self.db.transaction() as s:
            created = demo.init_demo(s, today or local_now().date())
        self._station = None
        return created

    def officers(self) -> list[Officer]:
        with self.db.reading() as s:
            return list(s.scalars(officers.select_all()))

    def add_officer(
        self,
        *,
        sicil: str,
        name: str,
        title: str,
        password: str,
        supervisor: bool = False,
        approver_sicil: str | None = None,
        approver_password: str = "",
    ) -> Officer:
        """Add an officer. With ``approver_sicil`` (the window always gives one) a supervisor
        authorises it with their password, after the new officer's data has been checked
        (a typing mistake costs no attempt), and is named in the chain as the actor."""
        self.station()
        actor: str | None = None
        if approver_sicil is not None:
            problems = officers.officer_problems(
                sicil=sicil, name=name, title=title, password=password
            )
            if problems:
                raise OfficerError(problems)
            approver = self.authenticate(approver_sicil, approver_password)
            _require_supervisor(approver)
            actor = approver.sicil
        with self.db.transaction() as s:
            return officers.add_officer(
                s,
                sicil=sicil,
                name=name,
                title=title,
                password=password,
                supervisor=supervisor,
                actor=actor,
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

    def reset_password(
        self, sicil: str, new_password: str, supervisor_sicil: str, password: str
    ) -> Officer:
        """A supervisor sets ``sicil``'s new password (which also unlocks the account)."""
        problems = officers.password_problems(new_password)
        if problems:  # before the supervisor's password: a short one costs no attempt
            raise OfficerError(problems)
        supervisor = self.authenticate(supervisor_sicil, password)
        with self.db.transaction() as s:
            return officers.reset_password(s, sicil, new_password, supervisor)

    def deactivate_officer(
        self,
        sicil: str,
        supervisor_sicil: str,
        password: str,
        *,
        reason: str = "",
        logged_in: str | None = None,
    ) -> Officer:
        """A supervisor deactivates ``sicil`` for good (see ``officers.deactivate``);
        ``logged_in``: the officer of the window's session, whose account is refused."""
        supervisor = self.authenticate(supervisor_sicil, password)
        with self.db.transaction() as s:
            return officers.deactivate(s, sicil, supervisor, reason=reason, logged_in=logged_in)

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

    def add_manual_rate(
        self, *, currency: str, try_per_unit: Decimal, day: datetime.date, actor: Officer
    ) -> None:
        """A rate typed by a supervisor for a currency the bulletin of ``day`` lacks (audited)."""
        _require_supervisor(actor)
        column = RateColumn(self.station().rate_column)
        with self.db.transaction() as s:
            rates_store.add_manual_rate(
                s,
                currency=currency,
                try_per_unit=try_per_unit,
                day=day,
                actor=actor.sicil,
                column=column,
            )

    def manual_rates(self, day: datetime.date) -> dict[str, Decimal]:
        with self.db.reading() as s:
            return rates_store.manual_rates_for(s, day)

    def bulletin_rated(self, day: datetime.date) -> frozenset[str]:
        """The currencies the bulletin in force on ``day`` rates in the station's column:
        :meth:`add_manual_rate` refuses them (SPEC §2: by hand only where it has none)."""
        column = RateColumn(self.station().rate_column)
        with self.db.reading() as s:
            table = rates_store.rate_table(s, day, column)
        return frozenset(table.rates) - {"TRY"}

    def value_in_try(self, lines: list[dict[str, Any]], day: datetime.date) -> CashValue:
        """The TL value of ``lines`` (interchange money lines) with the rates a record of
        ``day`` is registered with (:func:`registry.rates_for_record`: the bulletin in force
        first, a supervisor's manual rate only where it has none); lines with an unreadable
        amount are left out. ``day`` is the record's date: a paper form's ``filled_at``."""
        column = RateColumn(self.station().rate_column)
        with self.db.reading() as s:
            table = registry.rates_for_record(registry.reference_data(s, day), day, column)
        values, missing = [], []
        for line in lines:
            code = str(line.get("currency") or "").strip().upper()
            try:
                amount = money.parse_amount(str(line.get("amount") or ""))
            except money.MoneyError:
                continue
            rate = table.get(code)
            if rate is None:
                if code and code not in missing:
                    missing.append(code)
                continue
            values.append(money.mul(amount, rate.try_per_unit))
        return CashValue(money.round_try(money.total(values)), tuple(missing), table.bulletin_date)

    # -- rule sets and settings ------------------------------------------------------------------
    def ruleset_in_force(self, day: datetime.date) -> RuleSet:
        """The rule set registrations of ``day`` use (RuleSetError when there is none)."""
        with self.db.reading() as s:
            return rulesets_store.in_force(s, day)

    def ruleset(self, ruleset_id: str) -> RuleSet:
        """One rule set the desk knows, with the tolerances accepted into it (RuleSetError)."""
        with self.db.reading() as s:
            return rulesets_store.find(s, ruleset_id)

    def confirm_ruleset(self, ruleset_id: str, actor: Officer) -> bool:
        """A supervisor confirms a draft rule set: it applies from its effective date on to
        records registered from now (those registered keep theirs). False if it already
        applied. Audited in the chain."""
        _require_supervisor(actor)
        with self.db.transaction() as s:
            return rulesets_store.confirm_ruleset(s, ruleset_id, actor.sicil)

    def tolerance_proposal(self, ruleset_id: str, year: int) -> Proposal:
        """The müsaade edilen fark of ``year`` the circular's rule gives (RuleSetError)."""
        with self.db.reading() as s:
            return rulesets_store.tolerance_proposal(s, ruleset_id, year)

    def accept_tolerance(self, ruleset_id: str, year: int, actor: Officer) -> Proposal:
        """A supervisor accepts the proposed tolerance of ``year`` into the rule set."""
        _require_supervisor(actor)
        with self.db.transaction() as s:
            return rulesets_store.accept_tolerance(s, ruleset_id, year, actor.sicil)

    def rulesets(self, today: datetime.date | None = None) -> list[RuleSetInfo]:
        with self.db.reading() as s:
            return rulesets_store.ruleset_infos(s, today or local_now().date())

    def load_ruleset(self, data: bytes, actor: Officer) -> RuleSetInfo:
        """Load a rule-set file (supervisor only; RuleSetError in Turkish; audited)."""
        _require_supervisor(actor)
        with self.db.transaction() as s:
            ruleset = rulesets_store.load_ruleset(s, data, actor.sicil)
        return next(i for i in self.rulesets() if i.id == ruleset.id)

    def load_central_ruleset(self, data: bytes, in_force: bool = False) -> bool:
        """A rule set the central system serves (reference data, SPEC §8): stored like a
        supervisor's, with "central" as the actor; a draft the centre sends as in force is
        confirmed by "central". False when nothing changed here."""
        before = {(i.id, i.confirmed_by) for i in self.rulesets()}
        with self.db.transaction() as s:
            rulesets_store.load_from_central(s, data, in_force)
        return {(i.id, i.confirmed_by) for i in self.rulesets()} != before

    def setting(self, key: str) -> str | None:
        with self.db.reading() as s:
            return settings.get(s, key)

    def idle_lock_minutes(self) -> int:
        with self.db.reading() as s:
            return settings.idle_lock_minutes(s)

    def set_idle_lock_minutes(self, minutes: int, actor: Officer) -> None:
        _require_supervisor(actor)
        with self.db.transaction() as s:
            settings.set_idle_lock_minutes(s, minutes, actor.sicil)

    def status(self, today: datetime.date | None = None) -> DeskStatus:
        today = today or local_now().date()
        desk_station = self.station()
        warnings: list[str] = []
        with self.db.reading() as s:
            bulletin = rates_store.bulletin_in_force(s, today)
            rules = rulesets_store.state(s, today)
            warnings.extend(rules.lapsed)
            if rules.problem:
                warnings.append(rules.problem)
            ruleset = rules.ruleset
            pending = browse.pending_upload(s)
            total = browse.count(s, RecordFilter())
            seizures = browse.pending_seizures(s)
        now = local_now()
        overdue = sum(1 for x in seizures if x.time_left(now).total_seconds() <= 0)
        if bulletin is None:
            warnings.append("Yürürlükte kur bülteni yok: kurları yükleyin.")
        elif (today - bulletin.date).days > STALE_AFTER_DAYS:
            warnings.append(
                f"Kur bülteni {bulletin.date:%d.%m.%Y} tarihli, "
                f"{(today - bulletin.date).days} gün eski."
            )
        if ruleset is not None:
            try:
                tolerance = ruleset.tolerance_for(today)
            except RuleSetError as exc:
                warnings.append(str(exc))
            else:
                if not tolerance.defined_for_year:
                    warnings.append(
                        f"{today.year} yılı için müsaade edilen fark tanımlı değil; "
                        f"{tolerance.year} yılının tutarı uygulanıyor."
                    )
        return DeskStatus(
            station=desk_station,
            demo=desk_station.demo,
            bulletin_date=None if bulletin is None else bulletin.date,
            ruleset_name=None if ruleset is None else ruleset.id,
            warnings=tuple(warnings),
            pending_upload=pending,
            total_records=total,
            seizures_pending=len(seizures),
            seizures_overdue=overdue,
            ruleset_notices=rules.notices,
            ruleset_notices_short=rules.notices_short,
            ruleset_status="in_force" if ruleset is None else ruleset.status,
        )

    # -- drafts -------------------------------------------------------------------------------
    def save_draft(
        self, draft_id: str | None, *, kind: str, officer: str, page: int, data: dict[str, Any]
    ) -> str:
        with self.db.transaction() as s:
            return drafts.save(s, draft_id, kind=kind, officer=officer, page=page, data=data)

    def drafts(self, officer: str | None = None) -> list[Draft]:
        with self.db.reading() as s:
            return drafts.all_drafts(s, officer)

    def draft(self, draft_id: str) -> Draft | None:
        with self.db.reading() as s:
            return drafts.get(s, draft_id)

    def discard_draft(self, draft_id: str) -> None:
        with self.db.transaction() as s:
            drafts.discard(s, draft_id)

    # -- browsing -----------------------------------------------------------------------------
    def count_records(self, flt: RecordFilter, *, cancel: Cancel | None = None) -> int:
        """Records matching ``flt``; ``cancel`` may stop the count from another thread
        (it then raises ``browse.Cancelled``)."""
        with self.db.reading() as s:
            return browse.count(s, flt, cancel=cancel)

    def browse(
        self,
        flt: RecordFilter,
        *,
        before_id: int | None = None,
        limit: int = 200,
        cancel: Cancel | None = None,
    ) -> list[RecordRow]:
        """A page of the register, newest first; ``before_id``: the last row already shown;
        ``cancel`` may stop the query from another thread (``browse.Cancelled``)."""
        with self.db.reading() as s:
            return browse.page(s, flt, before_id=before_id, limit=limit, cancel=cancel)

    # -- records ------------------------------------------------------------------------------
    def register(
        self,
        data: Any,
        *,
        officer: Officer,
        witness: Officer | None = None,
        manual_rates: dict[str, Decimal] | None = None,
        now: datetime.datetime | None = None,
        draft_id: str | None = None,
        replaces: str | None = None,
    ) -> RegisteredRecord:
        """Validate → evaluate → number → store, in one transaction; the registered record.

        ``officer`` (and ``witness``) must come from :meth:`authenticate`. ``draft_id``: the
        wizard's draft, removed in the same transaction (a crash leaves it or the record,
        never both or neither). ``replaces``: the cancelled record this one is filled in
        place of (linked in the same transaction).
        """
        now = now or local_now()
        validated = validate_record(data, now.date(), currencies=self.bulletin_currencies(now))
        record = validated.record
        named = record.witness_officer if isinstance(record, ExplanationInput) else None
        if named and (witness is None or witness.sicil != named):
            raise InvalidRecord([Problem("witness_officer", "Şahit memurun kimliği doğrulanmadı.")])
        desk_station = self.station()
        # A plain DB-API transaction: the hot path of the counter (see Database.write).
        with self.db.write() as conn:
            registration = registry.register(
                conn,
                validated,
                station=desk_station,
                officer=officer,
                witness=witness,
                now=now,
                manual_rates=manual_rates,
                replaces=replaces,
            )
            registered = RegisteredRecord.from_json(registration.content, form=record)
            self._check_printable(registered)
            if draft_id:
                drafts.discard(conn, draft_id)
        log.info("registered %s", registration.number)  # the number only: no personal data
        return registered

    @staticmethod
    def _check_printable(record: RegisteredRecord) -> None:
        """Render every document the record prints before it is committed: a record whose
        text would not fit a box is refused (nothing stored, no number used), never kept
        unprintable. The validator's limits make this a second line of defence."""
        from gumruk_desk.printing import PrintJob, render_pdf
        from gumruk_desk.printing.documents import documents_of, overflow_path
        from gumruk_desk.printing.painter import LayoutOverflow

        for document in documents_of(record):
            try:
                render_pdf(PrintJob(record, document, strict=True))
            except LayoutOverflow as exc:
                path = overflow_path(record, exc.what)
                if path in ("declared", "detected", "cash"):
                    advice = (
                        "Kupür dökümü yazıldıysa çıkarın; yoksa bu kadar satır bu belgenin "
                        "kutularına sığmaz."
                    )
                elif path:
                    advice = "Metni kısaltın."
                else:
                    advice = (
                        "Masanın ya da memurun kayıtlı bilgisi bu kutuya sığmıyor; "
                        "amirinize bildirin."
                    )
                raise InvalidRecord([Problem(path, f"{exc} {advice}")]) from None

    def evaluate(
        self,
        data: Any,
        *,
        now: datetime.datetime | None = None,
        manual_rates: dict[str, Decimal] | None = None,
    ) -> Evaluation:
        """What registering ``data`` now would decide (outcome, valuation), with the very
        code :meth:`register` runs; nothing is stored, no number is used. For the wizards'
        result page. Raises :class:`InvalidRecord` as :meth:`register` would.
        """
        now = now or local_now()
        validated = validate_record(data, now.date(), currencies=self.bulletin_currencies(now))
        desk_station = self.station()
        with self.db.reading() as s:
            return registry.evaluate_validated(
                s, validated, station=desk_station, now=now, manual_rates=manual_rates
            )

    def bulletin_currencies(self, now: datetime.datetime | None = None) -> frozenset[str]:
        """The currencies the rate bulletin in force prices: cash, however long ISO 4217 has
        withdrawn them (the validator's ``currencies``)."""
        day = (now or local_now()).date()
        with self.db.reading() as s:
            bulletin = rates_store.bulletin_in_force(s, day)
        return frozenset(bulletin.quotes) if bulletin is not None else frozenset()

    def referenced_declaration(self, number: str) -> ReferencedDeclaration:
        """What the register knows of the Nakit Beyan Formu ``number`` (exit exception)."""
        with self.db.reading() as s:
            return registry.referenced_declaration(s, number.strip().upper())

    def pending_seizures(self) -> list[PendingSeizure]:
        """Seizures not yet uploaded to the central system, oldest deadline first."""
        with self.db.reading() as s:
            return browse.pending_seizures(s)

    # -- cancellation and verification ----------------------------------------------------
    def cancel(
        self,
        number: str,
        *,
        reason: str,
        officer_sicil: str,
        officer_password: str,
        approver_sicil: str,
        approver_password: str,
        copies_collected: int | None = None,
    ) -> RegisteredRecord:
        """Cancel a registered record (§O3): the officer's request and a supervisor's approval,
        each with their own password, in one transaction; the record as it now reads.

        ``copies_collected``: how many signed copies the officer collected back (all of them
        are required; ``None``: the officer confirms all). Raises :class:`AuthError` for a
        wrong password, :class:`CancellationError` when it may not be cancelled.
        """
        officer = self.authenticate(officer_sicil, officer_password)
        approver = self.authenticate(approver_sicil, approver_password)
        with self.db.transaction() as s:
            record = registry.get_record(s, number.strip().upper())
            if record is None:
                raise CancellationError(f"{number} numaralı kayıt yok.")
            content = json.loads(record.content)
            required = int((content.get("outcome") or {}).get("copies") or 0)
            cancellation.cancel(
                s,
                record,
                reason=reason,
                officer=officer,
                approver=approver,
                copies_collected=required if copies_collected is None else copies_collected,
                copies_required=required,
            )
            log.info("cancelled %s (approved by %s)", record.number, approver.sicil)
            return RegisteredRecord.from_json(registry.record_json(s, record))

    def verify_declaration(self, number: str, document: str) -> dict[str, Any]:
        """What a bank may learn of a Nakit Beyan Formu (§G1.2a): genuine, cancelled or
        unknown. A number that is not a declaration, or whose document number differs, is
        "unknown" like a number never given, so the answer says nothing of other people's
        forms."""
        with self.db.reading() as s:
            return registry.verify_declaration(s, number, document)

    def verification_pdf(self, number: str, document: str) -> tuple[dict[str, Any], bytes]:
        """The answer and its printable page for the bank."""
        answer = self.verify_declaration(number, document)
        asked = local_now().isoformat(timespec="seconds")
        from gumruk_desk.printing import reports as reports_print

        return answer, reports_print.render_verification(answer, document.strip(), asked)

    # -- the ledger and the shift report -----------------------------------------------------
    def _station_info(self) -> dict[str, Any]:
        desk_station = self.station()
        return {
            "office": desk_station.office_code,
            "office_name": desk_station.office_name,
            "desk": desk_station.desk_code,
            "demo": desk_station.demo,
        }

    def ledger_pages(self, year: int | None = None) -> list[ledger.LedgerPage]:
        year = year or local_now().year
        with self.db.reading() as s:
            return ledger.pages(s, year)

    def ledger_pdf(self, year: int | None = None, page: int | None = None) -> bytes:
        """The year's ledger (or one page of it) as printed pages."""
        found = self.ledger_pages(year)
        if page is not None:
            found = [p for p in found if p.page == page]
            if not found:
                raise ledger.LedgerError(f"Defterde {page}. sayfa yok.")
        from gumruk_desk.printing import reports as reports_print

        return reports_print.render_ledger(found, self._station_info(), ledger.LINES_PER_PAGE)

    def approve_ledger_page(
        self,
        page: int,
        *,
        approver_sicil: str,
        approver_password: str,
        year: int | None = None,
        expected_digest: str | None = None,
    ) -> ledger.LedgerPage:
        """A supervisor approves (freezes) the first page not yet approved — with
        ``expected_digest``, only as it was shown to them."""
        approver = self.authenticate(approver_sicil, approver_password)
        now = local_now()
        with self.db.transaction() as s:
            return ledger.approve(s, year or now.year, page, approver, now, expected_digest)

    def shift_report(
        self,
        day: datetime.date | None = None,
        officer: str | None = None,
        *,
        start: datetime.datetime | None = None,
        end: datetime.datetime | None = None,
    ) -> dict[str, Any]:
        """The summary of a day (or [start, end)), of one officer when given."""
        day = day or local_now().date()
        start = start or datetime.datetime.combine(day, datetime.time()).astimezone()
        end = end or start + datetime.timedelta(days=1)
        who = ""
        if officer:
            found = self.officer(officer)
            who = f" · {found.name} (sicil {officer})" if found else f" · sicil {officer}"
        title = f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}{who}"
        with self.db.reading() as s:
            return reports.shift_report(s, start, end, officer, title)

    def shift_report_pdf(self, report: dict[str, Any]) -> bytes:
        from gumruk_desk.printing import reports as reports_print

        return reports_print.render_shift_report(report, self._station_info())

    # -- the paper fallback -------------------------------------------------------------------
    def reserve_paper_block(
        self, kind: str, count: int, *, supervisor_sicil: str, supervisor_password: str
    ) -> paper.Block:
        """Reserve the next ``count`` numbers of the paper series for blank forms (§O4)."""
        actor = self.authenticate(supervisor_sicil, supervisor_password)
        desk_station = self.station()
        with self.db.transaction() as s:
            return paper.reserve(
                s, desk_station, kind=kind, count=count, actor=actor, now=local_now()
            )

    def void_paper_number(
        self, number: str, *, reason: str, supervisor_sicil: str, supervisor_password: str
    ) -> None:
        """A reserved paper number that will never carry a form (a spoilt sheet)."""
        actor = self.authenticate(supervisor_sicil, supervisor_password)
        desk_station = self.station()
        with self.db.transaction() as s:
            paper.void(s, desk_station, number, reason=reason, actor=actor, now=local_now())

    def paper_reconciliation(self, year: int | None = None) -> list[paper.Block]:
        desk_station = self.station()
        with self.db.reading() as s:
            return paper.reconciliation(s, desk_station, year)

    def blank_forms_pdf(self, numbers: list[str]) -> bytes:
        """Blank forms pre-numbered with reserved paper numbers, every copy of each."""
        desk_station = self.station()
        with self.db.reading() as s:
            for number in numbers:
                if not paper.is_reserved(s, desk_station, number):
                    raise paper.PaperError(f"{number} bu masaya ayrılmış bir kâğıt numarası değil.")
        from gumruk_desk.domain.records import Kind
        from gumruk_desk.printing import BlankForm, PrintJob
        from gumruk_desk.printing.documents import render_many

        jobs = []
        for number in numbers:
            parts = paper.parse(number)
            assert parts is not None
            form = BlankForm(
                kind=Kind.NAKIT_BEYAN if parts["series"] == "KB" else Kind.NAKIT_ACIKLAMA,
                number=number.strip().upper(),
                office=desk_station.office_code,
                office_name=desk_station.office_name,
                customs_area=desk_station.customs_area or "",
                desk=desk_station.desk_code,
                demo=desk_station.demo,
            )
            jobs.append(PrintJob(form))
        return render_many(jobs)

    # -- the upload (gumruk_desk.sync drives these) ---------------------------------------------
    def sync_head(self) -> tuple[int, str]:
        with self.db.reading() as s:
            return outbox.head(s)

    def sync_hash_at(self, seq: int) -> str | None:
        with self.db.reading() as s:
            return outbox.hash_at(s, seq)

    def sync_batch(self, after_seq: int, limit: int, max_bytes: int) -> list[dict[str, Any]]:
        with self.db.reading() as s:
            return outbox.batch(s, after_seq, limit=limit, max_bytes=max_bytes)

    def sync_record_answers(
        self, sent: list[dict[str, Any]], results: list[dict[str, Any]]
    ) -> tuple[int, int, int]:
        with self.db.transaction() as s:
            return outbox.record_answers(s, sent, results)

    def sync_first_unanswered(self) -> int | None:
        with self.db.reading() as s:
            return outbox.first_unanswered(s)

    def sync_counts(self) -> dict[str, int]:
        with self.db.reading() as s:
            return outbox.counts(s)

    def sync_quarantined(self) -> list[dict[str, Any]]:
        with self.db.reading() as s:
            return outbox.quarantined(s)

    def central_url(self) -> str:
        """Where this desk uploads: a supervisor's setting, else the set-up value."""
        return self.setting(CENTRAL_URL_SETTING) or self.station().central_url or ""

    def set_central_url(self, url: str, actor: Officer) -> None:
        """A supervisor points the desk at a (new) central system; audited in the chain."""
        _require_supervisor(actor)
        from gumruk_desk.sync import plain_http_allowed

        url = url.strip()
        if url and not (
            url.startswith("https://") or (url.startswith("http://") and plain_http_allowed(url))
        ):
            raise StationError(
                "Merkez adresi https:// ile başlar (http:// yalnızca bu makine ya da yerel ağ).",
                "central_url",
            )
        with self.db.transaction() as s:
            settings.put(s, CENTRAL_URL_SETTING, url, actor.sicil)

    def show(self, number: str) -> RegisteredRecord | None:
        """The record of ``number`` (a seizure report's number leads to its record)."""
        with self.db.reading() as s:
            record = registry.get_record(s, number.strip().upper())
            found = None if record is None else registry.record_json(s, record)
        return None if found is None else RegisteredRecord.from_json(found)

    def list_records(
        self, kind: str | None = None, since: datetime.date | None = None
    ) -> Iterator[RegisteredRecord]:
        with self.db.reading() as s:
            for record in registry.list_records(s, kind, since):
                yield RegisteredRecord.from_json(registry.record_json(s, record))

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
            registered = RegisteredRecord.from_json(registry.record_json(s, record))
            grounds: dict[str, str] = {}
            if not registered.rule_parameters.get("legal_grounds"):
                # Registered before the grounds travelled with the record: its rule set's.
                try:
                    grounds = dict(rulesets_store.find(s, registered.rule_set).grounds)
                except RuleSetError:  # unknown here: the documents cite the rule set by name
                    grounds = {}
            names: dict[str, str] = {}
            if registered.cancellation is not None:  # the printed statement names both people
                for sicil in (
                    registered.cancellation.requested_by,
                    registered.cancellation.approved_by,
                ):
                    person = officers.find_officer(s, sicil)
                    if person is not None and person.name:
                        names[sicil] = person.name
            print_no = registry.print_count(s, record.id, document) + 1
            row_hash, record_id, found = record.row_hash, record.id, record.number
        from gumruk_desk.printing import PrintJob, render_pdf

        job = PrintJob(registered, document, print_no, row_hash, grounds=grounds, names=names)
        pdf = render_pdf(job)
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

    def daily_backup(self) -> Path | None:
        """Today's automatic backup (SQLite backup API) unless it exists; old ones pruned."""
        from gumruk_desk.register import backup

        info = backup.daily_backup(self.db.home)
        return None if info is None else info.path

    def integrity_check(self) -> tuple[str | None, int, float]:
        """SQLite's check of the whole register file (slow on a large register: run it off
        the UI thread): (the problem or None, the number of records, seconds taken)."""
        import time

        from gumruk_desk.register.files import check_file

        started = time.perf_counter()
        problem, records = check_file(self.db.path, self.db.key)
        return problem, records, time.perf_counter() - started

    def verify(self, after: tuple[int, str] | None = None) -> chain.Verification:
        """The whole chain, or only the part after (seq, hash) (see ``chain.verify``)."""
        with self.db.reading() as s:
            return chain.verify(s, after)


def _require_supervisor(actor: Officer) -> None:
    if actor.role != ROLE_SUPERVISOR:
        raise AuthError("Bu işlemi yalnızca amir yetkisi olan memur yapabilir.")

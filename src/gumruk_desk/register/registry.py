"""Registration and look-up of records: one transaction per registration, gapless numbers.

Numbers read ``OFFICE-DESK-SERIES-YEAR-SEQUENCE`` (``GM01-M1-A-2026-000042``): office and desk
codes make them unique across desks without coordination; the sequence runs per series, desk
and year with no gap and no reuse. It is computed inside a ``BEGIN IMMEDIATE`` transaction
(register.db) as the largest sequence so far + 1, and stored with the record in the same
commit: a failed validation or evaluation, or a killed process, consumes no number.

Plain SQL through :func:`db.cursor`: the registration runs on the DB-API connection of
:meth:`Database.write`, so the whole module, the look-ups included, speaks the one dialect
that connection and a session both take. Look-ups hand out detached :class:`Record` objects
(records are never changed after their INSERT).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.domain.chainspec import input_part as input_part
from gumruk_desk.domain.evaluation import (
    Evaluation,
    OutcomeCode,
    ReferencedDeclaration,
    ReferenceStatus,
    evaluate,
    signature_problems,
)
from gumruk_desk.domain.money import Instrument, MoneyLine
from gumruk_desk.domain.problems import InvalidRecord, Problem
from gumruk_desk.domain.rates import Bulletin, RateColumn, RateTable
from gumruk_desk.domain.records import ExplanationInput, Kind
from gumruk_desk.domain.rules import (
    RuleSet,
    RuleSetError,
    select_ruleset,
    supersession_notices,
)
from gumruk_desk.domain.text import search_key, search_keys
from gumruk_desk.domain.validation import ValidatedRecord
from gumruk_desk.register import (
    cancellation,
    chain,
    db,
    paper as paper_blocks,
    rates_store,
    reader,
    rulesets_store,
)
from gumruk_desk.register.models import Officer, Record, Station
from gumruk_desk.register.reader import SEIZURE_SERIES

#: Separate series for the two documents (§O1) and for forms first filled on paper (§O4).
SERIES = {
    (Kind.NAKIT_BEYAN, False): "B",
    (Kind.NAKIT_ACIKLAMA, False): "A",
    (Kind.NAKIT_BEYAN, True): "KB",
    (Kind.NAKIT_ACIKLAMA, True): "KA",
}
CANCELLATION_APPROVED = cancellation.CANCELLATION_APPROVED
_SEIZURE_NUMBER = reader.SEIZURE_NUMBER_SQL
_LAST_SEIZURE_SQL = (
    f"SELECT max({_SEIZURE_NUMBER}) FROM record "
    f"WHERE {_SEIZURE_NUMBER} >= ? AND {_SEIZURE_NUMBER} < ?"
)
_EXIT_REFERENCE = reader.EXIT_REFERENCE_SQL
_EXITS_CITING_SQL = f"SELECT id, content FROM record WHERE {_EXIT_REFERENCE} = ? ORDER BY id"


# The last record id, the series' last sequence and the chain's head, in one statement.
_NEXT_SQL = (
    "SELECT (SELECT max(id) FROM record), (SELECT max(seq) FROM record WHERE series = ? "
    f"AND office = ? AND desk = ? AND year = ?), ({chain.HEAD_SEQ}), ({chain.HEAD_HASH})"
)
_RECORD_COLUMNS = tuple(c.name for c in Record.__table__.columns)
_INSERT_RECORD_SQL = (
    f"INSERT INTO record ({', '.join(_RECORD_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _RECORD_COLUMNS)})"
)
_SELECT_RECORD = f"SELECT {', '.join(_RECORD_COLUMNS)} FROM record"


def format_number(office: str, desk: str, series: str, year: int, seq: int) -> str:
    return f"{office}-{desk}-{series}-{year}-{seq:06d}"


def available_rulesets(unit: db.Unit) -> tuple[RuleSet, ...]:
    return rulesets_store.available_rulesets(unit)


def referenced_declaration(unit: db.Unit, number: str) -> ReferencedDeclaration:
    """What the register knows of the Nakit Beyan Formu ``number`` (for the exit exception)."""
    found = (
        db.cursor(unit)
        .execute(
            "SELECT id, content, outcome_code, id_number, record_date FROM record "
            "WHERE number = ? AND kind = ?",
            (number, Kind.NAKIT_BEYAN.value),
        )
        .fetchone()
    )
    if found is None:
        return ReferencedDeclaration(number, ReferenceStatus.UNKNOWN)
    record_id, content_json, outcome_code, id_number, record_date = found
    content = json.loads(content_json)
    cash = tuple(
        MoneyLine(
            line["currency"],
            Decimal(line["amount"]),
            Instrument(line["instrument"]) if line.get("instrument") else None,
        )
        for line in content["cash"]
    )
    if is_cancelled(unit, record_id):
        status = ReferenceStatus.CANCELLED
    elif outcome_code != "declared":  # a prohibited source: seized, not declared
        status = ReferenceStatus.SEIZED
    elif content.get("direction") == "exit":
        status = ReferenceStatus.EXIT
    else:
        status = ReferenceStatus.VALID
    return ReferencedDeclaration(
        number,
        status,
        id_number,
        cash,
        datetime.date.fromisoformat(record_date),
        _drawn_by_exits(unit, number, cash),
    )


def _drawn_by_exits(
    unit: db.Unit,
    number: str,
    declared: tuple[MoneyLine, ...],
    kind: str = "entry_declaration",
) -> tuple[MoneyLine, ...]:
    """What registered exits citing the document ``number`` (an entry declaration, or a bank
    document by its reference) took out of it, cancelled exits left out (their share is given
    back). An exit whose exception was refused drew nothing. An exit registered before the
    register kept what it drew is taken to have drawn all it could: the declared currency it
    carried."""
    drawn: list[MoneyLine] = []
    for exit_id, content_json in db.cursor(unit).execute(_EXITS_CITING_SQL, (number,)):
        if is_cancelled(unit, exit_id):
            continue
        content = json.loads(content_json)
        if (content.get("exit_exception") or {}).get("kind") != kind:
            continue
        valuation = content.get("valuation") or {}
        if "exit_cover" in valuation:  # kept since the register records what an exit draws
            lines = (valuation["exit_cover"] or {}).get("drawn") or []
        elif kind != "entry_declaration":
            lines = []
        else:
            declared_in = {x.currency for x in declared if x.is_cash}
            lines = [
                x
                for x in content.get("detected") or []
                if not x.get("instrument") and x["currency"] in declared_in
            ]
        drawn += [MoneyLine(x["currency"], Decimal(x["amount"])) for x in lines]
    return tuple(drawn)


def is_cancelled(unit: db.Unit, record_id: int) -> bool:
    found = (
        db.cursor(unit)
        .execute(
            "SELECT 1 FROM event WHERE record_id = ? AND kind = 'cancellation_approved' LIMIT 1",
            (record_id,),
        )
        .fetchone()
    )
    return found is not None


@dataclass(frozen=True)
class Reference:
    """What the register holds for evaluating a record of one day: the rule sets, the rate
    bulletin in force, the manual rates a supervisor typed for that day."""

    rulesets: tuple[RuleSet, ...]
    bulletin: Bulletin | None
    manual: dict[str, Decimal]
    confirmed: frozenset[str] = frozenset()  # digests of the drafts confirmed to apply


def reference_data(unit: db.Unit, day: datetime.date) -> Reference:
    """The :class:`Reference` of ``day``, read afresh in the unit's transaction (about a
    tenth of a millisecond).

    Raises :class:`RuleSetError` or :class:`RegisterError` when a loaded rule set or the
    bulletin no longer matches its digest."""
    return Reference(
        available_rulesets(unit),
        rates_store.bulletin_in_force(unit, day),
        rates_store.manual_rates_for(unit, day),
        frozenset(rulesets_store.confirmations(unit)),
    )


@dataclass(frozen=True)
class Registration:
    number: str
    record_id: int
    content: dict[str, Any]


def rates_for_record(
    reference: Reference,
    record_date: datetime.date,
    column: RateColumn,
    manual_rates: dict[str, Decimal] | None = None,
) -> RateTable:
    """THE rates a record of ``record_date`` is valued with: the bulletin in force, then a rate
    typed with the record, then a supervisor's manual rate of that day, each only where the
    bulletin has none (SPEC §2: a bulletin imported after a manual rate wins). Registration
    and the wizards' running total both take their rates from here.

    Raises :class:`InvalidRecord` for a rate typed with the record where the bulletin has one.
    """
    published = rates_store.table_of(reference.bulletin, record_date, column)
    if manual_rates:
        clash = sorted(c for c in manual_rates if published.get(c) is not None)
        if clash:
            raise InvalidRecord(
                [
                    Problem(
                        "manual_rates",
                        (
                            f"{', '.join(clash)} için yürürlükteki TCMB kuru var; elle kur "
                            "yalnızca bültende kuru olmayan para birimi için girilebilir."
                        ),
                    )
                ]
            )
    if reference.manual:
        stored = {c: v for c, v in reference.manual.items() if published.get(c) is None}
        manual_rates = {**stored, **(manual_rates or {})}
    if not manual_rates:
        return published
    return rates_store.table_of(reference.bulletin, record_date, column, manual_rates)


def evaluate_validated(
    unit: db.Unit,
    validated: ValidatedRecord,
    *,
    station: Station,
    now: datetime.datetime,
    manual_rates: dict[str, Decimal] | None = None,
) -> Evaluation:
    """The register's evaluation of ``validated`` as if registered at ``now``: the rule set
    in force, the rates of the day (a supervisor's manual rate only where the bulletin has
    none), the Nakit Beyan Formu an exit exception cites. Nothing is stored.

    Raises :class:`InvalidRecord` when the rule set or the rates refuse it.
    """
    record = validated.record
    paper = record.paper
    record_date = paper.filled_at.date() if paper else now.date()
    try:
        reference = reference_data(unit, record_date)
        ruleset = select_ruleset(reference.rulesets, record_date, reference.confirmed)
    except RuleSetError as exc:
        raise InvalidRecord([Problem("", str(exc))]) from None
    rates = rates_for_record(reference, record_date, RateColumn(station.rate_column), manual_rates)
    referenced = None
    if isinstance(record, ExplanationInput) and record.exit_exception is not None:
        exception = record.exit_exception
        if exception.kind.value == "entry_declaration":
            referenced = referenced_declaration(unit, exception.reference)
        else:
            # A bank document runs out as a declaration does: what earlier exits citing the
            # same reference took out of it no longer covers this one.
            referenced = ReferencedDeclaration(
                exception.reference,
                ReferenceStatus.VALID,
                drawn=_drawn_by_exits(
                    unit, exception.reference, exception.cash, kind="bank_document"
                ),
            )
    try:
        notices = supersession_notices(
            ruleset, reference.rulesets, record_date, reference.confirmed, record=True
        )
        return evaluate(record, ruleset, rates, record_date, referenced, notices)
    except RuleSetError as exc:
        raise InvalidRecord([Problem("", str(exc))]) from None


def register(
    unit: db.Unit,
    validated: ValidatedRecord,
    *,
    station: Station,
    officer: Officer,
    witness: Officer | None,
    now: datetime.datetime,
    manual_rates: dict[str, Decimal] | None = None,
    replaces: str | None = None,
) -> Registration:
    """Evaluate and store one validated record inside the caller's (immediate) transaction.

    ``replaces``: the number of a cancelled record of the same kind this one is filled in
    place of (§O3); the two are linked in the chain.

    Raises :class:`InvalidRecord` (nothing stored, no number used) when the rule set, the
    rates or the signature rules refuse it.
    """
    record = validated.record
    paper = record.paper
    record_date = paper.filled_at.date() if paper else now.date()
    series = SERIES[(record.kind, paper is not None)]
    year = now.year
    office, desk = station.office_code, station.desk_code
    cur = db.cursor(unit)
    # The chain's head read here is the one the registration event links to: nothing may be
    # appended to the chain in this transaction before it (nothing is).
    last_id, last_seq, head_seq, head_hash = cur.execute(
        _NEXT_SQL, (series, office, desk, year)
    ).fetchone()
    evaluation = evaluate_validated(
        unit, validated, station=station, now=now, manual_rates=manual_rates
    )
    problems = signature_problems(record, evaluation, officer.sicil)
    if record.seizure is not None and not evaluation.outcome.custody:
        problems.append(
            Problem(
                "seizure",
                "Bu kayıtta nakde el konulmuyor: zabıt varakası bilgisi yazılmaz.",
            )
        )
    if isinstance(record, ExplanationInput) and record.witness_officer and witness is None:
        problems.append(
            Problem("witness_officer", f"{record.witness_officer} sicilli memur kayıtlı değil.")
        )
    replaced = None
    if replaces:
        try:
            replaced = cancellation.check_replaceable(
                unit, replaces.strip().upper(), record.kind.value
            )
        except cancellation.CancellationError as exc:
            problems.append(Problem("replaces", str(exc)))
    if problems:
        raise InvalidRecord(problems)
    if (
        paper is not None
        and cur.execute(
            "SELECT 1 FROM record WHERE paper_number = ? LIMIT 1", (paper.number,)
        ).fetchone()
        is not None
    ):
        raise InvalidRecord(
            [Problem("paper.number", f"{paper.number} numaralı kâğıt form zaten kaydedilmiş.")]
        )

    seq = (last_seq or 0) + 1
    if paper is not None:
        year, seq = _paper_number(unit, station, paper.number, series, year, seq)
    seizure_number = None
    if evaluation.outcome.custody:
        prefix = format_number(office, desk, SEIZURE_SERIES, year, 0)[:-6]
        (last,) = cur.execute(_LAST_SEIZURE_SQL, (prefix, prefix + "~")).fetchone()
        seizure_seq = int(last[-6:]) + 1 if last else 1
        seizure_number = format_number(office, desk, SEIZURE_SERIES, year, seizure_seq)
        if (
            paper is None
            and record.kind is Kind.NAKIT_BEYAN
            and evaluation.outcome.code is OutcomeCode.PROHIBITED_SOURCE
        ):
            # Not a declaration: the record is the seizure, in the seizure series.
            series, seq = SEIZURE_SERIES, seizure_seq
    number = format_number(office, desk, series, year, seq)
    registered_at = now.isoformat(timespec="seconds")
    sicil = officer.sicil
    content = {
        **validated.data,
        "number": number,
        "uuid": chain.new_uuid(),
        "registered_at": registered_at,
        "office": office,
        "office_name": station.office_name,
        "customs_area": station.customs_area,
        "desk": desk,
        "officer": sicil,
        "officer_name": officer.name,
        "officer_title": officer.title,
        **({"witness_name": witness.name, "witness_title": witness.title} if witness else {}),
        "demo": station.demo,
        **({"replaces": replaced.number} if replaced is not None else {}),
        **({"seizure_report": {"number": seizure_number}} if seizure_number else {}),
        **evaluation.to_json(),
    }
    # The id is chosen here, not by the INSERT, because the row hash covers it and a record
    # row is never updated after its INSERT.
    row_id = (last_id or 0) + 1
    row: dict[str, Any] = {
        "id": row_id,
        "uuid": content["uuid"],
        "number": number,
        "kind": record.kind.value,
        "series": series,
        "office": office,
        "desk": desk,
        "year": year,
        "seq": seq,
        "registered_at": registered_at,
        "record_date": record_date.isoformat(),
        "officer_sicil": sicil,
        "last_name_key": search_key(record.person.last_name),
        "id_number": record.person.id_number,
        "outcome_code": evaluation.outcome.code.value,
        "paper_number": paper.number if paper else None,
        "content": chain.canonical(content),
    }
    row["row_hash"] = chain.record_row_hash(row)
    cur.execute(_INSERT_RECORD_SQL, tuple(row[c] for c in _RECORD_COLUMNS))
    chain.append_event(
        unit,
        chain.REGISTRATION,
        {"number": number, "uuid": row["uuid"], "row_hash": row["row_hash"]},
        actor=sicil,
        record_id=row_id,
        at=registered_at,
        head=chain.Link(head_seq, head_hash) if head_seq is not None else None,
    )
    if replaced is not None:
        cancellation.link_replacement(unit, replaced, number, officer.sicil, registered_at)
    for code, rate in sorted(evaluation.valuation.rates.items()):
        if rate.manual:
            chain.append_event(
                unit,
                chain.MANUAL_RATE,
                {"number": number, "currency": code, "try_per_unit": str(rate.try_per_unit)},
                actor=officer.sicil,
                record_id=row_id,
                at=registered_at,
            )
    return Registration(number, row_id, content)


def _paper_number(
    unit: db.Unit, station: Station, paper_number: str, series: str, year: int, seq: int
) -> tuple[int, int]:
    """(year, seq) of a back-entered paper form: the reserved number printed on it, or the
    next number of the paper series above every reserved block (§O4)."""
    if paper_blocks.is_reserved(unit, station, paper_number):
        parts = paper_blocks.parse(paper_number)
        assert parts is not None
        if parts["series"] != series:
            raise InvalidRecord(
                [
                    Problem(
                        "paper.number",
                        f"{paper_number.upper()} {parts['series']} serisinden; bu form "
                        f"{series} serisindendir (KB: Nakit Beyan Formu, KA: Nakit Açıklama "
                        "Tutanağı).",
                    )
                ]
            )
        reason = paper_blocks.voided_reason(unit, paper_number)
        if reason is not None:
            raise InvalidRecord(
                [Problem("paper.number", f"{paper_number.upper()} boşa çıkarılmış: {reason}.")]
            )
        return int(parts["year"]), int(parts["seq"])
    return year, max(seq, paper_blocks.max_reserved(unit, series, year) + 1)


def print_count(session: Session, record_id: int, document: str) -> int:
    """How many times this document of this record has been printed."""
    found = (
        db.cursor(session)
        .execute(
            # The kind literal: SQLite serves it from the partial index of migration 0008.
            "SELECT count(*) FROM event WHERE kind = 'print' AND record_id = ? "
            "AND json_extract(payload, '$.document') = ?",
            (record_id, document),
        )
        .fetchone()
    )
    return int(found[0])


def _records(unit: db.Unit, where: str, params: tuple[Any, ...]) -> Iterator[Record]:
    """The records of ``SELECT … FROM record <where>``, streamed, as detached objects."""
    for row in db.cursor(unit).execute(f"{_SELECT_RECORD} {where}", params):
        yield Record(**dict(zip(_RECORD_COLUMNS, row, strict=True)))


def get_record(session: Session, number: str) -> Record | None:
    """The record of ``number``; a seizure report's number leads to the record it came from."""
    found = next(_records(session, "WHERE number = ?", (number,)), None)
    if found is None and f"-{SEIZURE_SERIES}-" in number:
        row = db.cursor(session).execute(reader.BY_SEIZURE_SQL, (number,)).fetchone()
        if row is not None:
            found = next(_records(session, "WHERE id = ?", (row[0],)), None)
    return found


def record_json(session: Session, record: Record) -> dict[str, Any]:
    """The registered record (SPEC §9) plus its current ``status``."""
    return reader.record_json(db.cursor(session), record.id, record.number, record.content)


def list_records(
    session: Session, kind: str | None = None, since: datetime.date | None = None
) -> Iterator[Record]:
    where = [("kind = ?", kind)] if kind else []
    if since:
        where.append(("record_date >= ?", since.isoformat()))
    clause = f"WHERE {' AND '.join(w for w, _ in where)} " if where else ""
    yield from _records(session, f"{clause}ORDER BY id", tuple(p for _, p in where))


def search(session: Session, text: str, limit: int = 50) -> list[Record]:
    """By exact number, by exact document number, or by surname prefix (Turkish casing)."""
    text = text.strip()
    if not text:
        return []
    found = list(_records(session, "WHERE number = ? LIMIT 1", (text.upper(),)))
    if found:
        return found
    by_doc = list(
        _records(
            session,
            "WHERE id_number = ? ORDER BY id DESC LIMIT ?",
            (text.replace(" ", "").upper(), limit),
        )
    )
    if by_doc:
        return by_doc
    # Ranges over the index instead of LIKE, which SQLite cannot serve from a case-sensitive
    # index without case_sensitive_like; one range per spelling of the i (search_keys).
    keys = search_keys(text)
    ranges = " OR ".join("(last_name_key >= ? AND last_name_key < ?)" for _ in keys)
    bounds = tuple(bound for key in keys for bound in (key, key + "\U0010ffff"))
    return list(
        _records(
            session,
            f"WHERE {ranges} ORDER BY last_name_key, id DESC LIMIT ?",
            (*bounds, limit),
        )
    )


def verify_declaration(session: Session, number: str, document: str) -> dict[str, Any]:
    """The bank's check of a Nakit Beyan Formu (§G1.2a), see ``reader.verify_declaration``."""
    return reader.verify_declaration(db.cursor(session), number, document)

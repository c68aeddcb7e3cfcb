"""The tamper-evident chain: every event links to the previous one, registrations cover rows.

Each ``event`` row carries ``hash = sha256(prev_hash ‖ canonical(event fields))``. A
registration event's payload carries the ``row_hash`` of its record, computed over every
column of the record row, so a change to any stored value of a record, to any event, or the
removal of either, breaks a link that :func:`verify` names — the first one in chain order.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from gumruk_desk.register import db
from gumruk_desk.register.models import Event, Record

GENESIS = "0" * 64

# Event kinds; new features add kinds, never change the meaning of one.
REGISTRATION = "registration"
STATION_INITIALISED = "station_initialised"
OFFICER_ADDED = "officer_added"
OFFICER_UNLOCKED = "officer_unlocked"
OFFICER_LOCKED = "officer_locked"
LOGIN_FAILED = "login_failed"
RATES_IMPORTED = "rates_imported"
MANUAL_RATE = "manual_rate"
PRINTED = "print"
MANUAL_RATE_ENTERED = "manual_rate_entered"
RULESET_LOADED = "ruleset_loaded"
#: A draft rule set confirmed to apply (by a supervisor or the centre); payload holds its digest.
RULESET_CONFIRMED = "ruleset_confirmed"
#: A yearly müsaade edilen fark a supervisor accepted into a rule set, with its computation.
TOLERANCE_ACCEPTED = "tolerance_accepted"
SETTING_CHANGED = "setting_changed"
#: A successful login after failed ones: the count of failures starts again from zero.
OFFICER_ATTEMPTS_RESET = "officer_attempts_reset"
#: An officer's lock-out state as it stood when the chain began to follow it (written once,
#: by the migration that brought that in, for the officers of an existing register).
OFFICER_STATE = "officer_state"
SYNC_ACKNOWLEDGED = "sync_acknowledged"  # one per record; written by the sync feature (#8)


def canonical(value: Any) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 text as is —
    ``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``.

    Hashed values hold text, integers, booleans, null, lists and objects, never floats (money,
    rates and rule parameters are text, SPEC §9). For those orjson writes exactly the same
    characters in a sixth of the time (a property test holds the two equal); what orjson
    refuses (text with a lone surrogate, a key that is not text, an integer beyond 64 bits)
    and what it would write where json refuses (dates, dataclasses) take the standard
    library's path, with its answer or its TypeError.
    """
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _standard_canonical(value)


def _standard_canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_ORJSON_OPTIONS = (
    orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)


def new_uuid() -> str:
    """A random (version 4, RFC 4122 variant) UUID as text, exactly as ``str(uuid.uuid4())``
    writes it, from the same source (``os.urandom``), at a third of its cost (the UUID
    object is not needed: two of these are made in every registration)."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # variant 10xx
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_sha256(value: Any, prefix: str = "") -> str:
    """``sha256(prefix + canonical(value))`` without the round trip through ``str``: orjson's
    output already is the UTF-8 of what :func:`canonical` returns."""
    try:
        data = orjson.dumps(value, option=_ORJSON_OPTIONS)
    except TypeError:
        data = _standard_canonical(value).encode("utf-8")
    return hashlib.sha256(prefix.encode("utf-8") + data if prefix else data).hexdigest()


_RECORD_COLUMNS = [c.name for c in Record.__table__.columns if c.name != "row_hash"]
_RECORD_COLUMN_SET = frozenset(_RECORD_COLUMNS)


def _getter(row: Any) -> Any:
    """Column access for ORM objects and for Core result mappings alike."""
    return row.__getitem__ if isinstance(row, Mapping) else lambda name: getattr(row, name)


def record_row_hash(row: Any) -> str:
    """Hash over every column of a record row but the hash itself (the row's id included)."""
    if type(row) is dict and row.keys() == _RECORD_COLUMN_SET:  # a row about to be inserted
        return canonical_sha256(row)
    get = _getter(row)
    return canonical_sha256({name: get(name) for name in _RECORD_COLUMNS})


_EVENT_FIELDS = ("seq", "uuid", "kind", "at", "actor", "record_id", "payload")


def event_hash(event: Any) -> str:
    """sha256(prev_hash ‖ canonical(fields)) of an Event or an event row mapping."""
    get = _getter(event)
    return canonical_sha256({name: get(name) for name in _EVENT_FIELDS}, str(get("prev_hash")))


def now_iso() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


# Plain SQL on the hot path of every registration (an expression built per call costs more
# than the statement itself).
_HEAD_SQL = "SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1"
_EVENT_COLUMNS = (*_EVENT_FIELDS, "prev_hash", "hash")
_INSERT_SQL = (
    f"INSERT INTO event ({', '.join(_EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _EVENT_COLUMNS)})"
)


class Link(NamedTuple):
    """A link of the chain: the head before or after an append."""

    seq: int
    hash: str


#: Columns a caller may select to pass the head to :func:`append_event` read in its own
#: statement (``SELECT …, (HEAD_SEQ), (HEAD_HASH)``): one statement fewer per registration.
HEAD_SEQ = "SELECT seq FROM event ORDER BY seq DESC LIMIT 1"
HEAD_HASH = "SELECT hash FROM event ORDER BY seq DESC LIMIT 1"


def append_event(
    unit: db.Unit,
    kind: str,
    payload: dict[str, Any],
    *,
    actor: str | None = None,
    record_id: int | None = None,
    at: str | None = None,
    head: Link | None = None,
) -> Link:
    """Add one link at the head of the chain (inside the caller's immediate transaction).

    Written with a Core INSERT: events are never loaded back into the session to be changed.
    """
    cur = db.cursor(unit)
    if head is None:  # the caller may have read it in this transaction (see head_sql)
        found = cur.execute(_HEAD_SQL).fetchone()
        head = Link(0, GENESIS) if found is None else Link(*found)
    seq, prev = head.seq + 1, head.hash
    fields: dict[str, Any] = {  # exactly _EVENT_FIELDS: what event_hash covers
        "seq": seq,
        "uuid": new_uuid(),
        "kind": kind,
        "at": at or now_iso(),
        "actor": actor,
        "record_id": record_id,
        "payload": canonical(payload),
    }
    digest = canonical_sha256(fields, prev)
    cur.execute(_INSERT_SQL, (*fields.values(), prev, digest))
    return Link(seq, digest)


@dataclass(frozen=True)
class Verification:
    ok: bool
    records: int
    events: int
    head: str
    problem: str | None = None  # Turkish; names the first broken or missing link


def verify(session: Session, after: tuple[int, str] | None = None) -> Verification:
    """Walk the whole chain, stop at the first broken link, and name it.

    Streams events by sequence and records by id side by side: registrations create records
    in the same order as their events, so each registration event meets its record next.

    With ``after`` = (seq, hash), only the chain after event ``seq``, which must still carry
    ``hash`` (what the centre acknowledged): what an upload is about to send, checked in the
    time of its own size rather than the whole register's.
    """
    start_seq, start_hash = after or (0, GENESIS)
    first_record = 0
    if start_seq:
        found = db.cursor(session).execute(_HASH_AT, (start_seq,)).fetchone()
        if found is None or found[0] != start_hash:
            return Verification(
                False,
                0,
                start_seq,
                start_hash,
                f"#{start_seq} numaralı olay değiştirilmiş ya da silinmiş: merkezin aldığıyla "
                "tutmuyor.",
            )
        before = db.cursor(session).execute(_LAST_REGISTERED, (start_seq,)).fetchone()
        first_record = int(before[0]) if before and before[0] is not None else 0
    events = session.execute(
        select(Event.__table__)
        .where(Event.seq > start_seq)
        .order_by(Event.seq)
        .execution_options(yield_per=5000)
    ).mappings()
    records = iter(
        session.execute(
            select(Record.__table__)
            .where(Record.id > first_record)
            .order_by(Record.id)
            .execution_options(yield_per=5000)
        ).mappings()
    )
    prev, count, head, n_records = start_hash, start_seq, start_hash, 0
    bulletin_events: dict[int, tuple[str, int]] = {}  # row id -> (sha256, event seq)
    officer_events: dict[str, tuple[dict[str, Any], int]] = {}  # sicil -> (fingerprint, seq)
    state = _StateReplay()
    vouched: dict[str, dict[int, tuple[str, int]]] = {MANUAL_RATE_ENTERED: {}, RULESET_LOADED: {}}

    def fail(message: str) -> Verification:
        return Verification(False, n_records, count, head, message)

    for event in events:
        count += 1
        seq, kind = event["seq"], event["kind"]
        if seq != count:
            return fail(f"Zincir kopuk: #{count} numaralı olay eksik (sonraki olay #{seq}).")
        if event["prev_hash"] != prev:
            return fail(f"Zincir kopuk: #{seq} numaralı olay ({kind}) önceki olaya bağlanmıyor.")
        if event_hash(event) != event["hash"]:
            return fail(f"#{seq} numaralı olay ({kind}) değiştirilmiş: özeti tutmuyor.")
        if kind == REGISTRATION:
            try:
                payload = json.loads(event["payload"])
                row_hash, number = payload["row_hash"], payload["number"]
            except (ValueError, KeyError, TypeError):
                return fail(f"#{seq} numaralı tescil olayının içeriği okunamıyor.")
            record = next(records, None)
            if (
                record is not None
                and event["record_id"] is not None
                and record["id"] < event["record_id"]
            ):
                return fail(
                    f"{record['number']} numaralı kaydın tescil olayı yok: kayıt "
                    "zincir dışında eklenmiş."
                )
            if record is None or record["id"] != event["record_id"]:
                return fail(f"{number} numaralı kayıt silinmiş (tescil olayı #{seq}).")
            n_records += 1
            if (
                record_row_hash(record) != row_hash
                or record["row_hash"] != row_hash
                or record["number"] != number
            ):
                return fail(
                    f"{number} numaralı kayıt değiştirilmiş: içerik özeti, #{seq} "
                    "numaralı tescil olayındakiyle tutmuyor."
                )
        elif kind == RATES_IMPORTED:
            payload = json.loads(event["payload"])
            if "row_id" in payload:
                bulletin_events[payload["row_id"]] = (payload["sha256"], seq)
        elif kind in (MANUAL_RATE_ENTERED, RULESET_LOADED):
            payload = json.loads(event["payload"])
            vouched[kind][payload["row_id"]] = (payload["sha256"], seq)
        elif kind == OFFICER_ADDED:
            payload = json.loads(event["payload"])
            officer_events[payload["sicil"]] = (payload, seq)
        if kind in _STATE_KINDS:
            state.apply(kind, json.loads(event["payload"]), seq)
        prev = head = event["hash"]
    stray = next(records, None)
    if stray is not None:
        return fail(
            f"{stray['number']} numaralı kaydın tescil olayı yok: kayıt zincir dışında eklenmiş."
        )
    if start_seq:
        # The rows the events vouch for (bulletins, rule sets, officers, the station, the
        # settings) are what the whole chain made them: only a walk from the start knows.
        return Verification(True, n_records, count, head)
    problem = (
        _verify_bulletins(session, bulletin_events)
        or _verify_officers(session, officer_events)
        or _verify_vouched_rows(session, vouched)
        or state.problem(session)
    )
    if problem:
        return fail(problem)
    return Verification(True, n_records, count, head)


_STATE_KINDS = frozenset(
    {
        STATION_INITIALISED,
        SETTING_CHANGED,
        OFFICER_ADDED,
        LOGIN_FAILED,
        OFFICER_LOCKED,
        OFFICER_UNLOCKED,
        OFFICER_ATTEMPTS_RESET,
        OFFICER_STATE,
    }
)
_STATION_FIELDS = (
    "office_code",
    "office_name",
    "desk_code",
    "customs_area",
    "central_url",
    "rate_column",
    "demo",
)


class _StateReplay:
    """The station row, the settings and each officer's lock-out state as the events say
    they must be, replayed in chain order; :meth:`problem` compares them with the rows."""

    def __init__(self) -> None:
        self.station: tuple[dict[str, Any], int] | None = None
        self.settings: dict[str, tuple[str, int]] = {}  # key -> (value, seq)
        self.officers: dict[str, tuple[bool, int, int]] = {}  # sicil -> (locked, failed, seq)

    def apply(self, kind: str, payload: dict[str, Any], seq: int) -> None:
        if kind == STATION_INITIALISED:
            self.station = (payload, seq)
            return
        if kind == SETTING_CHANGED:
            self.settings[payload["key"]] = (payload["value"], seq)
            return
        sicil = payload.get("sicil")
        if not isinstance(sicil, str):
            return
        locked, failed, _seq = self.officers.get(sicil, (False, 0, seq))
        if kind in (OFFICER_ADDED, OFFICER_UNLOCKED):
            locked, failed = False, 0
        elif kind == OFFICER_ATTEMPTS_RESET:
            failed = 0
        elif kind == OFFICER_LOCKED:
            locked = True
        elif kind == OFFICER_STATE:
            locked, failed = bool(payload["locked"]), int(payload["failed_attempts"])
        elif kind == LOGIN_FAILED:
            if payload.get("reason") != "password" or sicil not in self.officers:
                return  # an unknown sicil or a locked account changes no row
            failed = int(payload["attempt"])
        self.officers[sicil] = (locked, failed, seq)

    def problem(self, session: Session) -> str | None:
        from gumruk_desk.register.models import Officer, Setting, Station

        station = session.get(Station, 1)
        if (station is None) != (self.station is None):
            return (
                "Masa bilgileri zincir dışında eklenmiş."
                if station is not None
                else "Masa bilgileri silinmiş (kuruluş olayı var, kaydı yok)."
            )
        if station is not None and self.station is not None:
            wanted, seq = self.station
            changed = [f for f in _STATION_FIELDS if getattr(station, f) != wanted.get(f)]
            if changed:
                return (
                    f"Masa bilgileri ({', '.join(changed)}) değiştirilmiş: #{seq} numaralı "
                    "kuruluş olayındakiyle tutmuyor."
                )
        rows = {row.key: row.value for row in session.scalars(select(Setting))}
        for key in sorted(set(rows) | set(self.settings)):
            if key not in self.settings:
                return f"'{key}' ayarı zincir dışında eklenmiş."
            value, seq = self.settings[key]
            if rows.get(key) != value:
                return (
                    f"'{key}' ayarı değiştirilmiş ya da silinmiş: #{seq} numaralı olaydakiyle "
                    "tutmuyor."
                )
        for officer in session.scalars(select(Officer).order_by(Officer.id)):
            known = self.officers.get(officer.sicil)
            if known is None:
                continue  # an officer outside the chain is named by _verify_officers
            locked, failed, seq = known
            if bool(officer.locked) != locked or officer.failed_attempts != failed:
                return (
                    f"{officer.sicil} sicilli memurun kilit durumu ya da hatalı giriş sayısı "
                    f"değiştirilmiş: #{seq} numaralı olaydan sonra olması gerekenle tutmuyor."
                )
        return None


_HASH_AT = "SELECT hash FROM event WHERE seq = ?"
_LAST_REGISTERED = (
    f"SELECT record_id FROM event WHERE seq <= ? AND kind = '{REGISTRATION}' "
    "ORDER BY seq DESC LIMIT 1"
)


def _verify_bulletins(session: Session, events: dict[int, tuple[str, int]]) -> str | None:
    from gumruk_desk.register.models import RateBulletinRow
    from gumruk_desk.register.rates_store import quotes_sha256

    for row in session.scalars(select(RateBulletinRow).order_by(RateBulletinRow.id)):
        known = events.pop(row.id, None)
        if known is None:
            return (
                f"{row.bulletin_date} tarihli kur bülteni (satır {row.id}) zincir dışında eklenmiş."
            )
        if quotes_sha256(row.quotes) != known[0] or row.sha256 != known[0]:
            return (
                f"{row.bulletin_date} tarihli kur bülteni değiştirilmiş: özeti, #{known[1]} "
                "numaralı yükleme olayındakiyle tutmuyor."
            )
    if events:
        row_id, (_, seq) = next(iter(events.items()))
        return f"Kur bülteni (satır {row_id}) silinmiş (yükleme olayı #{seq})."
    return None


def _verify_officers(session: Session, events: dict[str, tuple[dict[str, Any], int]]) -> str | None:
    from gumruk_desk.register.models import Officer
    from gumruk_desk.register.officers import officer_fingerprint

    for officer in session.scalars(select(Officer).order_by(Officer.id)):
        known = events.get(officer.sicil)
        if known is None:
            return f"{officer.sicil} sicilli memur zincir dışında eklenmiş."
        if officer_fingerprint(officer) != known[0]:
            return (
                f"{officer.sicil} sicilli memurun kaydı (ad, unvan, yetki veya parola) "
                f"değiştirilmiş: #{known[1]} numaralı olaydakiyle tutmuyor."
            )
    return None


def manual_rate_digest(rate_date: str, currency: str, try_per_unit: str, actor: str) -> str:
    return hashlib.sha256(
        canonical(
            {
                "rate_date": rate_date,
                "currency": currency,
                "try_per_unit": try_per_unit,
                "actor": actor,
            }
        ).encode()
    ).hexdigest()


def _verify_vouched_rows(
    session: Session, vouched: dict[str, dict[int, tuple[str, int]]]
) -> str | None:
    """Manual rates and loaded rule sets: each row exactly as its event describes it."""
    from gumruk_desk.register.models import ManualRateRow, RuleSetFile

    events = vouched[MANUAL_RATE_ENTERED]
    for rate in session.scalars(select(ManualRateRow).order_by(ManualRateRow.id)):
        known = events.pop(rate.id, None)
        digest = manual_rate_digest(rate.rate_date, rate.currency, rate.try_per_unit, rate.actor)
        if known is None:
            return f"Elle girilen {rate.currency} kuru (satır {rate.id}) zincir dışında eklenmiş."
        if digest != known[0]:
            return (
                f"Elle girilen {rate.currency} kuru (satır {rate.id}) değiştirilmiş: #{known[1]} "
                "numaralı olaydakiyle tutmuyor."
            )
    if events:
        row_id, (_, seq) = next(iter(events.items()))
        return f"Elle girilen kur (satır {row_id}) silinmiş (olay #{seq})."
    events = vouched[RULESET_LOADED]
    for row in session.scalars(select(RuleSetFile).order_by(RuleSetFile.id)):
        known = events.pop(row.id, None)
        if known is None:
            return f"'{row.ruleset_id}' kural seti (satır {row.id}) zincir dışında eklenmiş."
        if hashlib.sha256(row.content.encode()).hexdigest() != known[0] or row.sha256 != known[0]:
            return (
                f"'{row.ruleset_id}' kural seti değiştirilmiş: #{known[1]} numaralı yükleme "
                "olayındakiyle tutmuyor."
            )
    if events:
        row_id, (_, seq) = next(iter(events.items()))
        return f"Yüklenen kural seti (satır {row_id}) silinmiş (olay #{seq})."
    return None

"""The tamper-evident chain: every event links to the previous one, registrations cover rows.

Each ``event`` row carries ``hash = sha256(prev_hash ‖ canonical(event fields))``. A
registration event's payload carries the ``row_hash`` of its record, computed over every
column of the record row, so a change to any stored value of a record, to any event, or the
removal of either, breaks a link that :func:`verify` names — the first one in chain order.

Plain SQL through :func:`db.cursor`: every registration appends on the DB-API connection of
:meth:`Database.write`, so the whole module, the walk included, speaks the one dialect that
connection and a session both take.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

# The chain's rules, shared with the centre; the register's modules take them from here.
from gumruk_desk.domain.chainspec import (
    EVENT_FIELDS as _EVENT_FIELDS,
    GENESIS as GENESIS,
    LOGIN_FAILED as LOGIN_FAILED,
    MANUAL_RATE as MANUAL_RATE,
    MANUAL_RATE_ENTERED as MANUAL_RATE_ENTERED,
    OFFICER_ADDED as OFFICER_ADDED,
    OFFICER_ATTEMPTS_RESET as OFFICER_ATTEMPTS_RESET,
    OFFICER_LOCKED as OFFICER_LOCKED,
    OFFICER_STATE as OFFICER_STATE,
    OFFICER_UNLOCKED as OFFICER_UNLOCKED,
    PRINTED as PRINTED,
    RATES_IMPORTED as RATES_IMPORTED,
    REGISTRATION as REGISTRATION,
    RULESET_CONFIRMED as RULESET_CONFIRMED,
    RULESET_LOADED as RULESET_LOADED,
    SETTING_CHANGED as SETTING_CHANGED,
    STATION_INITIALISED as STATION_INITIALISED,
    SYNC_ACKNOWLEDGED as SYNC_ACKNOWLEDGED,
    TOLERANCE_ACCEPTED as TOLERANCE_ACCEPTED,
    canonical as canonical,
    canonical_sha256 as canonical_sha256,
    event_hash as event_hash,
    new_uuid as new_uuid,
    record_row_hash as record_row_hash,
    sha256 as sha256,
)
from gumruk_desk.register import db
from gumruk_desk.register.models import Event, Officer, Record


def now_iso() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


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
    """Add one link at the head of the chain (inside the caller's immediate transaction)."""
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
    events = _rows(session, _EVENTS_AFTER, (start_seq,))
    records = _rows(session, _RECORDS_AFTER, (first_record,))
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
        elif kind == OFFICER_PASSWORD_RESET:
            payload = json.loads(event["payload"])
            added = officer_events.get(payload["sicil"])
            if added is None:
                return fail(
                    f"#{seq} numaralı parola yenileme olayı, eklenmemiş bir memur "
                    f"({payload['sicil']}) için."
                )
            # Only the password changes: name, title and role stay what was added.
            officer_events[payload["sicil"]] = (
                {**added[0], "password_sha256": payload["password_sha256"]},
                seq,
            )
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


#: A supervisor set a new password for an officer (payload: the sicil and the new hash's
#: digest); the account is unlocked and its count of failures starts again from zero.
OFFICER_PASSWORD_RESET = "officer_password_reset"
#: A supervisor deactivated an officer's account (payload: the sicil, the moment, a reason):
#: no login, witness or approval from then on; the row and its name on records stay.
OFFICER_DEACTIVATED = "officer_deactivated"

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
        OFFICER_PASSWORD_RESET,
        OFFICER_DEACTIVATED,
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
    """The station row, the settings and each officer's lock-out state and deactivation as
    the events say they must be, replayed in chain order; :meth:`problem` compares them with
    the rows."""

    def __init__(self) -> None:
        self.station: tuple[dict[str, Any], int] | None = None
        self.settings: dict[str, tuple[str, int]] = {}  # key -> (value, seq)
        self.officers: dict[str, tuple[bool, int, int]] = {}  # sicil -> (locked, failed, seq)
        self.deactivated: dict[str, tuple[str, int]] = {}  # sicil -> (deactivated_at, seq)

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
        if kind == OFFICER_DEACTIVATED:
            self.deactivated[sicil] = (str(payload["deactivated_at"]), seq)
            return
        locked, failed, _seq = self.officers.get(sicil, (False, 0, seq))
        if kind in (OFFICER_ADDED, OFFICER_UNLOCKED, OFFICER_PASSWORD_RESET):
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
        station = next(
            _rows(session, f"SELECT {', '.join(_STATION_FIELDS)} FROM station WHERE id = 1"), None
        )
        if (station is None) != (self.station is None):
            return (
                "Masa bilgileri zincir dışında eklenmiş."
                if station is not None
                else "Masa bilgileri silinmiş (kuruluş olayı var, kaydı yok)."
            )
        if station is not None and self.station is not None:
            wanted, seq = self.station
            # demo is stored as 0/1 and said true/false: equal in Python either way.
            changed = [f for f in _STATION_FIELDS if station[f] != wanted.get(f)]
            if changed:
                return (
                    f"Masa bilgileri ({', '.join(changed)}) değiştirilmiş: #{seq} numaralı "
                    "kuruluş olayındakiyle tutmuyor."
                )
        rows = dict(db.cursor(session).execute("SELECT key, value FROM setting").fetchall())
        for key in sorted(set(rows) | set(self.settings)):
            if key not in self.settings:
                return f"'{key}' ayarı zincir dışında eklenmiş."
            value, seq = self.settings[key]
            if rows.get(key) != value:
                return (
                    f"'{key}' ayarı değiştirilmiş ya da silinmiş: #{seq} numaralı olaydakiyle "
                    "tutmuyor."
                )
        for officer in _officers(session):
            known = self.officers.get(officer.sicil)
            if known is None:
                continue  # an officer outside the chain is named by _verify_officers
            locked, failed, seq = known
            if bool(officer.locked) != locked or officer.failed_attempts != failed:
                return (
                    f"{officer.sicil} sicilli memurun kilit durumu ya da hatalı giriş sayısı "
                    f"değiştirilmiş: #{seq} numaralı olaydan sonra olması gerekenle tutmuyor."
                )
            deactivated = self.deactivated.get(officer.sicil)
            if officer.deactivated_at != (deactivated[0] if deactivated else None):
                return f"{officer.sicil} sicilli memurun devre dışı bırakılma bilgisi " + (
                    f"değiştirilmiş: #{deactivated[1]} numaralı olaydakiyle tutmuyor."
                    if deactivated
                    else "zincir dışında yazılmış (devre dışı bırakma olayı yok)."
                )
        return None


_HASH_AT = "SELECT hash FROM event WHERE seq = ?"
_EVENT_TABLE_COLUMNS = tuple(c.name for c in Event.__table__.columns)
_RECORD_TABLE_COLUMNS = tuple(c.name for c in Record.__table__.columns)
_EVENTS_AFTER = f"SELECT {', '.join(_EVENT_TABLE_COLUMNS)} FROM event WHERE seq > ? ORDER BY seq"
_RECORDS_AFTER = f"SELECT {', '.join(_RECORD_TABLE_COLUMNS)} FROM record WHERE id > ? ORDER BY id"
_OFFICER_COLUMNS = tuple(c.name for c in Officer.__table__.columns)
_OFFICERS_SQL = f"SELECT {', '.join(_OFFICER_COLUMNS)} FROM officer ORDER BY id"


def _rows(unit: db.Unit, sql: str, params: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
    """The rows of ``sql`` as column → value mappings, streamed (the whole register may not
    fit in memory at once)."""
    cur = db.cursor(unit)
    cur.execute(sql, params)
    names = [d[0] for d in cur.description]
    for row in cur:
        yield dict(zip(names, row, strict=True))


def _officers(unit: db.Unit) -> list[Officer]:
    """Every officer row, by id, as a detached :class:`Officer` (read, never written)."""
    return [Officer(**row) for row in _rows(unit, _OFFICERS_SQL)]


_LAST_REGISTERED = (
    f"SELECT record_id FROM event WHERE seq <= ? AND kind = '{REGISTRATION}' "
    "ORDER BY seq DESC LIMIT 1"
)


def _verify_bulletins(session: Session, events: dict[int, tuple[str, int]]) -> str | None:
    from gumruk_desk.register.rates_store import quotes_sha256

    rows = db.cursor(session).execute(
        "SELECT id, bulletin_date, quotes, sha256 FROM rate_bulletin ORDER BY id"
    )
    for row_id, bulletin_date, quotes, digest in rows:
        known = events.pop(row_id, None)
        if known is None:
            return f"{bulletin_date} tarihli kur bülteni (satır {row_id}) zincir dışında eklenmiş."
        if quotes_sha256(quotes) != known[0] or digest != known[0]:
            return (
                f"{bulletin_date} tarihli kur bülteni değiştirilmiş: özeti, #{known[1]} "
                "numaralı yükleme olayındakiyle tutmuyor."
            )
    if events:
        row_id, (_, seq) = next(iter(events.items()))
        return f"Kur bülteni (satır {row_id}) silinmiş (yükleme olayı #{seq})."
    return None


def _verify_officers(session: Session, events: dict[str, tuple[dict[str, Any], int]]) -> str | None:
    from gumruk_desk.register.officers import officer_fingerprint

    for officer in _officers(session):
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
    cur = db.cursor(session)
    events = vouched[MANUAL_RATE_ENTERED]
    rates = cur.execute(
        "SELECT id, rate_date, currency, try_per_unit, actor FROM manual_rate ORDER BY id"
    ).fetchall()
    for row_id, rate_date, currency, try_per_unit, actor in rates:
        known = events.pop(row_id, None)
        digest = manual_rate_digest(rate_date, currency, try_per_unit, actor)
        if known is None:
            return f"Elle girilen {currency} kuru (satır {row_id}) zincir dışında eklenmiş."
        if digest != known[0]:
            return (
                f"Elle girilen {currency} kuru (satır {row_id}) değiştirilmiş: #{known[1]} "
                "numaralı olaydakiyle tutmuyor."
            )
    if events:
        row_id, (_, seq) = next(iter(events.items()))
        return f"Elle girilen kur (satır {row_id}) silinmiş (olay #{seq})."
    events = vouched[RULESET_LOADED]
    files = cur.execute("SELECT id, ruleset_id, content, sha256 FROM ruleset_file ORDER BY id")
    for row_id, ruleset_id, content, stored in files:
        known = events.pop(row_id, None)
        if known is None:
            return f"'{ruleset_id}' kural seti (satır {row_id}) zincir dışında eklenmiş."
        if hashlib.sha256(content.encode()).hexdigest() != known[0] or stored != known[0]:
            return (
                f"'{ruleset_id}' kural seti değiştirilmiş: #{known[1]} numaralı yükleme "
                "olayındakiyle tutmuyor."
            )
    if events:
        row_id, (_, seq) = next(iter(events.items()))
        return f"Yüklenen kural seti (satır {row_id}) silinmiş (olay #{seq})."
    return None

"""What the hash chain is, independent of where it is kept: its one serialisation, its
hashes, its event kinds and the roles they name.

The desk's register writes and walks the chain in SQLite; the centre receives it and checks
every link again on PostgreSQL. Both take the rules from here, so that neither reaches into
the other: a hash the desk computes is the hash the centre recomputes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from typing import Any

import orjson

GENESIS = "0" * 64

# Event kinds; new features add kinds, never change the meaning of one.
REGISTRATION = "registration"
STATION_INITIALISED = "station_initialised"
OFFICER_ADDED = "officer_added"
OFFICER_UNLOCKED = "officer_unlocked"
OFFICER_LOCKED = "officer_locked"
LOGIN_FAILED = "login_failed"
#: A successful login after failed ones: the count of failures starts again from zero.
OFFICER_ATTEMPTS_RESET = "officer_attempts_reset"
#: An officer's lock-out state as it stood when the chain began to follow it (written once,
#: by the migration that brought that in, for the officers of an existing register).
OFFICER_STATE = "officer_state"
RATES_IMPORTED = "rates_imported"
MANUAL_RATE = "manual_rate"
MANUAL_RATE_ENTERED = "manual_rate_entered"
PRINTED = "print"
RULESET_LOADED = "ruleset_loaded"
#: A draft rule set confirmed to apply (by a supervisor or the centre); payload holds its digest.
RULESET_CONFIRMED = "ruleset_confirmed"
#: A yearly müsaade edilen fark a supervisor accepted into a rule set, with its computation.
TOLERANCE_ACCEPTED = "tolerance_accepted"
SETTING_CHANGED = "setting_changed"
CANCELLATION_REQUESTED = "cancellation_requested"
CANCELLATION_APPROVED = "cancellation_approved"
REPLACEMENT_LINKED = "replacement_linked"
LEDGER_PAGE_APPROVED = "ledger_page_approved"
PAPER_BLOCK_RESERVED = "paper_block_reserved"
PAPER_NUMBER_VOIDED = "paper_number_voided"
#: The centre's answers, one per record, written into the desk's own chain.
SYNC_ACKNOWLEDGED = "sync_acknowledged"
SYNC_REJECTED = "sync_rejected"
#: The register re-encrypted under a new key by a supervisor (payload: the new key's check
#: value, which names it without opening anything).
REGISTER_KEY_ROTATED = "register_key_rotated"

ROLE_OFFICER = "officer"
ROLE_SUPERVISOR = "supervisor"

#: The fields of an event that its hash covers, after the previous link's hash.
EVENT_FIELDS = ("seq", "uuid", "kind", "at", "actor", "record_id", "payload")

#: The columns of a record row that its row hash covers: every one but the hash itself (the
#: row's id included). The register's model is held to this list by a test.
RECORD_COLUMNS = (
    "id",
    "uuid",
    "number",
    "kind",
    "series",
    "office",
    "desk",
    "year",
    "seq",
    "registered_at",
    "record_date",
    "officer_sicil",
    "last_name_key",
    "id_number",
    "outcome_code",
    "paper_number",
    "content",
)
_RECORD_COLUMN_SET = frozenset(RECORD_COLUMNS)

#: What the desk adds to the interchange input when it registers a record (SPEC §9).
OUTPUT_KEYS = frozenset(
    {
        "number",
        "uuid",
        "registered_at",
        "office",
        "office_name",
        "customs_area",
        "desk",
        "officer",
        "officer_name",
        "officer_title",
        "witness_name",
        "witness_title",
        "demo",
        "replaces",
        "seizure_report",
        "rule_set",
        "rule_parameters",
        "valuation",
        "outcome",
    }
)


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


def _getter(row: Any) -> Callable[[str], Any]:
    """Field access for mappings (rows, JSON objects) and for objects with attributes."""
    return row.__getitem__ if isinstance(row, Mapping) else lambda name: getattr(row, name)


def record_row_hash(row: Any) -> str:
    """Hash over every column of a record row but the hash itself (the row's id included)."""
    if type(row) is dict and row.keys() == _RECORD_COLUMN_SET:  # a row about to be inserted
        return canonical_sha256(row)
    get = _getter(row)
    return canonical_sha256({name: get(name) for name in RECORD_COLUMNS})


def event_hash(event: Any) -> str:
    """sha256(prev_hash ‖ canonical(fields)) of an event: a row, an object or a JSON object."""
    get = _getter(event)
    return canonical_sha256({name: get(name) for name in EVENT_FIELDS}, str(get("prev_hash")))


def input_part(content: dict[str, Any]) -> dict[str, Any]:
    """The interchange input a registered record was made from (SPEC §9)."""
    return {k: v for k, v in content.items() if k not in OUTPUT_KEYS and k != "status"}


def page_digest(year: int, page: int, lines: list[dict[str, Any]]) -> str:
    """The digest a supervisor's approval of a ledger page carries: of the page's lines."""
    return sha256(canonical({"year": year, "page": page, "lines": lines}))

"""What the central service does, without HTTP: tokens, the per-desk chain, idempotent intake,
verification and reference data. One transaction per batch: a batch is stored whole or not
at all."""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import String, any_, create_engine, event, insert, inspect, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from gumruk_desk.central.models import (
    Base,
    Bulletin,
    CentralDesk,
    CentralEvent,
    CentralRecord,
    Conflict,
    RuleSetDoc,
    RuleSetInForce,
    Token,
)
from gumruk_desk.domain import chainspec, jsontext
from gumruk_desk.domain.chainspec import (
    CANCELLATION_REQUESTED,
    LEDGER_PAGE_APPROVED,
    ROLE_OFFICER,
    ROLE_SUPERVISOR,
    page_digest,
)
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.domain.validation import validate_record

TOKEN_PREFIX = "gmt_"
_WRITE = "gumruk_write"  # execution option: a transaction that writes (SQLite: BEGIN IMMEDIATE)
CANCELLATION_APPROVED = "cancellation_approved"


class ChainBroken(Exception):
    """The batch does not continue the desk's chain (or a link does not hash): 409."""


class ConflictingContent(Exception):
    """Different content under a UUID the centre already holds: 409, logged.

    ``fields`` names what differs, never its value (records hold personal data)."""

    def __init__(self, uuid: str, seq: int, fields: list[str], detail: str) -> None:
        super().__init__(uuid, detail)
        self.uuid, self.seq, self.fields, self.detail = uuid, seq, fields, detail


class BadBatch(ValueError):
    """A batch whose items contradict themselves or the desk's chain (a registration whose
    payload is not its record's, a cancellation approved by an officer who may not): 422.
    ``path`` says where in the body: ``events[3].actor``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


def now_iso() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def normal_url(url: str) -> str:
    """``postgresql://…`` uses psycopg 3; a bare path is a SQLite file."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DeskRef:
    id: int
    office: str
    desk: str


class CentralStore:
    def __init__(self, url: str, *, pool: int = 20) -> None:
        url = normal_url(url)
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            # A fixed pool per process: workers × pool stays under the server's
            # max_connections, and a request that finds every connection busy for
            # ``pool_timeout`` seconds is answered 503 (the desk comes back) rather than
            # opening connection after connection until PostgreSQL refuses them all.
            kwargs.update(pool_size=pool, max_overflow=0, pool_timeout=5, pool_pre_ping=True)
        # Statement parameters are the records themselves: kept out of SQLAlchemy's log and
        # out of the text of its errors. The name lets the centre's SQL log be told apart.
        kwargs.update(hide_parameters=True, logging_name="central")
        self.engine: Engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):

            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi: Any, _record: Any) -> None:
                cur = dbapi.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=FULL")
                cur.close()
                dbapi.isolation_level = None  # transactions begun below, not by the driver

            @event.listens_for(self.engine, "begin")
            def _begin(conn: Any) -> None:
                # An upload takes the write lock before it reads where the desk's chain
                # stands: another process on the same file waits for it (busy timeout)
                # and then reads the chain as it left it, instead of failing at once when
                # its read turns into a write.
                immediate = conn.get_execution_options().get(_WRITE, False)
                conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        self.sqlite = url.startswith("sqlite")
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        Base.metadata.create_all(self.engine)
        self._ensure_indexes()

    def _ensure_indexes(self) -> None:
        """create_all skips a table that exists, and its indexes with it: a centre created
        before an index was declared gains it here."""
        table = Base.metadata.tables[CentralEvent.__tablename__]
        for index in table.indexes:
            try:
                index.create(self.engine, checkfirst=True)
            except DBAPIError:
                # Another worker starting on the same database created it meanwhile.
                names = {found["name"] for found in inspect(self.engine).get_indexes(table.name)}
                if index.name not in names:
                    raise

    def close(self) -> None:
        self.engine.dispose()

    # -- desks and tokens --------------------------------------------------------------------
    def _desk(self, s: Session, office: str, desk: str, *, lock: bool = False) -> CentralDesk:
        query = select(CentralDesk).where(CentralDesk.office == office, CentralDesk.desk == desk)
        if lock and not self.sqlite:
            query = query.with_for_update()
        found = s.scalar(query)
        if found is None:
            found = CentralDesk(office=office, desk=desk, last_seq=0, last_hash=chainspec.GENESIS)
            s.add(found)
            s.flush()
        return found

    def issue_token(self, office: str, desk: str) -> str:
        """A new bearer token for the desk (only its hash is stored)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.sessions.begin() as s:
            found = self._desk(s, office.strip().upper(), desk.strip().upper())
            s.add(Token(desk_id=found.id, token_hash=token_hash(token), created_at=now_iso()))
        return token

    def issue_tokens(self, desks: list[tuple[str, str]]) -> list[str]:
        """A new token for each (office, desk), in one transaction (a load test's thousands)."""
        tokens = []
        with self.sessions.begin() as s:
            for office, desk in desks:
                token = TOKEN_PREFIX + secrets.token_urlsafe(32)
                found = self._desk(s, office.strip().upper(), desk.strip().upper())
                s.add(Token(desk_id=found.id, token_hash=token_hash(token), created_at=now_iso()))
                tokens.append(token)
        return tokens

    def authenticate(self, token: str) -> DeskRef | None:
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        with self.sessions() as s:
            row = s.execute(
                select(CentralDesk.id, CentralDesk.office, CentralDesk.desk)
                .join(Token, Token.desk_id == CentralDesk.id)
                .where(Token.token_hash == token_hash(token), Token.revoked_at.is_(None))
            ).first()
        return None if row is None else DeskRef(row[0], row[1], row[2])

    def state(self, desk: DeskRef) -> dict[str, Any]:
        with self.sessions() as s:
            found = s.get(CentralDesk, desk.id)
            assert found is not None
            return {
                "office": found.office,
                "desk": found.desk,
                "last_seq": found.last_seq,
                "last_hash": found.last_hash,
                "record_count": found.record_count,
            }

    # -- intake ------------------------------------------------------------------------------
    def ingest(self, desk: DeskRef, events: list[dict[str, Any]]) -> dict[str, Any]:
        """Store the batch after the desk's chain (idempotent); the per-item results.

        ``events`` are shaped as the HTTP layer validates them (every field of its type, a
        record row with every column on each registration); what they mean is checked here.
        """
        try:
            with self.sessions.begin() as s:
                s.connection(execution_options={_WRITE: True})
                return self._ingest(s, desk, events)
        except ConflictingContent as exc:
            with self.sessions.begin() as s:
                s.connection(execution_options={_WRITE: True})
                s.add(Conflict(desk_id=desk.id, uuid=exc.uuid, detail=exc.detail, at=now_iso()))
            raise
        except (IntegrityError, _DriverIntegrityError):
            # Every constraint is checked before the insert; what still collides is another
            # upload of the same desk (another worker) that moved the chain meanwhile. 409
            # makes the desk ask where the centre stands and go on from there.
            raise ChainBroken(
                "Bu masanın başka bir gönderimi merkezi aynı anda ilerletti; merkezin durumu "
                "sorulup yeniden gönderilmeli."
            ) from None

    def _ingest(self, s: Session, desk: DeskRef, events: list[dict[str, Any]]) -> dict[str, Any]:
        state = self._desk(s, desk.office, desk.desk, lock=True)
        facts = _ChainFacts(s, desk.id, state.last_seq)
        known: dict[str, CentralEvent | _Held] = {
            found.uuid: found
            for found in s.scalars(
                select(CentralEvent).where(
                    CentralEvent.desk_id == desk.id,
                    self._among(CentralEvent.uuid, [e["uuid"] for e in events]),
                )
            )
        }
        rows = [e["record"] for e in events if e["record"] is not None]
        held_uuids = set(
            s.scalars(
                select(CentralRecord.uuid).where(
                    self._among(CentralRecord.uuid, [r["uuid"] for r in rows])
                )
            )
        )
        held_numbers = set(
            s.scalars(
                select(CentralRecord.number).where(
                    CentralRecord.desk_id == desk.id,
                    self._among(CentralRecord.number, [r["number"] for r in rows]),
                )
            )
        )
        results: list[dict[str, Any]] = []
        received = now_iso()
        new_events: list[tuple[Any, ...]] = []
        new_records: list[tuple[Any, ...]] = []
        last_seq, last_hash, record_count = state.last_seq, state.last_hash, state.record_count
        for index, item in enumerate(events):
            seen = known.get(item["uuid"])
            if seen is not None:
                results.append(self._replayed(s, desk, seen, item))
                continue
            if item["seq"] != last_seq + 1 or item["prev_hash"] != last_hash:
                raise ChainBroken(
                    f"#{item['seq']} olayı masanın zincirini sürdürmüyor: merkezdeki son olay "
                    f"#{last_seq}."
                )
            if chainspec.event_hash(item) != item["hash"]:
                raise ChainBroken(f"#{item['seq']} olayının özeti içeriğiyle tutmuyor.")
            facts.take(index, item)
            new_events.append(
                (desk.id, *(item[name] for name in _EVENT_COLUMNS), received),
            )
            last_seq, last_hash = item["seq"], item["hash"]
            if item["kind"] == chainspec.REGISTRATION:
                row = item["record"]
                if row["uuid"] in held_uuids or row["number"] in held_numbers:
                    raise ConflictingContent(
                        item["uuid"],
                        item["seq"],
                        ["record.uuid" if row["uuid"] in held_uuids else "record.number"],
                        f"#{item['seq']} tescil olayının kaydı merkezde başka bir tescille "
                        "kayıtlı (aynı kayıt kimliği ya da numarası).",
                    )
                held_uuids.add(row["uuid"])
                held_numbers.add(row["number"])
                record_count += 1
                result, stored_row = self._record(desk, index, item, received)
                results.append(result)
                new_records.append(stored_row)
                answer = {k: result[k] for k in _RECORD_ANSWER}
                known[item["uuid"]] = _Held(item, stored_row[_RECORD_ROW.index("row")], answer)
            else:
                results.append({"seq": item["seq"], "uuid": item["uuid"], "status": "stored"})
                known[item["uuid"]] = _Held(item, None, {})
        if new_events:
            self._write(s, new_events, new_records)
            state.last_seq, state.last_hash, state.record_count = last_seq, last_hash, record_count
        s.flush()
        return {
            "results": results,
            "last_seq": state.last_seq,
            "last_hash": state.last_hash,
            "record_count": state.record_count,
        }

    def _among(self, column: Any, values: list[str]) -> Any:
        """``column IN values``; on PostgreSQL one array parameter (``= ANY``) rather than a
        placeholder per value, which the driver would parse in every batch's query."""
        if self.sqlite:
            return column.in_(values)
        return column == any_(literal(values, ARRAY(String)))

    def _write(
        self, s: Session, events: list[tuple[Any, ...]], records: list[tuple[Any, ...]]
    ) -> None:
        """The batch's new rows in bulk: COPY into PostgreSQL (a batch of 500 events goes in
        two statements, not through the ORM's per-object bookkeeping and one giant INSERT the
        driver has to parse), an executemany into SQLite."""
        if self.sqlite:
            tables = Base.metadata.tables
            rows = [dict(zip(_EVENT_ROW, e, strict=True)) for e in events]
            s.execute(insert(tables[CentralEvent.__tablename__]), rows)
            if records:
                rows = [dict(zip(_RECORD_ROW, r, strict=True)) for r in records]
                s.execute(insert(tables[CentralRecord.__tablename__]), rows)
            return
        raw = s.connection().connection.driver_connection
        assert raw is not None
        with raw.cursor() as cur:
            with cur.copy(_COPY_EVENTS) as copy:
                for row in events:
                    copy.write_row(row)
            if records:
                with cur.copy(_COPY_RECORDS) as copy:
                    for row in records:
                        copy.write_row(row)

    def _replayed(
        self, s: Session, desk: DeskRef, seen: CentralEvent | _Held, item: dict[str, Any]
    ) -> dict[str, Any]:
        """A link the centre holds, sent again: "already present" only if it is the same link,
        field by field (the hash alone vouches for nothing the centre does not recompute), and
        a registration only with the same record row."""
        differing = [name for name in _EVENT_COLUMNS if getattr(seen, name) != item[name]]
        answer: dict[str, Any] = {}
        if not differing and seen.kind == chainspec.REGISTRATION:
            if isinstance(seen, _Held):  # earlier in this batch, not written yet
                row, answer = seen.row, seen.answer
            else:
                found = s.scalar(
                    select(CentralRecord).where(
                        CentralRecord.desk_id == desk.id,
                        CentralRecord.uuid == json.loads(seen.payload)["uuid"],
                    )
                )
                row = None if found is None else found.row
                if found is not None:
                    answer = {
                        "record_uuid": found.uuid,
                        "number": found.number,
                        "central_ref": found.central_ref,
                        "record_status": found.status,
                        "reason": found.reason,
                    }
            if row is not None and row != chainspec.canonical(item["record"]):
                differing.append("record")
        if differing:
            raise ConflictingContent(
                item["uuid"],
                item["seq"],
                differing,
                f"#{item['seq']} olayı merkezde başka içerikle kayıtlı (merkez #{seen.seq} "
                f"{seen.hash[:12]}; farklı: {', '.join(differing)}).",
            )
        return {"seq": item["seq"], "uuid": item["uuid"], "status": "already_present", **answer}

    def _record(
        self, desk: DeskRef, index: int, item: dict[str, Any], received: str
    ) -> tuple[dict[str, Any], tuple[Any, ...]]:
        """The registration's record checked against its event and validated (once: the
        desk's own validation vouches for nothing here); its answer and its row."""
        row = item["record"]
        row_hash = chainspec.record_row_hash({k: v for k, v in row.items() if k != "row_hash"})
        expected = chainspec.canonical(
            {"number": row["number"], "row_hash": row["row_hash"], "uuid": row["uuid"]}
        )
        if item["payload"] != expected:
            # Not the payload this desk writes: read it (strictly) and compare what it says.
            payload = _payload_object(index, item, "tescil olayının")
            agrees = (
                row["row_hash"] == payload.get("row_hash")
                and row["number"] == payload.get("number")
                and row["uuid"] == payload.get("uuid")
            )
        else:
            agrees = True
        if not agrees or row_hash != row["row_hash"] or row["id"] != item["record_id"]:
            raise ChainBroken(f"#{item['seq']} tescil olayındaki kayıt, olayın özetiyle tutmuyor.")
        if (row["office"], row["desk"]) != (desk.office, desk.desk):
            raise BadBatch(f"events[{index}].record", f"{row['number']} bu masanın kaydı değil.")
        status, reason = "accepted", None
        try:
            content = _content_object(row["content"])

            # What the desk's bulletin priced is cash there (a currency long withdrawn but
            # still in TCMB's bulletin); a rate typed by hand vouches for nothing.
            columns = (content.get("valuation") or {}).get("rate_columns") or {}
            priced = {c for c, column in columns.items() if column not in ("manual", "TRY")}
            validate_record(
                chainspec.input_part(content),
                datetime.date.fromisoformat(str(row["record_date"])),
                currencies=priced,
                # A record registered before its valuation kept the exit's cover (and the
                # rules that came with it): validated by the rules it was registered under.
                legacy="exit_cover" not in (content.get("valuation") or {}),
                boxes=False,
            )
        except InvalidRecord as exc:
            status = "rejected"
            reason = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)[:2000]
        except Exception as exc:  # whatever the content does, it must not block the chain
            status = "rejected"
            reason = f"Kayıt içeriği okunamıyor ({exc.__class__.__name__}): {exc}"[:2000]
        central_ref = f"MRK-{desk.office}-{desk.desk}-{item['seq']:08d}"
        stored = (
            desk.id,
            row["uuid"],
            row["number"],
            row["kind"],
            row["id_number"],
            row["outcome_code"],
            row["row_hash"],
            chainspec.canonical(row),
            status,
            reason,
            central_ref,
            received,
        )
        result = {
            "seq": item["seq"],
            "uuid": item["uuid"],
            "status": "stored" if status == "accepted" else "rejected",
            "record_uuid": row["uuid"],
            "number": row["number"],
            "central_ref": central_ref,
            "record_status": status,
            "reason": reason,
        }
        return result, stored

    # -- verification --------------------------------------------------------------------------
    def verify(self, number: str, document: str) -> dict[str, Any]:
        number = "".join(number.split()).upper()
        unknown = {"status": "unknown", "number": number}
        with self.sessions() as s:
            found = s.scalar(select(CentralRecord).where(CentralRecord.number == number))
            if (
                found is None
                or found.kind != "nakit_beyan"
                or found.outcome_code != "declared"
                or found.status != "accepted"
                or "".join(document.split()).upper() != found.id_number.upper()
            ):
                return unknown
            row = json.loads(found.row)
            content = json.loads(row["content"])
            cancelled = s.scalar(
                select(CentralEvent.at).where(
                    CentralEvent.desk_id == found.desk_id,
                    CentralEvent.kind == CANCELLATION_APPROVED,
                    CentralEvent.record_id == row["id"],
                )
            )
        answer: dict[str, Any] = {
            "status": "genuine" if cancelled is None else "cancelled",
            "number": found.number,
            "date": row["record_date"],
            "office": content.get("office"),
            "office_name": content.get("office_name"),
            "person": {
                "first_name": content["person"]["first_name"],
                "last_name": content["person"]["last_name"],
            },
            "cash": content["cash"],
            "declared_try": content["valuation"]["declared_try"],
            "central_ref": found.central_ref,
        }
        if cancelled is not None:
            answer["cancelled_at"] = cancelled
        return answer

    # -- reference data ------------------------------------------------------------------------
    def load_bulletin(self, xml: bytes) -> str:
        from gumruk_desk.domain.rates import parse_tcmb_xml

        bulletin = parse_tcmb_xml(xml)  # refuses a bad file with a Turkish message
        digest = hashlib.sha256(xml).hexdigest()
        with self.sessions.begin() as s:
            if s.scalar(select(Bulletin.id).where(Bulletin.sha256 == digest)) is None:
                s.add(
                    Bulletin(
                        bulletin_date=bulletin.date.isoformat(),
                        xml=xml.decode("utf-8"),
                        sha256=digest,
                    )
                )
        return bulletin.date.isoformat()

    def bulletins(self, since: datetime.date | None) -> list[dict[str, str]]:
        with self.sessions() as s:
            query = select(Bulletin).order_by(Bulletin.bulletin_date, Bulletin.id)
            if since is not None:
                query = query.where(Bulletin.bulletin_date > since.isoformat())
            return [
                {"date": b.bulletin_date, "xml": b.xml, "sha256": b.sha256}
                for b in s.scalars(query.limit(400))
            ]

    def load_ruleset(self, text: str, in_force: bool = False) -> str:
        """Store a rule-set file for the desks (RuleSetError when it is not one); with
        ``in_force`` the centre confirms it, and desks confirm a draft when they sync."""
        from gumruk_desk.domain.rules import RuleSetError, parse_ruleset_text

        ruleset = parse_ruleset_text(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with self.sessions.begin() as s:
            if s.scalar(select(RuleSetDoc.id).where(RuleSetDoc.sha256 == digest)) is None:
                if s.scalar(select(RuleSetDoc.id).where(RuleSetDoc.ruleset_id == ruleset.id)):
                    # Records name their rule set by id: desks would refuse this one forever.
                    raise RuleSetError(
                        f"'{ruleset.id}' kimlikli başka bir kural seti zaten yüklü; yeni sürüm "
                        "yeni bir kimlikle yüklenmeli."
                    )
                s.add(RuleSetDoc(ruleset_id=ruleset.id, content=text, sha256=digest))
            if in_force and s.get(RuleSetInForce, digest) is None:
                s.add(
                    RuleSetInForce(
                        sha256=digest,
                        ruleset_id=ruleset.id,
                        confirmed_at=datetime.datetime.now(datetime.UTC).isoformat(),
                    )
                )
        return ruleset.id

    def rulesets(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            confirmed = set(s.scalars(select(RuleSetInForce.sha256)))
            return [
                {
                    "id": r.ruleset_id,
                    "content": r.content,
                    "sha256": r.sha256,
                    "in_force": r.sha256 in confirmed,
                }
                for r in s.scalars(select(RuleSetDoc).order_by(RuleSetDoc.id))
            ]

    def counts(self, desk: DeskRef) -> dict[str, int]:
        with self.sessions() as s:
            found = s.get(CentralDesk, desk.id)
            assert found is not None
            return {"events": found.last_seq, "records": found.record_count}


# -- what the events mean ------------------------------------------------------------------------

_EVENT_COLUMNS = ("seq", "uuid", "kind", "at", "actor", "record_id", "payload", "prev_hash", "hash")
_EVENT_ROW = ("desk_id", *_EVENT_COLUMNS, "received_at")
_RECORD_ROW = (
    "desk_id",
    "uuid",
    "number",
    "kind",
    "id_number",
    "outcome_code",
    "row_hash",
    "row",
    "status",
    "reason",
    "central_ref",
    "received_at",
)
_RECORD_ANSWER = ("record_uuid", "number", "central_ref", "record_status", "reason")
_COPY_EVENTS = f"COPY event ({', '.join(_EVENT_ROW)}) FROM STDIN"
_COPY_RECORDS = f"COPY record ({', '.join(_RECORD_ROW)}) FROM STDIN"

try:
    from psycopg.errors import IntegrityError as _DriverIntegrityError
except ImportError:  # a centre on SQLite only

    class _DriverIntegrityError(Exception):  # type: ignore[no-redef]
        pass


class _Held:
    """An event taken earlier in the same batch, as :meth:`CentralStore._replayed` reads a
    stored one (the batch names a link twice): its fields, its record row (canonical) and
    the answer given for it."""

    def __init__(self, item: dict[str, Any], row: str | None, answer: dict[str, Any]) -> None:
        self.seq, self.kind, self.payload, self.hash = (
            item["seq"],
            item["kind"],
            item["payload"],
            item["hash"],
        )
        self.fields = {name: item[name] for name in _EVENT_COLUMNS}
        self.row, self.answer = row, answer

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None


def _content_object(text: str) -> Any:
    """A record's content, read strictly. The desk writes it canonically, so orjson's reading
    that serialises back to exactly the text is the text's one reading (a key written twice
    would not come back); anything else takes the strict reader, which names what is wrong."""
    try:
        found = orjson.loads(text)
    except orjson.JSONDecodeError:
        found = None
    if isinstance(found, dict) and chainspec.canonical(found) == text:
        return found
    return jsontext.loads(text)


_ROLES = (ROLE_OFFICER, ROLE_SUPERVISOR)


def _payload_object(index: int, item: dict[str, Any], what: str) -> dict[str, Any]:
    """The event's payload as the JSON object the desk wrote (read strictly)."""
    try:
        payload = jsontext.loads(item["payload"])
    except (ValueError, RecursionError):
        payload = None
    if not isinstance(payload, dict):
        raise BadBatch(
            f"events[{index}].payload",
            f"#{item['seq']} {what} içeriği okunamıyor (bir JSON nesnesi olmalı).",
        )
    return payload


def _field(index: int, item: dict[str, Any], payload: dict[str, Any], name: str, kind: type) -> Any:
    value = payload.get(name)
    if type(value) is not kind:  # bool is not an int here
        raise BadBatch(
            f"events[{index}].payload",
            f"#{item['seq']} olayının içeriğinde '{name}' eksik ya da türü yanlış.",
        )
    return value


class _ChainFacts:
    """What judging a new event by its meaning needs to know of the desk's chain: the officers
    and their roles (the centre knows them only from the desk's ``officer_added`` events),
    cancellation requests, registered and cancelled records, the ledger's approved pages.

    Read from the events the centre held when the batch began (``seq <= stored``) and taken
    from the batch's own events in order; read only when an event needs it, and forgotten
    with the request, so that any worker judges any batch alike."""

    def __init__(self, s: Session, desk_id: int, stored: int) -> None:
        self.s, self.desk_id, self.stored = s, desk_id, stored
        self._officers: dict[str, str] | None = None  # sicil -> role
        self.requests: dict[int, tuple[str | None, int | None]] = {}  # seq -> actor, record
        self.registered: set[int] = set()
        self.cancelled: set[int] = set()
        self.pages: dict[int, tuple[int, int]] = {}  # year -> last approved page, its last line

    def _held(self, *columns: Any) -> Any:
        return select(*columns).where(
            CentralEvent.desk_id == self.desk_id, CentralEvent.seq <= self.stored
        )

    def officers(self) -> dict[str, str]:
        if self._officers is None:
            self._officers = {}
            query = self._held(CentralEvent.payload).where(
                CentralEvent.kind == chainspec.OFFICER_ADDED
            )
            for (payload,) in self.s.execute(query.order_by(CentralEvent.seq)):
                try:
                    data = json.loads(payload)
                    self._officers.setdefault(str(data["sicil"]), str(data["role"]))
                except (ValueError, KeyError, TypeError):
                    continue  # held before the centre read these; it names no officer
        return self._officers

    def take(self, index: int, item: dict[str, Any]) -> None:
        """Check ``item`` against what came before it (BadBatch), then remember it."""
        kind = item["kind"]
        if kind == chainspec.REGISTRATION:
            self.registered.add(item["record_id"])
        elif kind == chainspec.OFFICER_ADDED:
            self._officer_added(index, item)
        elif kind == CANCELLATION_REQUESTED:
            self._officer(index, item, item["actor"], "iptali isteyen")
            self.requests[item["seq"]] = (item["actor"], item["record_id"])
        elif kind == CANCELLATION_APPROVED:
            self._cancellation(index, item)
        elif kind == LEDGER_PAGE_APPROVED:
            self._ledger_page(index, item)

    def _officer_added(self, index: int, item: dict[str, Any]) -> None:
        payload = _payload_object(index, item, "memur ekleme olayının")
        sicil = _field(index, item, payload, "sicil", str)
        role = _field(index, item, payload, "role", str)
        if role not in _ROLES:
            raise BadBatch(
                f"events[{index}].payload",
                f"#{item['seq']}: {sicil} sicilli memurun yetkisi tanınmıyor "
                "(officer ya da supervisor olmalı).",
            )
        officers = self.officers()
        if sicil in officers:
            # A second entry could make an officer a supervisor after the fact.
            raise BadBatch(
                f"events[{index}].payload",
                f"#{item['seq']}: {sicil} sicilli memur masanın zincirinde zaten eklenmiş.",
            )
        officers[sicil] = role

    def _officer(self, index: int, item: dict[str, Any], sicil: str | None, who: str) -> str:
        """The role of ``sicil``, who must be one of the desk's officers."""
        role = self.officers().get(sicil) if sicil is not None else None
        if role is None:
            raise BadBatch(
                f"events[{index}].actor",
                f"#{item['seq']}: {who} memur belirtilmemiş."
                if sicil is None
                else f"#{item['seq']}: {who} {sicil} sicilli memur bu masanın zincirinde yok "
                "(memur ekleme olayı yok).",
            )
        return role

    def _supervisor(self, index: int, item: dict[str, Any], what: str) -> str:
        sicil = item["actor"]
        if self._officer(index, item, sicil, "onaylayan") != ROLE_SUPERVISOR:
            raise BadBatch(
                f"events[{index}].actor",
                f"#{item['seq']}: {sicil} sicilli memur amir değil: {what} yalnızca bir amir "
                "onaylar.",
            )
        return str(sicil)

    def _cancellation(self, index: int, item: dict[str, Any]) -> None:
        """As the desk's cancel() allows it: a supervisor approves another officer's request
        for a registered record not cancelled before."""
        seq, record_id = item["seq"], item["record_id"]
        payload = _payload_object(index, item, "iptal onayının")
        requested_by = _field(index, item, payload, "requested_by", str)
        request_seq = _field(index, item, payload, "request_seq", int)
        approver = self._supervisor(index, item, "iptali")
        if approver == requested_by:
            raise BadBatch(
                f"events[{index}].actor",
                f"#{seq}: iptali isteyen memur ({approver}) kendi isteğini onaylayamaz; "
                "başka bir amir onaylamalı.",
            )
        if request_seq < seq and request_seq in self.requests:
            request: tuple[Any, ...] | None = (CANCELLATION_REQUESTED, *self.requests[request_seq])
        elif request_seq <= self.stored:
            request = self.s.execute(
                self._held(CentralEvent.kind, CentralEvent.actor, CentralEvent.record_id).where(
                    CentralEvent.seq == request_seq
                )
            ).first()
        else:
            request = None
        if request is None or tuple(request) != (CANCELLATION_REQUESTED, requested_by, record_id):
            raise BadBatch(
                f"events[{index}].payload",
                f"#{seq}: iptal onayı, #{request_seq} olayında {requested_by} sicilli memurun "
                "bu kayıt için yaptığı bir iptal isteğine dayanmıyor.",
            )
        if record_id is None or not self._has(chainspec.REGISTRATION, record_id, self.registered):
            raise BadBatch(
                f"events[{index}].record_id",
                f"#{seq}: iptal edilen kayıt (kayıt {record_id}) bu masanın tescilli bir kaydı "
                "değil.",
            )
        if self._has(CANCELLATION_APPROVED, record_id, self.cancelled):
            raise BadBatch(
                f"events[{index}].record_id",
                f"#{seq}: kayıt {record_id} zaten iptal edilmiş.",
            )
        self.cancelled.add(record_id)

    def _has(self, kind: str, record_id: int, taken: set[int]) -> bool:
        """Whether an event of ``kind`` about ``record_id`` came before (held or in the batch)."""
        if record_id in taken:
            return True
        query = self._held(CentralEvent.id).where(
            CentralEvent.kind == kind, CentralEvent.record_id == record_id
        )
        return self.s.execute(query.limit(1)).first() is not None

    def _ledger_page(self, index: int, item: dict[str, Any]) -> None:
        """As the desk's ledger.approve() allows it: a supervisor approves the year's pages in
        order, each holding the lines after the previous page's, as its digest says."""
        seq = item["seq"]
        payload = _payload_object(index, item, "defter sayfası onayının")
        year = _field(index, item, payload, "year", int)
        page = _field(index, item, payload, "page", int)
        first_seq = _field(index, item, payload, "first_seq", int)
        last_seq = _field(index, item, payload, "last_seq", int)
        lines = _field(index, item, payload, "lines", list)
        self._supervisor(index, item, "defter sayfasını")
        previous_page, previous_last = self._last_page(year)
        if page != previous_page + 1:
            raise BadBatch(
                f"events[{index}].payload",
                f"#{seq}: {year} defterinin sayfaları sırayla onaylanır: onay bekleyen sayfa "
                f"{previous_page + 1}, onaylanan {page}.",
            )
        seqs = [line.get("seq") if isinstance(line, dict) else None for line in lines]
        if (
            not seqs
            or seqs[0] != first_seq
            or seqs[-1] != last_seq
            or not previous_last < first_seq <= last_seq < seq
        ):
            raise BadBatch(
                f"events[{index}].payload",
                f"#{seq}: {year} defterinin {page}. sayfası önceki sayfanın son satırından "
                f"(#{previous_last}) sonraki satırları tutmuyor.",
            )
        if payload.get("sha256") != page_digest(year, page, lines):
            raise BadBatch(
                f"events[{index}].payload",
                f"#{seq}: {year} defterinin {page}. sayfasının özeti satırlarıyla tutmuyor.",
            )
        self.pages[year] = (page, last_seq)

    def _last_page(self, year: int) -> tuple[int, int]:
        """The year's last approved page and its last line (0, 0 before the first)."""
        if year not in self.pages:
            self.pages[year] = (0, 0)
            query = self._held(CentralEvent.payload).where(
                CentralEvent.kind == LEDGER_PAGE_APPROVED
            )
            # Newest first: the year's last page is usually among the last approvals.
            rows = self.s.execute(
                query.order_by(CentralEvent.seq.desc()).execution_options(yield_per=50)
            )
            for (text,) in rows:
                try:
                    data = json.loads(text)
                    if data["year"] == year:
                        self.pages[year] = (int(data["page"]), int(data["last_seq"]))
                        break
                except (ValueError, KeyError, TypeError):
                    continue  # held before the centre read these
            rows.close()
        return self.pages[year]

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

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
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
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.register import chain

TOKEN_PREFIX = "gmt_"
CANCELLATION_APPROVED = "cancellation_approved"


class ChainBroken(Exception):
    """The batch does not continue the desk's chain (or a link does not hash): 409."""


class ConflictingContent(Exception):
    """Different content under a UUID the centre already holds: 409, logged."""


class BadBatch(ValueError):
    """A batch whose items contradict themselves (e.g. a registration without its record)."""


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
    def __init__(self, url: str) -> None:
        url = normal_url(url)
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs.update(pool_size=20, max_overflow=40, pool_pre_ping=True)
        self.engine: Engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):

            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi: Any, _record: Any) -> None:
                cur = dbapi.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=FULL")
                cur.close()

        self.sqlite = url.startswith("sqlite")
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        Base.metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- desks and tokens --------------------------------------------------------------------
    def _desk(self, s: Session, office: str, desk: str, *, lock: bool = False) -> CentralDesk:
        query = select(CentralDesk).where(CentralDesk.office == office, CentralDesk.desk == desk)
        if lock and not self.sqlite:
            query = query.with_for_update()
        found = s.scalar(query)
        if found is None:
            found = CentralDesk(office=office, desk=desk, last_seq=0, last_hash=chain.GENESIS)
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
        """Store the batch after the desk's chain (idempotent); the per-item results."""
        try:
            with self.sessions.begin() as s:
                return self._ingest(s, desk, events)
        except ConflictingContent as exc:
            with self.sessions.begin() as s:
                s.add(
                    Conflict(
                        desk_id=desk.id,
                        uuid=str(exc.args[0]),
                        detail=str(exc.args[1]),
                        at=now_iso(),
                    )
                )
            raise

    def _ingest(self, s: Session, desk: DeskRef, events: list[dict[str, Any]]) -> dict[str, Any]:
        state = self._desk(s, desk.office, desk.desk, lock=True)
        uuids = [e["uuid"] for e in events]
        known = {
            row[0]: (row[1], row[2])
            for row in s.execute(
                select(CentralEvent.uuid, CentralEvent.hash, CentralEvent.seq).where(
                    CentralEvent.desk_id == desk.id, CentralEvent.uuid.in_(uuids)
                )
            )
        }
        results: list[dict[str, Any]] = []
        received = now_iso()
        for item in events:
            seen = known.get(item["uuid"])
            if seen is not None:
                if seen != (item["hash"], item["seq"]):
                    raise ConflictingContent(
                        item["uuid"],
                        f"#{item['seq']} olayı merkezde başka içerikle kayıtlı "
                        f"(merkez #{seen[1]} {seen[0][:12]}, gelen {item['hash'][:12]}).",
                    )
                results.append(self._already(s, desk, item))
                continue
            if item["seq"] != state.last_seq + 1 or item["prev_hash"] != state.last_hash:
                raise ChainBroken(
                    f"#{item['seq']} olayı masanın zincirini sürdürmüyor: merkezdeki son olay "
                    f"#{state.last_seq}."
                )
            if chain.event_hash(item) != item["hash"]:
                raise ChainBroken(f"#{item['seq']} olayının özeti içeriğiyle tutmuyor.")
            s.add(
                CentralEvent(
                    desk_id=desk.id,
                    seq=item["seq"],
                    uuid=item["uuid"],
                    kind=item["kind"],
                    at=item["at"],
                    actor=item["actor"],
                    record_id=item["record_id"],
                    payload=item["payload"],
                    prev_hash=item["prev_hash"],
                    hash=item["hash"],
                    received_at=received,
                )
            )
            state.last_seq, state.last_hash = item["seq"], item["hash"]
            known[item["uuid"]] = (item["hash"], item["seq"])
            if item["kind"] == chain.REGISTRATION:
                results.append(self._record(s, desk, state, item, received))
            else:
                results.append({"seq": item["seq"], "uuid": item["uuid"], "status": "stored"})
        s.flush()
        return {
            "results": results,
            "last_seq": state.last_seq,
            "last_hash": state.last_hash,
            "record_count": state.record_count,
        }

    def _already(self, s: Session, desk: DeskRef, item: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {
            "seq": item["seq"],
            "uuid": item["uuid"],
            "status": "already_present",
        }
        if item["kind"] == chain.REGISTRATION and item.get("record"):
            found = s.scalar(
                select(CentralRecord).where(
                    CentralRecord.desk_id == desk.id,
                    CentralRecord.uuid == item["record"]["uuid"],
                )
            )
            if found is not None:
                result.update(
                    record_uuid=found.uuid,
                    number=found.number,
                    central_ref=found.central_ref,
                    record_status=found.status,
                    reason=found.reason,
                )
        return result

    def _record(
        self,
        s: Session,
        desk: DeskRef,
        state: CentralDesk,
        item: dict[str, Any],
        received: str,
    ) -> dict[str, Any]:
        row = item.get("record")
        if not isinstance(row, dict):
            raise BadBatch(f"#{item['seq']} tescil olayı kaydını taşımıyor.")
        payload = json.loads(item["payload"])
        if (
            chain.record_row_hash(row) != payload.get("row_hash")
            or row.get("row_hash") != payload.get("row_hash")
            or row.get("number") != payload.get("number")
            or row.get("uuid") != payload.get("uuid")
            or row.get("id") != item["record_id"]
        ):
            raise ChainBroken(f"#{item['seq']} tescil olayındaki kayıt, olayın özetiyle tutmuyor.")
        if (row.get("office"), row.get("desk")) != (desk.office, desk.desk):
            raise BadBatch(f"{row.get('number')} bu masanın kaydı değil.")
        status, reason = "accepted", None
        try:
            content = json.loads(row["content"])
            from gumruk_desk.register.registry import input_part

            # What the desk's bulletin priced is cash there (a currency long withdrawn but
            # still in TCMB's bulletin); a rate typed by hand vouches for nothing.
            columns = (content.get("valuation") or {}).get("rate_columns") or {}
            priced = {c for c, column in columns.items() if column not in ("manual", "TRY")}
            validate_record(
                input_part(content),
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
        state.record_count += 1
        central_ref = f"MRK-{desk.office}-{desk.desk}-{item['seq']:08d}"
        s.add(
            CentralRecord(
                desk_id=desk.id,
                uuid=row["uuid"],
                number=row["number"],
                kind=row["kind"],
                id_number=row["id_number"],
                outcome_code=row["outcome_code"],
                row_hash=row["row_hash"],
                row=chain.canonical(row),
                status=status,
                reason=reason,
                central_ref=central_ref,
                received_at=received,
            )
        )
        return {
            "seq": item["seq"],
            "uuid": item["uuid"],
            "status": "stored" if status == "accepted" else "rejected",
            "record_uuid": row["uuid"],
            "number": row["number"],
            "central_ref": central_ref,
            "record_status": status,
            "reason": reason,
        }

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

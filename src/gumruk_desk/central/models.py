"""The central database: desks and their tokens (hashes only), every desk's chain of events,
the records they carried, conflicts seen, and the reference data desks pull."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class CentralDesk(Base):
    __tablename__ = "desk"
    __table_args__ = (UniqueConstraint("office", "desk"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office: Mapped[str] = mapped_column(String(20))
    desk: Mapped[str] = mapped_column(String(20))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    record_count: Mapped[int] = mapped_column(Integer, default=0)


class Token(Base):
    __tablename__ = "token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desk.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[str] = mapped_column(String(40))
    revoked_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class CentralEvent(Base):
    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("desk_id", "seq"),
        UniqueConstraint("desk_id", "uuid"),
        # The events judged by what came before (officers added, cancellations, ledger pages)
        # and verification's cancellation look-up: found without reading a desk's chain.
        Index("ix_event_desk_kind_record", "desk_id", "kind", "record_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desk.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(20), nullable=True)
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[str] = mapped_column(String(40))


class CentralRecord(Base):
    __tablename__ = "record"
    __table_args__ = (UniqueConstraint("desk_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desk.id"), index=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str] = mapped_column(String(60), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    id_number: Mapped[str] = mapped_column(String(40))
    outcome_code: Mapped[str] = mapped_column(String(30))
    row_hash: Mapped[str] = mapped_column(String(64))
    row: Mapped[str] = mapped_column(Text)  # the desk's record row, canonical JSON
    status: Mapped[str] = mapped_column(String(20))  # "accepted" | "rejected"
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    central_ref: Mapped[str] = mapped_column(String(60), unique=True)
    received_at: Mapped[str] = mapped_column(String(40))


class Conflict(Base):
    """Different content offered under a UUID the centre already holds: logged, refused."""

    __tablename__ = "conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desk.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    detail: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(40))


class Bulletin(Base):
    __tablename__ = "bulletin"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bulletin_date: Mapped[str] = mapped_column(String(10), index=True)
    xml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)


class RuleSetDoc(Base):
    __tablename__ = "ruleset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ruleset_id: Mapped[str] = mapped_column(String(60))
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)


class RuleSetInForce(Base):
    """The centre's confirmation that a (draft) rule set applies: desks confirm it on sync.
    A table of its own, so a centre created before it gains it with create_all."""

    __tablename__ = "ruleset_in_force"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    ruleset_id: Mapped[str] = mapped_column(String(60))
    confirmed_at: Mapped[str] = mapped_column(String(40))

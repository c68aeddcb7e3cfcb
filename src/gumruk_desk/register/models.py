"""Typed SQLAlchemy models of the register.

``record`` and ``event`` are append-only (SQLite triggers refuse UPDATE and DELETE as a second
line of defence; the hash chain is the first). ``officer`` and ``station`` are configuration
and may change, each change leaving an event in the chain.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Station(Base):
    __tablename__ = "station"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    office_code: Mapped[str] = mapped_column(String(10))
    office_name: Mapped[str] = mapped_column(String(200))
    desk_code: Mapped[str] = mapped_column(String(10))
    customs_area: Mapped[str] = mapped_column(String(200), default="")
    central_url: Mapped[str] = mapped_column(String(300), default="")
    rate_column: Mapped[str] = mapped_column(String(20), default="BanknoteBuying")
    demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[str] = mapped_column(String(40))


class Officer(Base):
    __tablename__ = "officer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sicil: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))  # "officer" | "supervisor"
    password_hash: Mapped[str] = mapped_column(String(300))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[str] = mapped_column(String(40))


class RateBulletinRow(Base):
    """One imported TCMB bulletin; a re-import of the same date adds a row (the newest wins)."""

    __tablename__ = "rate_bulletin"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bulletin_date: Mapped[str] = mapped_column(String(10), index=True)
    bulletin_number: Mapped[str | None] = mapped_column(String(40))
    quotes: Mapped[str] = mapped_column(Text)  # canonical JSON of the quotes
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(40))  # "tcmb-xml" | "central"
    imported_at: Mapped[str] = mapped_column(String(40))


class Record(Base):
    """A registered Nakit Beyan Formu or Nakit Açıklama Tutanağı, as registered, forever."""

    __tablename__ = "record"
    __table_args__ = (
        UniqueConstraint("series", "office", "desk", "year", "seq", name="uq_record_series_seq"),
        Index("ix_record_last_name_key_id", "last_name_key", text("id DESC")),
        Index("ix_record_id_number", "id_number"),
        # Unique where there is one (revision 0009): most records were not filled on paper.
        Index(
            "uq_record_paper_number",
            "paper_number",
            unique=True,
            sqlite_where=text("paper_number IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36))  # not indexed (revision 0009)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    series: Mapped[str] = mapped_column(String(4))
    office: Mapped[str] = mapped_column(String(10))
    desk: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    registered_at: Mapped[str] = mapped_column(String(40))
    record_date: Mapped[str] = mapped_column(String(10))
    officer_sicil: Mapped[str] = mapped_column(String(20))
    last_name_key: Mapped[str] = mapped_column(String(80))
    id_number: Mapped[str] = mapped_column(String(30))
    outcome_code: Mapped[str] = mapped_column(String(30))
    paper_number: Mapped[str | None] = mapped_column(String(60))
    content: Mapped[str] = mapped_column(Text)  # canonical JSON of the registered record
    row_hash: Mapped[str] = mapped_column(String(64))  # over every other column


class Event(Base):
    """One link of the hash chain: registration, print, cancellation, approval, login failure…"""

    __tablename__ = "event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(20))
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"), index=True)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Draft(Base):
    """An unfinished wizard: working data, saved often, removed when registered or discarded."""

    __tablename__ = "draft"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    officer_sicil: Mapped[str] = mapped_column(String(20))
    page: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)  # JSON of the fields typed so far
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


class Setting(Base):
    """A desk setting (key/value); each change leaves an event in the chain."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(40))


class ManualRateRow(Base):
    """A rate typed by a supervisor for a currency the bulletin of that day lacks."""

    __tablename__ = "manual_rate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rate_date: Mapped[str] = mapped_column(String(10), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    try_per_unit: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(20))
    entered_at: Mapped[str] = mapped_column(String(40))


class RuleSetFile(Base):
    """A rule-set file loaded by a supervisor (the shipped ones live in resources/)."""

    __tablename__ = "ruleset_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ruleset_id: Mapped[str] = mapped_column(String(60))
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(20))
    loaded_at: Mapped[str] = mapped_column(String(40))

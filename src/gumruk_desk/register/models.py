"""Typed SQLAlchemy models of the register.

``record`` and ``event`` are append-only (SQLite triggers refuse UPDATE and DELETE as a second
line of defence; the hash chain is the first). ``officer`` and ``station`` are configuration
and may change, each change leaving an event in the chain.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gumruk_desk.register.reader import (
    EXIT_REFERENCE_SQL,
    SEIZURE_NUMBER_SQL,
    SEIZURE_PREDICATE_SQL,
)


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
    #: When a supervisor deactivated the account (never again a login, a witness or an
    #: approval); None while active. The row stays: its name is on records already signed.
    deactivated_at: Mapped[str | None] = mapped_column(String(40), default=None)

    @property
    def active(self) -> bool:
        return self.deactivated_at is None

    @property
    def can_sign(self) -> bool:
        """May log in, witness or approve now: neither locked nor deactivated."""
        return self.active and not self.locked


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
        # The window's kind and date filters, newest first.
        Index("ix_record_kind_id", "kind", "id"),
        Index("ix_record_date_id", "record_date", "id"),
        # Records that put cash into custody, their seizure report numbers, and the exits
        # that cite a Nakit Beyan Formu: SQLite uses an index on an expression only for a
        # query of the very same text, which the register's queries take from here.
        Index("ix_record_seizure", "id", sqlite_where=text(SEIZURE_PREDICATE_SQL)),
        Index(
            "ix_record_seizure_number",
            text(SEIZURE_NUMBER_SQL),
            unique=True,
            sqlite_where=text(f"{SEIZURE_NUMBER_SQL} IS NOT NULL"),
        ),
        Index(
            "ix_record_exit_reference",
            text(EXIT_REFERENCE_SQL),
            sqlite_where=text(f"{EXIT_REFERENCE_SQL} IS NOT NULL"),
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


#: The login failures of one sicil, newest first (``officers.last_login_failure``).
login_failures_index = Index(
    "ix_event_login_failed_sicil",
    text("json_extract(payload, '$.sicil')"),
    sqlite_where=text("kind = 'login_failed'"),
)


class Event(Base):
    """One link of the hash chain: registration, print, cancellation, approval, login failure…"""

    __tablename__ = "event"
    # One partial index per kind the register looks up (kind literals in its queries): by
    # record for what happened to a record, by sequence for the latest of a kind.
    __table_args__ = (
        *(
            Index(name, column, sqlite_where=text(f"kind = '{kind}'"))
            for name, column, kind in (
                ("ix_event_cancelled", "record_id", "cancellation_approved"),
                ("ix_event_synced", "record_id", "sync_acknowledged"),
                ("ix_event_sync_rejected", "record_id", "sync_rejected"),
                ("ix_event_print", "record_id", "print"),
                ("ix_event_replacement", "record_id", "replacement_linked"),
                ("ix_event_ledger", "seq", "ledger_page_approved"),
                ("ix_event_paper_block", "seq", "paper_block_reserved"),
                ("ix_event_paper_void", "seq", "paper_number_voided"),
                ("ix_event_ruleset_confirmed", "seq", "ruleset_confirmed"),
                ("ix_event_tolerance_accepted", "seq", "tolerance_accepted"),
            )
        ),
        login_failures_index,
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(20))
    record_id: Mapped[int | None] = mapped_column(ForeignKey("record.id"))
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

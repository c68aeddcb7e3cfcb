"""Typed input records for the two documents (SPEC §9), built only by the validator."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from gumruk_desk.domain.money import MoneyLine


class Kind(StrEnum):
    NAKIT_BEYAN = "nakit_beyan"  # EK-1, Nakit Beyan Formu
    NAKIT_ACIKLAMA = "nakit_aciklama"  # EK-2, Nakit Açıklama Tutanağı


class Direction(StrEnum):
    ENTRY = "entry"
    EXIT = "exit"


class SourceCategory(StrEnum):
    EXPORT = "export"
    TRANSIT_TRADE = "transit_trade"
    FOREIGN_CAPITAL = "foreign_capital"
    OTHER_FREE = "other_free"
    LOAN_FROM_ABROAD = "loan_from_abroad"
    PERSONAL_CAPITAL = "personal_capital"


class IdKind(StrEnum):
    TCKN = "tckn"
    PASSPORT = "passport"
    VKN = "vkn"


class ArrivalReasonCode(StrEnum):
    EXPORT = "export"
    FOREIGN_CAPITAL = "foreign_capital"
    TRANSIT_TRADE = "transit_trade"
    OTHER = "other"


class SelectionBasis(StrEnum):
    RISK_ANALYSIS = "risk_analysis"
    RANDOM = "random"
    OFFICER_ASSESSMENT = "officer_assessment"


class Residence(StrEnum):
    RESIDENT = "resident"
    NON_RESIDENT = "non_resident"
    CITIZEN_WORKING_ABROAD = "citizen_working_abroad"


class FoundWhere(StrEnum):
    """Where the seized cash was found (Law 1918 Art. 54/2 "nerede ve ne suretle")."""

    ON_PERSON = "on_person"
    BAGGAGE = "baggage"
    VEHICLE = "vehicle"
    OTHER = "other"


@dataclass(frozen=True)
class PresentPerson:
    """One of the two persons present who sign a seizure report (Law 1918 Art. 54)."""

    name: str
    id_number: str


@dataclass(frozen=True)
class SeizureFacts:
    """What only the officers can say of a seizure: where and how the cash was found, the
    facts in their own words, the person's own statement, a written order where the act needs
    one, and the two persons present (Law 1918 Art. 54)."""

    found: FoundWhere
    found_detail: str | None
    facts: str
    statement: str | None  # None: the person gave no statement
    order_date: datetime.date | None = None
    order_number: str | None = None
    present: tuple[PresentPerson, ...] = ()


class ExceptionKind(StrEnum):
    ENTRY_DECLARATION = "entry_declaration"
    BANK_DOCUMENT = "bank_document"


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    id_kind: IdKind
    id_number: str
    birth_place: str
    birth_date: datetime.date
    nationality: str
    father_name: str
    mother_name: str | None = None
    occupation: str | None = None
    address: str | None = None
    phone: str | None = None
    destination_address: str | None = None
    destination_phone: str | None = None

    @property
    def full_name(self) -> str:
        """ "Hans Müller": both names are required, so neither is ever empty."""
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class PaperRef:
    """A form first filled on paper during an outage and entered later (§O4, §O6)."""

    number: str
    ledger_page: int
    ledger_line: int
    filled_at: datetime.datetime


@dataclass(frozen=True)
class ArrivalReason:
    code: ArrivalReasonCode
    text: str


@dataclass(frozen=True)
class Beneficiary:
    name: str
    legal_entity: bool
    nationality: str | None
    id_kind: IdKind
    id_number: str


@dataclass(frozen=True)
class Sender:
    name: str
    id_number: str | None


@dataclass(frozen=True)
class ExitException:
    kind: ExceptionKind
    reference: str
    #: A bank document's money lines: what it proves was bought, and all it covers.
    cash: tuple[MoneyLine, ...] = ()


@dataclass(frozen=True)
class DeclarationInput:
    """EK-1 Nakit Beyan Formu."""

    direction: Direction
    person: Person
    source_category: SourceCategory
    arrival_reason: ArrivalReason
    cash: tuple[MoneyLine, ...]
    beneficiary: Beneficiary
    source_country: str
    paper: PaperRef | None = None
    seizure: SeizureFacts | None = None
    country_to: str | None = None  # a declaration on exit: the country of destination

    kind = Kind.NAKIT_BEYAN


@dataclass(frozen=True)
class ExplanationInput:
    """EK-2 Nakit Açıklama Tutanağı."""

    direction: Direction
    person: Person
    source_category: SourceCategory
    selection_basis: SelectionBasis
    country_from: str | None
    country_to: str | None
    declared: tuple[MoneyLine, ...] | None  # None: the person made no explanation (22.b)
    detected: tuple[MoneyLine, ...]
    sender: Sender | None
    purpose: str | None
    source: str | None
    witness_officer: str | None
    residence: Residence | None = None
    exit_exception: ExitException | None = None
    signature_refused_reason: str | None = None
    custody_override: tuple[MoneyLine, ...] | None = None
    paper: PaperRef | None = None
    seizure: SeizureFacts | None = None

    kind = Kind.NAKIT_ACIKLAMA


RecordInput = DeclarationInput | ExplanationInput

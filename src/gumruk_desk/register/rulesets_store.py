"""Rule sets loaded from a file by a supervisor, next to the shipped ones; the confirmations
that make a draft apply; the yearly tolerances a supervisor accepted into a rule set.

A loaded rule set changes what registrations compute from its effective date on, so its row
is append-only and vouched for by a chain event (``ruleset_loaded``) holding its digest. A
confirmation (``ruleset_confirmed``) and an accepted tolerance (``tolerance_accepted``) are
chain events themselves: append-only and hashed, never rows that could be edited.

Plain SQL through :func:`db.cursor`: every registration reads the rule sets on the DB-API
connection of :meth:`Database.write`, so the whole module speaks the one dialect that
connection and a session both take.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from gumruk_desk.domain import money
from gumruk_desk.domain.rules import (
    RuleSet,
    RuleSetError,
    ToleranceStep,
    applies,
    parse_ruleset_text,
    select_ruleset,
    supersession_notices,
)
from gumruk_desk.domain.tolerance import Proposal, propose
from gumruk_desk.register import chain, db
from gumruk_desk.resources import revaluation_rates, shipped_rulesets

MAX_RULESET_BYTES = 1_000_000


@dataclass(frozen=True)
class RuleSetInfo:
    id: str
    title: str
    legal_source: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    origin: str  # "shipped" | "loaded"
    in_force: bool  # the one registrations of the day use
    status: str = "in_force"  # as the file says: "in_force" | "draft"
    confirmed_by: str | None = None  # a draft's confirmation: a supervisor's sicil, "central"
    exit_mode: str = "limits_with_exceptions"
    unconfirmed: tuple[str, ...] = ()  # parameters whose source was not confirmed
    unconfirmed_labels: tuple[str, ...] = ()  # the same, in Turkish
    notices: tuple[str, ...] = field(default_factory=tuple)  # e.g. "superseded since …"


# Loaded rows never change, so a parse is kept by the digest that the row and its
# ``ruleset_loaded`` event vouch for; the row's content is hashed against that digest on
# every read, so a row changed behind the desk's back is never used.
_PARSED: dict[str, RuleSet] = {}


def loaded_rulesets(unit: db.Unit) -> tuple[RuleSet, ...]:
    found = []
    rows = db.cursor(unit).execute(
        "SELECT ruleset_id, content, sha256 FROM ruleset_file ORDER BY id"
    )
    for ruleset_id, content, digest in rows:
        if hashlib.sha256(content.encode()).hexdigest() != digest:
            raise RuleSetError(
                f"Yüklenen '{ruleset_id}' kural seti kaydı değiştirilmiş; "
                "'gumruk-desk verify' çalıştırın."
            )
        parsed = _PARSED.get(digest)
        if parsed is None:
            parsed = _PARSED[digest] = parse_ruleset_text(content)
        found.append(parsed)
    return tuple(found)


_CONFIRMED_SQL = "SELECT payload, actor FROM event WHERE kind = 'ruleset_confirmed' ORDER BY seq"
_TOLERANCES_SQL = "SELECT payload FROM event WHERE kind = 'tolerance_accepted' ORDER BY seq"


def confirmations(unit: db.Unit) -> dict[str, str]:
    """The digests of the draft rule sets confirmed here, each with who confirmed it."""
    found: dict[str, str] = {}
    for payload, actor in db.cursor(unit).execute(_CONFIRMED_SQL).fetchall():
        found.setdefault(json.loads(payload)["sha256"], actor or "")
    return found


def _lapsed_ids(unit: db.Unit, every: tuple[RuleSet, ...], confirmed: dict[str, str]) -> set[str]:
    """Drafts confirmed here whose file has since changed (a new release, another file from
    the centre): the confirmation named the old file, so the new one applies to nothing until
    it is confirmed in turn. Said, never silent."""
    ids = {
        json.loads(payload)["ruleset_id"]
        for payload, _actor in db.cursor(unit).execute(_CONFIRMED_SQL).fetchall()
    }
    return {r.id for r in every if r.id in ids and not applies(r, confirmed)}


def _lapsed_notice(ruleset_id: str) -> str:
    return (
        f"Kural seti {ruleset_id} onaylanmıştı, ancak dosyası değişti: onay düştü, yeni kayıtlar "
        "ona göre yapılmıyor; amir yeniden onaylamalı (Ayarlar → Kural setleri)."
    )


@dataclass(frozen=True)
class State:
    """What the status bar says of the rule sets on a day, read once."""

    ruleset: RuleSet | None
    problem: str | None  # why there is none in force
    notices: tuple[str, ...]
    notices_short: tuple[str, ...]
    lapsed: tuple[str, ...]


def state(unit: db.Unit, day: datetime.date) -> State:
    every = available_rulesets(unit)
    confirmed = confirmations(unit)
    lapsed = tuple(_lapsed_notice(i) for i in sorted(_lapsed_ids(unit, every, confirmed)))
    try:
        ruleset = select_ruleset(every, day, confirmed)
    except RuleSetError as exc:
        return State(None, str(exc), (), (), lapsed)
    return State(
        ruleset,
        None,
        tuple(supersession_notices(ruleset, every, day, confirmed)),
        tuple(supersession_notices(ruleset, every, day, confirmed, short=True)),
        lapsed,
    )


def accepted_tolerances(unit: db.Unit) -> dict[str, list[ToleranceStep]]:
    found: dict[str, list[ToleranceStep]] = {}
    for (payload,) in db.cursor(unit).execute(_TOLERANCES_SQL).fetchall():
        item = json.loads(payload)
        found.setdefault(item["ruleset_id"], []).append(
            ToleranceStep(
                int(item["year"]), money.parse_amount(item["amount_try"]), item["source"], True
            )
        )
    return found


def available_rulesets(unit: db.Unit) -> tuple[RuleSet, ...]:
    """Every rule set the desk knows, with the yearly tolerances accepted into each."""
    accepted = accepted_tolerances(unit)
    return tuple(
        r.with_tolerances(accepted.get(r.id, ()))
        for r in shipped_rulesets() + loaded_rulesets(unit)
    )


def find(unit: db.Unit, ruleset_id: str) -> RuleSet:
    for ruleset in available_rulesets(unit):
        if ruleset.id == ruleset_id:
            return ruleset
    known = ", ".join(r.id for r in available_rulesets(unit))
    raise RuleSetError(f"'{ruleset_id}' kimlikli bir kural seti yok (bilinenler: {known}).")


def confirm_ruleset(session: Session, ruleset_id: str, actor: str) -> bool:
    """Make the draft ``ruleset_id`` apply from its effective date on (``actor``: the
    supervisor's sicil, or "central"). False when it already applies; RuleSetError when it
    is not known. Audited in the chain with the digest of the very file confirmed."""
    ruleset = find(session, ruleset_id)
    if applies(ruleset, confirmations(session)):
        return False
    chain.append_event(
        session,
        chain.RULESET_CONFIRMED,
        {
            "ruleset_id": ruleset.id,
            "sha256": ruleset.digest,
            "effective_from": ruleset.effective_from.isoformat(),
        },
        actor=actor,
    )
    return True


def tolerance_proposal(unit: db.Unit, ruleset_id: str, year: int) -> Proposal:
    return propose(find(unit, ruleset_id), year, revaluation_rates())


def accept_tolerance(session: Session, ruleset_id: str, year: int, actor: str) -> Proposal:
    """Accept the computed tolerance of ``year`` into ``ruleset_id`` (audited)."""
    proposal = tolerance_proposal(session, ruleset_id, year)
    chain.append_event(
        session,
        chain.TOLERANCE_ACCEPTED,
        {
            "ruleset_id": ruleset_id,
            "year": year,
            "amount_try": money.format_amount(proposal.amount_try),
            "source": f"{proposal.source_tr()}; amir {actor} kabul etti",
            "computation": proposal.lines_tr(),
        },
        actor=actor,
    )
    return proposal


def in_force(unit: db.Unit, day: datetime.date) -> RuleSet:
    return select_ruleset(available_rulesets(unit), day, confirmations(unit))


def load_ruleset(session: Session, data: bytes, actor: str) -> RuleSet:
    """Check and store a rule-set file (RuleSetError in Turkish; nothing stored on error).

    The same file again is accepted without a second row; another file with the id of a
    shipped or loaded rule set is refused, since records name their rule set by id.
    """
    if len(data) > MAX_RULESET_BYTES:
        raise RuleSetError("Kural seti dosyası çok büyük (en çok 1 MB).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleSetError("Kural seti dosyası UTF-8 metin değil.") from None
    ruleset = parse_ruleset_text(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    if any(r.id == ruleset.id for r in shipped_rulesets()):
        raise RuleSetError(f"'{ruleset.id}' kural seti uygulamayla birlikte geliyor; yüklenemez.")
    cur = db.cursor(session)
    existing = cur.execute(
        "SELECT sha256 FROM ruleset_file WHERE ruleset_id = ? LIMIT 1", (ruleset.id,)
    ).fetchone()
    if existing is not None:
        if existing[0] == digest:
            return ruleset
        raise RuleSetError(
            f"'{ruleset.id}' kimlikli başka bir kural seti zaten yüklü; kayıtlar kural setini "
            "kimliğiyle andığından yeni sürüm yeni bir kimlikle yüklenmeli."
        )
    cur.execute(
        "INSERT INTO ruleset_file (ruleset_id, content, sha256, actor, loaded_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (ruleset.id, text, digest, actor, chain.now_iso()),
    )
    chain.append_event(
        session,
        chain.RULESET_LOADED,
        {
            "row_id": cur.lastrowid,
            "ruleset_id": ruleset.id,
            "effective_from": ruleset.effective_from.isoformat(),
            "sha256": digest,
        },
        actor=actor,
    )
    return ruleset


def load_from_central(session: Session, data: bytes, in_force: bool) -> None:
    """A file the centre serves: loaded unless it is a shipped one; confirmed by "central"
    when the centre sends a draft as in force."""
    try:
        text = data.decode("utf-8") if len(data) <= MAX_RULESET_BYTES else ""
    except UnicodeDecodeError:
        text = ""  # load_ruleset says why, in Turkish
    ruleset = parse_ruleset_text(text) if text else None
    if ruleset is None or not any(
        r.id == ruleset.id and r.digest == ruleset.digest for r in shipped_rulesets()
    ):
        ruleset = load_ruleset(session, data, "central")
    if in_force and ruleset.status == "draft":
        confirm_ruleset(session, ruleset.id, "central")


def ruleset_infos(session: Session, today: datetime.date) -> list[RuleSetInfo]:
    shipped = {r.id for r in shipped_rulesets()}
    every = available_rulesets(session)
    confirmed = confirmations(session)
    lapsed_ids = _lapsed_ids(session, every, confirmed)
    try:
        current = select_ruleset(every, today, confirmed).id
    except RuleSetError:
        current = None
    return [
        RuleSetInfo(
            r.id,
            r.title,
            r.legal_source,
            r.effective_from,
            r.effective_to,
            "shipped" if r.id in shipped else "loaded",
            r.id == current,
            r.status,
            confirmed.get(r.digest) if r.status == "draft" else None,
            r.exit_mode,
            tuple(p.name for p in r.unconfirmed),
            tuple(p.label for p in r.unconfirmed),
            tuple(
                supersession_notices(r, every, today, confirmed)
                + ([_lapsed_notice(r.id)] if r.id in lapsed_ids else [])
            ),
        )
        for r in every
    ]


def info_for(ruleset: RuleSet, today: datetime.date, session: Session) -> RuleSetInfo:
    return next(i for i in ruleset_infos(session, today) if i.id == ruleset.id)

"""Rule sets loaded from a file by a supervisor, next to the shipped ones.

A loaded rule set changes what registrations compute from its effective date on, so its row
is append-only and vouched for by a chain event (``ruleset_loaded``) holding its digest.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gumruk_desk.domain.rules import RuleSet, RuleSetError, parse_ruleset_text, select_ruleset
from gumruk_desk.register import chain, db
from gumruk_desk.register.models import RuleSetFile
from gumruk_desk.resources import shipped_rulesets

MAX_RULESET_BYTES = 1_000_000


@dataclass(frozen=True)
class RuleSetInfo:
    id: str
    title: str
    legal_source: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    origin: str  # "shipped" | "loaded"
    in_force: bool


# Loaded rows never change, so a parse is kept by the digest that the row and its
# ``ruleset_loaded`` event vouch for; a row is checked against it once per connection.
_PARSED: dict[str, RuleSet] = {}


def loaded_rulesets(unit: db.Unit) -> tuple[RuleSet, ...]:
    found = []
    # Plain SQL: this runs in every registration, where an ORM query costs ~0.3 ms.
    cur = db.cursor(unit)
    checked = db.checked_rows(cur)
    for row_id, digest in cur.execute("SELECT id, sha256 FROM ruleset_file ORDER BY id").fetchall():
        if checked.get(("ruleset_file", row_id)) != digest or digest not in _PARSED:
            ruleset_id, content = cur.execute(
                "SELECT ruleset_id, content FROM ruleset_file WHERE id = ?", (row_id,)
            ).fetchone()
            if hashlib.sha256(content.encode()).hexdigest() != digest:
                raise RuleSetError(
                    f"Yüklenen '{ruleset_id}' kural seti kaydı değiştirilmiş; "
                    "'gumruk-desk verify' çalıştırın."
                )
            if digest not in _PARSED:
                _PARSED[digest] = parse_ruleset_text(content)
            checked[("ruleset_file", row_id)] = digest
        found.append(_PARSED[digest])
    return tuple(found)


def available_rulesets(unit: db.Unit) -> tuple[RuleSet, ...]:
    return shipped_rulesets() + loaded_rulesets(unit)


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
    existing = session.scalar(select(RuleSetFile).where(RuleSetFile.ruleset_id == ruleset.id))
    if existing is not None:
        if existing.sha256 == digest:
            return ruleset
        raise RuleSetError(
            f"'{ruleset.id}' kimlikli başka bir kural seti zaten yüklü; kayıtlar kural setini "
            "kimliğiyle andığından yeni sürüm yeni bir kimlikle yüklenmeli."
        )
    row = RuleSetFile(
        ruleset_id=ruleset.id, content=text, sha256=digest, actor=actor, loaded_at=chain.now_iso()
    )
    session.add(row)
    session.flush()
    chain.append_event(
        session,
        chain.RULESET_LOADED,
        {
            "row_id": row.id,
            "ruleset_id": ruleset.id,
            "effective_from": ruleset.effective_from.isoformat(),
            "sha256": digest,
        },
        actor=actor,
    )
    return ruleset


def ruleset_infos(session: Session, today: datetime.date) -> list[RuleSetInfo]:
    shipped = shipped_rulesets()
    loaded = loaded_rulesets(session)
    try:
        current = select_ruleset(shipped + loaded, today).id
    except RuleSetError:
        current = None
    return [
        RuleSetInfo(
            r.id,
            r.title,
            r.legal_source,
            r.effective_from,
            r.effective_to,
            origin,
            r.id == current,
        )
        for origin, group in (("shipped", shipped), ("loaded", loaded))
        for r in group
    ]


def info_for(ruleset: RuleSet, today: datetime.date, session: Session) -> RuleSetInfo:
    return next(i for i in ruleset_infos(session, today) if i.id == ruleset.id)

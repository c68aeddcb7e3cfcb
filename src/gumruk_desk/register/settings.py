"""Desk settings (key/value). Each change is an event of the chain, so a supervisor's change
of, say, the idle lock is on the record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gumruk_desk.register import chain
from gumruk_desk.register.models import Setting

IDLE_LOCK_MINUTES = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 5
MAX_IDLE_LOCK_MINUTES = 240


class SettingError(ValueError):
    """An unacceptable setting value (Turkish message)."""


def get(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else row.value


def put(session: Session, key: str, value: str, actor: str) -> None:
    row = session.get(Setting, key)
    if row is not None and row.value == value:
        return
    now = chain.now_iso()
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=now))
    else:
        row.value, row.updated_at = value, now
    session.flush()
    chain.append_event(session, chain.SETTING_CHANGED, {"key": key, "value": value}, actor=actor)


def idle_lock_minutes(session: Session) -> int:
    value = get(session, IDLE_LOCK_MINUTES)
    return DEFAULT_IDLE_LOCK_MINUTES if value is None else int(value)


def set_idle_lock_minutes(session: Session, minutes: int, actor: str) -> None:
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not (0 <= minutes <= MAX_IDLE_LOCK_MINUTES)
    ):
        raise SettingError(
            f"Kilit süresi 0 ile {MAX_IDLE_LOCK_MINUTES} dakika arasında bir tam sayı olmalı "
            "(0: kilitlenmez)."
        )
    put(session, IDLE_LOCK_MINUTES, str(minutes), actor)

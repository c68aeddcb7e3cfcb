"""Desk settings (key/value). Each change is an event of the chain, so a supervisor's change
of, say, the idle lock is on the record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gumruk_desk.errors import SettingError as SettingError
from gumruk_desk.register import chain
from gumruk_desk.register.models import Setting

IDLE_LOCK_MINUTES = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 5
MIN_IDLE_LOCK_MINUTES = 1  # a desk full of personal data always locks: there is no "off"
MAX_IDLE_LOCK_MINUTES = 240


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
    """The idle time before the desk locks. A value outside the range — the "0: never" an
    older desk could store — is not obeyed: the default applies (the settings say so)."""
    minutes = valid_idle_lock_minutes(get(session, IDLE_LOCK_MINUTES))
    return DEFAULT_IDLE_LOCK_MINUTES if minutes is None else minutes


def valid_idle_lock_minutes(value: str | None) -> int | None:
    """The stored value as minutes when it is one the desk obeys, else None."""
    try:
        minutes = int(value) if value is not None else None
    except ValueError:
        return None
    if minutes is None or not MIN_IDLE_LOCK_MINUTES <= minutes <= MAX_IDLE_LOCK_MINUTES:
        return None
    return minutes


def set_idle_lock_minutes(session: Session, minutes: int, actor: str) -> None:
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not (MIN_IDLE_LOCK_MINUTES <= minutes <= MAX_IDLE_LOCK_MINUTES)
    ):
        raise SettingError(
            f"Kilit süresi {MIN_IDLE_LOCK_MINUTES} ile {MAX_IDLE_LOCK_MINUTES} dakika arasında "
            "bir tam sayı olmalı; masanın kilidi kapatılamaz."
        )
    put(session, IDLE_LOCK_MINUTES, str(minutes), actor)

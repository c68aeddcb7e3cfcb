"""Officers: memory-hard password hashes (scrypt), lock-out after repeated failures, and what
a supervisor does to an account (add, unlock, a new password, deactivation) — each change an
event in the chain.

The login never tells whether a sicil exists: an unknown sicil costs the same scrypt, gets
the same count of remaining attempts (kept in the chain's ``login_failed`` events, so it
survives a restart like a real account's count) and, after the fifth try, the same "locked"
answer naming the same supervisors. Only the right password of a deactivated account is
told that the account is deactivated: whoever types it is that officer.

Through the ORM session the caller passes: accounts are loaded, changed and handed to the
window as :class:`Officer` objects, a few times a shift.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session

from gumruk_desk.domain.chainspec import (
    ROLE_OFFICER as ROLE_OFFICER,
    ROLE_SUPERVISOR as ROLE_SUPERVISOR,
)
from gumruk_desk.domain.problems import Problem
from gumruk_desk.errors import AuthError as AuthError, OfficerError as OfficerError
from gumruk_desk.register import chain
from gumruk_desk.register.models import Officer

MAX_FAILED_ATTEMPTS = 5
MIN_PASSWORD_LENGTH = 8
MAX_REASON_LENGTH = 200
# scrypt: 2**14 × 8 × 128 B = 16 MiB of memory per guess, about 50 ms here.
_N, _R, _P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
_SICIL_RE = re.compile(r"^[A-Za-z0-9]{1,20}$")

#: An account's state as lists and the command line name it.
STATE_ACTIVE, STATE_LOCKED, STATE_DEACTIVATED = "active", "locked", "deactivated"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM, dklen=32
    )
    encoded = [base64.b64encode(x).decode() for x in (salt, digest)]
    return "$".join(["scrypt", str(_N), str(_R), str(_P), *encoded])


# A well-formed hash of no password anyone has (its digest is zeros): an unknown sicil is
# checked against it, so that it costs the same scrypt as a wrong password and the time of the
# answer does not tell which sicils exist.
_NOBODY = "$".join(
    ["scrypt", str(_N), str(_R), str(_P)] + [base64.b64encode(bytes(n)).decode() for n in (16, 32)]
)


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_MAXMEM,
            dklen=len(base64.b64decode(digest)),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def officer_problems(*, sicil: str, name: str, title: str, password: str) -> list[Problem]:
    """What is wrong with a new officer's data (empty: nothing)."""
    problems = []
    if not _SICIL_RE.match(sicil):
        problems.append(Problem("sicil", "Sicil numarası 1-20 harf veya rakamdan oluşmalı."))
    if not name.strip():
        problems.append(Problem("name", "Memurun adı soyadı boş olamaz."))
    if not title.strip():
        problems.append(Problem("title", "Memurun unvanı boş olamaz."))
    # What the signature boxes of the printed forms hold.
    if len(" ".join(name.split())) > 60:
        problems.append(Problem("name", "Memurun adı soyadı en fazla 60 karakter olabilir."))
    if len(" ".join(title.split())) > 60:
        problems.append(Problem("title", "Memurun unvanı en fazla 60 karakter olabilir."))
    return problems + password_problems(password)


def password_problems(password: str) -> list[Problem]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Problem("password", f"Parola en az {MIN_PASSWORD_LENGTH} karakter olmalı.")]
    return []


def add_officer(
    session: Session,
    *,
    sicil: str,
    name: str,
    title: str,
    password: str,
    supervisor: bool,
    actor: str | None = None,
) -> Officer:
    problems = officer_problems(sicil=sicil, name=name, title=title, password=password)
    if problems:
        raise OfficerError(problems)
    if session.scalar(select(Officer.id).where(Officer.sicil == sicil)) is not None:
        raise OfficerError(f"{sicil} sicilli memur zaten kayıtlı.", "sicil")
    officer = Officer(
        sicil=sicil,
        name=" ".join(name.split()),
        title=" ".join(title.split()),
        role=ROLE_SUPERVISOR if supervisor else ROLE_OFFICER,
        password_hash=hash_password(password),
        failed_attempts=0,
        locked=False,
        created_at=chain.now_iso(),
    )
    session.add(officer)
    session.flush()
    chain.append_event(
        session,
        chain.OFFICER_ADDED,
        officer_fingerprint(officer),
        actor=actor,
    )
    return officer


def officer_fingerprint(officer: Officer) -> dict[str, str]:
    """What the chain vouches for about an officer: identity, role and password hash (as a
    digest; the scrypt hash itself never leaves this table)."""
    return {
        "sicil": officer.sicil,
        "name": officer.name,
        "title": officer.title,
        "role": officer.role,
        "password_sha256": hashlib.sha256(officer.password_hash.encode()).hexdigest(),
    }


def select_all() -> Select[Officer]:
    return select(Officer).order_by(Officer.sicil)


def find_officer(session: Session, sicil: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.sicil == sicil))


def authenticate(session: Session, sicil: str, password: str) -> Officer | None:
    """Check a password inside the caller's transaction, which must be committed either way.

    Returns the officer, or None after recording the failure (and the lock-out on the fifth
    failure in a row). A locked account fails even with the right password.
    """
    officer = find_officer(session, sicil)
    if officer is None:
        check_password(password, _NOBODY)  # the same work as for a known sicil
        last = last_login_failure(session, sicil)
        attempt = int(last.get("attempt", 1)) + 1 if last else 1
        chain.append_event(
            session,
            chain.LOGIN_FAILED,
            {"sicil": sicil, "reason": "unknown", "attempt": attempt},
        )
        return None
    if officer.locked:
        check_password(password, _NOBODY)  # as long as any other answer
        chain.append_event(session, chain.LOGIN_FAILED, {"sicil": sicil, "reason": "locked"})
        return None
    if check_password(password, officer.password_hash):
        if not officer.active:
            chain.append_event(
                session, chain.LOGIN_FAILED, {"sicil": sicil, "reason": "deactivated"}
            )
            return None
        if officer.failed_attempts:
            # In the chain, so that the count of failures (what the lock-out is decided on)
            # can be followed event by event and not be reset behind the desk's back.
            chain.append_event(session, chain.OFFICER_ATTEMPTS_RESET, {"sicil": sicil})
            officer.failed_attempts = 0
        return officer
    officer.failed_attempts += 1
    chain.append_event(
        session,
        chain.LOGIN_FAILED,
        {"sicil": sicil, "reason": "password", "attempt": officer.failed_attempts},
    )
    if officer.failed_attempts >= MAX_FAILED_ATTEMPTS:
        officer.locked = True
        chain.append_event(session, chain.OFFICER_LOCKED, {"sicil": sicil})
    return None


_LAST_FAILURE_SQL = text(
    # Written out to match the partial index ix_event_login_failed_sicil (migration 0015):
    # SQLite uses it only for these very literals, never for bound parameters in their place.
    f"SELECT payload FROM event WHERE kind = '{chain.LOGIN_FAILED}' "
    "AND json_extract(payload, '$.sicil') = :sicil ORDER BY seq DESC LIMIT 1"
)


def last_login_failure(session: Session, sicil: str) -> dict[str, Any] | None:
    """The payload of the newest ``login_failed`` event of ``sicil`` (None: there is none)."""
    found = session.scalar(_LAST_FAILURE_SQL, {"sicil": sicil})
    if found is None:
        return None
    payload = json.loads(found)
    return payload if isinstance(payload, dict) else None


def auth_failure_message(session: Session, sicil: str) -> str:
    """Why :func:`authenticate` just failed for ``sicil``, read from the failure it recorded.

    An unknown sicil is answered in the very words of a known one with a wrong password —
    the remaining attempts, then "locked" — so that the answer never tells whether it exists.
    """
    last = last_login_failure(session, sicil) or {}
    officer = find_officer(session, sicil)
    if last.get("reason") == "deactivated" and officer is not None:
        return (
            f"{sicil} sicilli memurun hesabı {day_of(officer.deactivated_at)} tarihinde devre "
            "dışı bırakıldı: bu hesapla giriş yapılamaz, şahitlik ve onay verilemez. Hesap "
            "yanlışlıkla kapatıldıysa bir idare amirine başvurun."
        )
    attempt = int(last.get("attempt", MAX_FAILED_ATTEMPTS))
    if (officer is not None and officer.locked) or attempt >= MAX_FAILED_ATTEMPTS:
        return locked_message(session, sicil)
    left = MAX_FAILED_ATTEMPTS - attempt
    return (
        f"Sicil veya parola hatalı ({sicil}). Hesap kilitlenmeden önce {left} deneme "
        "hakkınız kaldı."
    )


def locked_message(session: Session, sicil: str) -> str:
    """The answer to a locked account: who can open it (the supervisors who can sign now, by
    name only: the login screen never shows a sicil that could then be guessed at)."""
    names = ", ".join(f"{o.name} ({o.title})" for o in unlockers(session))
    nobody = "Bu masada kilidi açabilecek etkin bir idare amiri yok; sistem sorumlusuna başvurun."
    who = f"Kilidi bir idare amiri açabilir: {names}." if names else nobody
    return (
        f"{sicil} sicilli hesap art arda {MAX_FAILED_ATTEMPTS} hatalı parola nedeniyle "
        f"kilitli. {who} Amir, Yönetim → Memurlar penceresinde hesabı seçip Kilidi aç'a basar."
    )


def unlockers(session: Session) -> list[Officer]:
    """The supervisors who could unlock an account now (neither locked nor deactivated)."""
    return [
        o
        for o in session.scalars(select_all().where(Officer.role == ROLE_SUPERVISOR))
        if o.can_sign
    ]


def state(officer: Officer) -> str:
    """``active``, ``locked`` or ``deactivated`` (deactivation wins: it is for good)."""
    if not officer.active:
        return STATE_DEACTIVATED
    return STATE_LOCKED if officer.locked else STATE_ACTIVE


def day_of(moment: str | None) -> str:
    """GG.AA.YYYY of an ISO moment (the moment itself when it is not one)."""
    text = moment or ""
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}.{text[5:7]}.{text[0:4]}"
    return text


def _require_supervisor(supervisor: Officer, what: str) -> None:
    if supervisor.role != ROLE_SUPERVISOR:
        raise AuthError(f"{what} yalnızca bir idare amiri yapabilir.")


def _target(session: Session, sicil: str, what: str) -> Officer:
    """The officer a supervisor acts on: registered and not deactivated."""
    officer = find_officer(session, sicil)
    if officer is None:
        raise OfficerError(f"{sicil} sicilli memur yok.")
    if not officer.active:
        raise OfficerError(
            f"{sicil} sicilli memurun hesabı {day_of(officer.deactivated_at)} tarihinde devre "
            f"dışı bırakıldı: {what}."
        )
    return officer


def unlock(session: Session, sicil: str, supervisor: Officer) -> Officer:
    _require_supervisor(supervisor, "Kilidi açmayı")
    officer = _target(session, sicil, "kilidi açılamaz")
    officer.locked = False
    officer.failed_attempts = 0
    chain.append_event(session, chain.OFFICER_UNLOCKED, {"sicil": sicil}, actor=supervisor.sicil)
    return officer


def reset_password(session: Session, sicil: str, password: str, supervisor: Officer) -> Officer:
    """A new password set by a supervisor: the account is also unlocked and its count of
    failures starts again (the reason to reset is usually a forgotten password)."""
    _require_supervisor(supervisor, "Parola yenilemeyi")
    problems = password_problems(password)
    if problems:
        raise OfficerError(problems)
    officer = _target(session, sicil, "parolası yenilenemez")
    officer.password_hash = hash_password(password)
    officer.locked = False
    officer.failed_attempts = 0
    chain.append_event(
        session,
        chain.OFFICER_PASSWORD_RESET,
        {"sicil": sicil, "password_sha256": officer_fingerprint(officer)["password_sha256"]},
        actor=supervisor.sicil,
    )
    return officer


def deactivate(
    session: Session,
    sicil: str,
    supervisor: Officer,
    *,
    reason: str = "",
    logged_in: str | None = None,
) -> Officer:
    """Deactivate an account for good: no login, witness or approval from now on. The row
    stays (its name is on records already registered), and so do its drafts.

    ``logged_in``: the officer whose session asks (the window's); that account is refused,
    as is the last supervisor who could still sign (nobody would be left to unlock an
    account, approve a cancellation or a ledger page).
    """
    _require_supervisor(supervisor, "Hesabı devre dışı bırakmayı")
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON_LENGTH:
        raise OfficerError(f"Gerekçe en fazla {MAX_REASON_LENGTH} karakter olabilir.", "reason")
    if logged_in is not None and sicil == logged_in:
        raise OfficerError(
            f"{sicil} sicilli hesabın oturumu şu anda açık: açık oturumun hesabı devre dışı "
            "bırakılamaz. Önce oturumu kapatın; başka bir idare amiri bırakabilir."
        )
    officer = _target(session, sicil, "hesap zaten kapalı")
    if officer.role == ROLE_SUPERVISOR and not [o for o in unlockers(session) if o.sicil != sicil]:
        raise OfficerError(
            f"{sicil} sicilli memur bu masanın etkin son idare amiri: devre dışı bırakılırsa "
            "kilit açacak, iptal ve defter onaylayacak kimse kalmaz. Önce başka bir idare "
            "amiri ekleyin (ya da kilitli olanın kilidini açın)."
        )
    officer.deactivated_at = chain.now_iso()
    chain.append_event(
        session,
        chain.OFFICER_DEACTIVATED,
        {"sicil": sicil, "deactivated_at": officer.deactivated_at, "reason": reason},
        actor=supervisor.sicil,
    )
    return officer

"""Officers: memory-hard password hashes (scrypt), lock-out after repeated failures."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from gumruk_desk.register import chain
from gumruk_desk.register.models import Officer

MAX_FAILED_ATTEMPTS = 5
MIN_PASSWORD_LENGTH = 8
# scrypt: 2**14 × 8 × 128 B = 16 MiB of memory per guess, about 50 ms here.
_N, _R, _P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
_SICIL_RE = re.compile(r"^[A-Za-z0-9]{1,20}$")

ROLE_OFFICER = "officer"
ROLE_SUPERVISOR = "supervisor"


class AuthError(PermissionError):
    """Wrong password, unknown officer or locked account; ``str(e)`` is Turkish."""


class OfficerError(ValueError):
    """Invalid officer data; ``str(e)`` is Turkish."""


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
    problems = []
    if not _SICIL_RE.match(sicil):
        problems.append("Sicil numarası 1-20 harf veya rakamdan oluşmalı.")
    if not name.strip():
        problems.append("Memurun adı soyadı boş olamaz.")
    if not title.strip():
        problems.append("Memurun unvanı boş olamaz.")
    # What the signature boxes of the printed forms hold.
    if len(" ".join(name.split())) > 60:
        problems.append("Memurun adı soyadı en fazla 60 karakter olabilir.")
    if len(" ".join(title.split())) > 60:
        problems.append("Memurun unvanı en fazla 60 karakter olabilir.")
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Parola en az {MIN_PASSWORD_LENGTH} karakter olmalı.")
    if problems:
        raise OfficerError(" ".join(problems))
    if session.scalar(select(Officer.id).where(Officer.sicil == sicil)) is not None:
        raise OfficerError(f"{sicil} sicilli memur zaten kayıtlı.")
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
        chain.append_event(session, chain.LOGIN_FAILED, {"sicil": sicil, "reason": "unknown"})
        return None
    if officer.locked:
        chain.append_event(session, chain.LOGIN_FAILED, {"sicil": sicil, "reason": "locked"})
        return None
    if check_password(password, officer.password_hash):
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


def auth_failure_message(session: Session, sicil: str) -> str:
    officer = find_officer(session, sicil)
    if officer is not None and officer.locked:
        return (
            f"{sicil} sicilli memurun hesabı art arda {MAX_FAILED_ATTEMPTS} hatalı parola "
            "nedeniyle kilitli; bir idare amiri kilidi açmalı."
        )
    return f"Sicil veya parola hatalı ({sicil})."


def unlock(session: Session, sicil: str, supervisor: Officer) -> Officer:
    if supervisor.role != ROLE_SUPERVISOR:
        raise AuthError("Kilidi yalnızca bir idare amiri açabilir.")
    officer = find_officer(session, sicil)
    if officer is None:
        raise OfficerError(f"{sicil} sicilli memur yok.")
    officer.locked = False
    officer.failed_attempts = 0
    chain.append_event(session, chain.OFFICER_UNLOCKED, {"sicil": sicil}, actor=supervisor.sicil)
    return officer

"""The register's key: 32 random bytes made when the register is set up, never typed.

It is kept in the operating system's keyring. Where no keyring keeps it (a machine without
one; the null backend accepts and forgets, so only what reads back counts, as in
:mod:`gumruk_desk.sync`), a station passphrase set by the supervisor protects it instead:
the passphrase is stretched once with scrypt (salt in the side file, which holds nothing
secret) and the result, used once, masks the key in that file. The key itself never changes
with the passphrase, so the recovery key printed at set-up stays valid.

The recovery key is the key itself in base32 with a checksum, in groups: with it ``gumruk-desk
key recover`` opens the register on a new machine, or after the keyring was lost, and keeps
the key again.

The side file ``register.key.json`` beside the register names the register (an id, so a copy
of the folder finds its key in the keyring), says how the key is kept and holds a check value
(an HMAC of a fixed text under the key) that tells a wrong passphrase or recovery key from a
damaged register.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from gumruk_desk.errors import (
    KeyUnavailable as KeyUnavailable,
    PassphraseNeeded as PassphraseNeeded,
    PassphraseTooShort as PassphraseTooShort,
    RegisterError,
)
from gumruk_desk.register import driver
from gumruk_desk.register.files import DB_FILE

KEY_FILE = "register.key.json"
KEYRING_SERVICE = "gumruk-desk"
KEYRING = "keyring"
PASSPHRASE = "passphrase"
#: scrypt's cost: about 0.6 s here, once per start (never per connection).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 10
_CHECK_TEXT = b"gumruk-desk register key check v1"
_CHECKSUM_BYTES = 3  # 32 + 3 bytes: exactly 56 base32 characters, no padding


@dataclass(frozen=True)
class KeyInfo:
    """The side file: nothing in it opens the register."""

    id: str
    protector: str  # KEYRING or PASSPHRASE
    check: str
    salt: str = ""  # PASSPHRASE: scrypt's salt (hex)
    masked: str = ""  # PASSPHRASE: the key XOR the stretched passphrase (hex)
    #: A key being put in place by a rotation (its own check, salt and mask): a rotation
    #: killed half-way leaves the register under one of the two.
    pending: dict[str, str] | None = None


#: (data folder, register id) → key, for this process: a folder copied elsewhere (a test's
#: copy of a template) may be re-keyed without the other copies' key changing with it.
_keys: dict[tuple[Path, str], bytes] = {}
_passphrases: dict[Path, str] = {}  # data folder → a passphrase given before the key exists
_recovery: dict[str, str] = {}  # register id → the recovery key of a key made just now


def check_of(key: bytes) -> str:
    return hmac.new(key, _CHECK_TEXT, hashlib.sha256).hexdigest()[:32]


def recovery_text(key: bytes) -> str:
    """The key for paper: base32 with a 3-byte checksum, 14 groups of four characters."""
    raw = key + hashlib.sha256(key).digest()[:_CHECKSUM_BYTES]
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery(text: str) -> bytes:
    """The key from its recovery text (spaces, dashes and case do not matter; the letters
    O/I/L typed as 0/1 are read as meant). ValueError (Turkish) when it is not one."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raise ValueError("Kurtarma anahtarı geçersiz: harf ya da uzunluk hatalı.") from None
    key, checksum = raw[: driver.KEY_BYTES], raw[driver.KEY_BYTES :]
    if len(key) != driver.KEY_BYTES or hashlib.sha256(key).digest()[:_CHECKSUM_BYTES] != checksum:
        raise ValueError("Kurtarma anahtarı geçersiz: bir karakteri yanlış yazılmış olabilir.")
    return key


# -- the side file ------------------------------------------------------------------------


def read_info(home: Path) -> KeyInfo | None:
    path = home / KEY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return KeyInfo(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        raise KeyUnavailable(f"Anahtar bilgisi dosyası okunamadı ({path}): {exc}") from None


def write_info(home: Path, info: KeyInfo) -> None:
    path = home / KEY_FILE
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(asdict(info), f, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)


# -- the keyring and the passphrase -------------------------------------------------------


def _keyring_user(register_id: str, pending: bool = False) -> str:
    return f"register-key:{register_id}" + (":pending" if pending else "")


def _keyring_load(user: str) -> bytes | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        found = keyring.get_password(KEYRING_SERVICE, user)
    except KeyringError:
        return None
    try:
        return None if found is None else bytes.fromhex(found)
    except ValueError:
        return None


def _keyring_store(user: str, key: bytes) -> str | None:
    """Keep ``key`` in the keyring; None when it reads back, else why not."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, user, key.hex())
        # Some backends accept and forget (the null keyring): only what reads back is kept.
        if keyring.get_password(KEYRING_SERVICE, user) == key.hex():
            return None
        return f"{type(keyring.get_keyring()).__module__} anahtarı saklamıyor"
    except KeyringError as exc:
        return str(exc) or type(exc).__name__


def _keyring_forget(user: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    with contextlib.suppress(KeyringError):
        keyring.delete_password(KEYRING_SERVICE, user)


def _stretch(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=64 * 1024 * 1024,
        dklen=driver.KEY_BYTES,
    )


def _mask(key: bytes, passphrase: str) -> tuple[str, str]:
    """(salt, masked key): a new salt every time, so no two keys share a mask."""
    salt = secrets.token_bytes(16)
    pad = _stretch(passphrase, salt)
    return salt.hex(), bytes(a ^ b for a, b in zip(key, pad, strict=True)).hex()


def _unmask(salt: str, masked: str, passphrase: str) -> bytes:
    try:
        pad = _stretch(passphrase, bytes.fromhex(salt))
        return bytes(a ^ b for a, b in zip(bytes.fromhex(masked), pad, strict=True))
    except ValueError:
        raise KeyUnavailable(
            f"Anahtar bilgisi dosyası ({KEY_FILE}) bozuk: kayıt defterini kurtarma anahtarı "
            "açar. Hiçbir şey değişmedi."
        ) from None


def _protect(
    home: Path,
    register_id: str,
    key: bytes,
    *,
    pending: bool = False,
    protector: str | None = None,
) -> KeyInfo:
    """A side file's fields keeping ``key``: in the keyring, else under the passphrase given
    for ``home``; KeyUnavailable when neither can. ``protector`` PASSPHRASE: under the
    passphrase only (a renewal keeps the register's key where it was kept)."""
    reason: str | None = "istasyon parolası seçili"
    if protector != PASSPHRASE:
        reason = _keyring_store(_keyring_user(register_id, pending), key)
    if reason is None:
        return KeyInfo(register_id, KEYRING, check_of(key))
    passphrase = _passphrases.get(home)
    if passphrase is None:
        raise PassphraseNeeded(
            f"İşletim sisteminin anahtarlığı kullanılamıyor ({reason}): kayıt defterinin "
            "anahtarını korumak için idare amirinin belirlediği istasyon parolası gerekir "
            f"(en az {MIN_PASSPHRASE} karakter)."
        )
    salt, masked = _mask(key, passphrase)
    return KeyInfo(register_id, PASSPHRASE, check_of(key), salt, masked)


# -- what the register's openers ask ------------------------------------------------------


def give_passphrase(home: Path, passphrase: str) -> None:
    """The station passphrase, asked once at start where no keyring keeps the key (the
    window's and the command line's hook). For a register protected by it, the key is
    unlocked now (KeyUnavailable on a wrong passphrase); before set-up, it will protect the
    key made then."""
    home = home.resolve()
    info = read_info(home)
    if info is None or info.protector != PASSPHRASE:
        set_new_passphrase(home, passphrase)
        return
    key = _unmask(info.salt, info.masked, passphrase)
    if not hmac.compare_digest(check_of(key), info.check):
        pending = info.pending
        if pending and pending.get("salt"):
            key = _unmask(pending["salt"], pending["masked"], passphrase)
            if hmac.compare_digest(check_of(key), pending["check"]):
                _passphrases[home] = passphrase
                _keys[(home, info.id)] = _settle(home, info, key)
                return
        raise KeyUnavailable("İstasyon parolası yanlış; kayıt defteri açılmadı.")
    _passphrases[home] = passphrase
    _keys[(home, info.id)] = _settle(home, info, key)


def set_new_passphrase(home: Path, passphrase: str) -> None:
    """A station passphrase that will protect the next key kept for ``home`` (set-up, a
    conversion, a recovery after the old passphrase was forgotten)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(f"İstasyon parolası en az {MIN_PASSPHRASE} karakter olmalı.")
    _passphrases[home.resolve()] = passphrase


def needs_passphrase(home: Path) -> bool:
    """Whether opening the register at ``home`` needs the station passphrase first."""
    home = home.resolve()
    info = read_info(home)
    if info is not None:
        return info.protector == PASSPHRASE and (home, info.id) not in _keys
    if home in _passphrases:
        return False
    if not (home / DB_FILE).exists() or driver.is_plain(home / DB_FILE):
        return not keyring_works()  # a key is about to be made: somewhere must keep it
    return False


def keyring_works() -> bool:
    """Whether a key written into the keyring here reads back."""
    user = f"register-key:probe-{uuid.uuid4().hex}"
    kept = _keyring_store(user, secrets.token_bytes(driver.KEY_BYTES)) is None
    if kept:
        _keyring_forget(user)
    return kept


def register_key(home: Path) -> bytes | None:
    """The key of the register at ``home``; None for a register that has none yet (a new
    one, or an old unencrypted one about to be converted). KeyUnavailable when it is
    encrypted and its key is not at hand."""
    home = home.resolve()
    path = home / DB_FILE
    info = read_info(home)
    if info is None:
        if not path.exists() or path.stat().st_size == 0 or driver.is_plain(path):
            return None
        raise KeyUnavailable(
            f"Kayıt defteri şifreli, ama anahtar bilgisi dosyası ({KEY_FILE}) yok: kurtarma "
            "anahtarıyla 'gumruk-desk key recover' çalıştırın."
        )
    if (home, info.id) in _keys:
        return _keys[(home, info.id)]
    if info.protector == PASSPHRASE:
        raise PassphraseNeeded(
            "Kayıt defterinin anahtarı istasyon parolasıyla korunuyor: önce parolayı girin."
        )
    key = _keyring_load(_keyring_user(info.id))
    if key is None or not hmac.compare_digest(check_of(key), info.check):
        pending = info.pending
        if pending is not None:
            candidate = _keyring_load(_keyring_user(info.id, pending=True))
            if candidate is not None and hmac.compare_digest(check_of(candidate), pending["check"]):
                _keys[(home, info.id)] = _settle(home, info, candidate)
                return _keys[(home, info.id)]
        raise KeyUnavailable(
            "Kayıt defterinin anahtarı bu makinenin anahtarlığında yok: kurtarma anahtarıyla "
            "'gumruk-desk key recover' çalıştırın. Kayıt defteri açılmadı."
        )
    if info.pending is not None:
        key = _settle(home, info, key)
    _keys[(home, info.id)] = key
    return key


def opens(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens the SQLCipher file at ``path`` (a register or a backup of one)."""
    try:
        conn = driver.connect(path, key, read_only=True)
    except driver.sqlite3.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except driver.sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _settle(home: Path, info: KeyInfo, key: bytes) -> bytes:
    """After a rotation killed half-way: the key that actually opens the register (the old
    one or the pending one; the side file then names it alone)."""
    if info.pending is None:
        return key
    path = home / DB_FILE
    candidates = [key]
    if info.protector == KEYRING:
        for pending in (False, True):
            found = _keyring_load(_keyring_user(info.id, pending))
            if found is not None and found not in candidates:
                candidates.append(found)
    for candidate in candidates:
        if opens(path, candidate):
            if check_of(candidate) != info.check:
                finish_rotation(home, candidate)
            else:
                write_info(home, replace(info, pending=None))
            return candidate
    return key


def new_key(home: Path) -> bytes:
    """A key for a register about to be created (or converted) at ``home``, kept in the
    keyring or under the passphrase given; its recovery key is kept for
    :func:`take_recovery_key`. KeyUnavailable when nothing can keep it."""
    home = home.resolve()
    key = secrets.token_bytes(driver.KEY_BYTES)
    info = _protect(home, uuid.uuid4().hex, key)
    write_info(home, info)
    _keys[(home, info.id)] = key
    _recovery[info.id] = recovery_text(key)
    return key


def take_recovery_key(home: Path) -> str | None:
    """The recovery key of the key made in this process for ``home``, once: for the
    supervisor to print and keep apart from the machine."""
    info = read_info(home.resolve())
    return None if info is None else _recovery.pop(info.id, None)


def recover(home: Path, text: str) -> KeyInfo:
    """Open the register at ``home`` with its recovery key and keep the key again (keyring,
    else the passphrase given). KeyUnavailable when the recovery key is not this register's."""
    home = home.resolve()
    try:
        key = parse_recovery(text)
    except ValueError as exc:
        raise KeyUnavailable(str(exc)) from None
    path = home / DB_FILE
    if not path.is_file():
        raise RegisterError(f"{home} klasöründe kayıt defteri yok.")
    if not opens(path, key):
        raise KeyUnavailable(
            "Kurtarma anahtarı bu kayıt defterini açmıyor (başka bir masanın ya da eski bir "
            "anahtar olabilir). Hiçbir şey değişmedi."
        )
    old = None
    with contextlib.suppress(KeyUnavailable):  # a damaged side file is written anew
        old = read_info(home)
    info = _protect(home, old.id if old is not None else uuid.uuid4().hex, key)
    write_info(home, info)
    _keys[(home, info.id)] = key
    return info


def begin_rotation(home: Path, new: bytes) -> None:
    """Keep the new key (beside the old one) before the register is re-keyed to it."""
    home = home.resolve()
    info = read_info(home)
    assert info is not None
    kept = _protect(home, info.id, new, pending=True, protector=info.protector)
    pending = {"check": kept.check, "salt": kept.salt, "masked": kept.masked}
    write_info(home, replace(info, pending=pending))


def finish_rotation(home: Path, new: bytes) -> None:
    """The register is under ``new`` now: the side file and the keyring name it alone."""
    home = home.resolve()
    info = read_info(home)
    assert info is not None
    pending = info.pending or {}
    if info.protector == KEYRING:
        reason = _keyring_store(_keyring_user(info.id), new)
        if reason is not None:
            raise KeyUnavailable(f"Yeni anahtar anahtarlığa yazılamadı ({reason}).")
        _keyring_forget(_keyring_user(info.id, pending=True))
        settled = KeyInfo(info.id, KEYRING, check_of(new))
    else:
        settled = KeyInfo(
            info.id, PASSPHRASE, check_of(new), pending.get("salt", ""), pending.get("masked", "")
        )
    write_info(home, settled)
    _keys[(home, info.id)] = new
    _recovery[info.id] = recovery_text(new)


def forget(home: Path) -> None:
    """Drop what this process holds for ``home`` (tests; a register moved away)."""
    home = home.resolve()
    _passphrases.pop(home, None)
    info = read_info(home) if (home / KEY_FILE).exists() else None
    if info is not None:
        _keys.pop((home, info.id), None)
        _recovery.pop(info.id, None)


# -- a register put in place with its recovery key (a restore on a new machine) ------------


def can_keep(home: Path) -> bool:
    """Whether a key put in place at ``home`` now would be kept: the keyring works here, or
    a station passphrase was given for ``home`` in this process."""
    return home.resolve() in _passphrases or keyring_works()


def prepare_adoption(home: Path, key: bytes) -> KeyInfo:
    """Keep ``key`` (keyring, else the passphrase held for ``home``) for a register about to
    replace the one at ``home``; the side file is written by :func:`adopt` once it is in
    place. PassphraseNeeded when nothing can keep it — before anything was replaced.

    The same register (its key the one the side file names) keeps its id; another key gets
    a new one, so that the key of the register being replaced stays in the keyring for the
    copy of it the restore keeps aside."""
    home = home.resolve()
    old = None
    with contextlib.suppress(KeyUnavailable):  # a damaged side file is written anew
        old = read_info(home)
    same = old is not None and hmac.compare_digest(old.check, check_of(key))
    register_id = old.id if old is not None and same else uuid.uuid4().hex
    return _protect(home, register_id, key)


def adopt(home: Path, info: KeyInfo, key: bytes) -> None:
    """The register at ``home`` is under ``key`` now: the side file names it (``info`` from
    :func:`prepare_adoption`) and this process holds it."""
    home = home.resolve()
    old = None
    with contextlib.suppress(KeyUnavailable):
        old = read_info(home)
    if old is not None:
        _keys.pop((home, old.id), None)
    write_info(home, info)
    _keys[(home, info.id)] = key


def abandon_adoption(home: Path, info: KeyInfo) -> None:
    """A restore that failed after :func:`prepare_adoption`: a keyring entry made for an id
    the side file does not name goes again."""
    current = None
    with contextlib.suppress(KeyUnavailable):
        current = read_info(home.resolve())
    if info.protector == KEYRING and (current is None or current.id != info.id):
        _keyring_forget(_keyring_user(info.id))


def discard(home: Path) -> None:
    """A register thrown away (the self-test's): its key leaves the keyring and this process,
    so no entry for a register that no longer exists is left behind."""
    home = home.resolve()
    info = None
    with contextlib.suppress(KeyUnavailable):
        info = read_info(home)
    if info is None:
        return
    if info.protector == KEYRING:
        _keyring_forget(_keyring_user(info.id))
    forget(home)

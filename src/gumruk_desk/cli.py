"""The headless command line: ``gumruk-desk``. Its interface is a contract: tools outside
this repository call it (SPEC §9).

Exit codes: 0 success; 1 operational failure or failed verification; 2 invalid input (every
problem on stderr, in Turkish, with its field path; nothing stored, no number used); 3 wrong
password or locked account (nothing stored). Passwords are read from standard input, one per
line, never from the command line.
"""

from __future__ import annotations

import argparse
import datetime
import getpass
import json
import os
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from gumruk_desk import __version__

if TYPE_CHECKING:
    from gumruk_desk.services import Desk

# Each command imports what it needs when it runs: a read-only command (``record show``,
# ``record list``, ``record verify``) reads the register with sqlite3 alone and never loads
# SQLAlchemy, Alembic, reportlab or httpx, which would cost many times its own work.

#: ``printing.DOCUMENTS`` and the values of ``domain.rates.RateColumn`` (a test keeps them
#: equal), written out so that building the parser loads neither module.
DOCUMENT_CHOICES = ("form", "seizure", "receipt")
RATE_COLUMN_CHOICES = ("BanknoteBuying", "ForexBuying", "ForexSelling", "BanknoteSelling")
DEFAULT_RATE_COLUMN = "BanknoteBuying"

EXIT_OK, EXIT_FAILURE, EXIT_INVALID, EXIT_AUTH = 0, 1, 2, 3

_RECOVERY_PDF_HELP = (
    "kurtarma anahtarını ekrana değil, yazdırılacak tek sayfalık bir PDF'e yaz (veri "
    "klasörünün dışında)"
)


class CliError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def _desk(desk_home: str | None, *, create: bool = False) -> Desk:
    from gumruk_desk.services import Desk

    _unlock(desk_home)
    desk = Desk(desk_home, create=create)
    # An old plain register encrypted by this open: its recovery key is shown once (init
    # shows a new register's with the station it sets up).
    recovery = None if create else desk.take_recovery_key()
    if recovery:
        _show_recovery(recovery, sys.stderr)
    return desk


def _unlock(desk_home: str | None) -> None:
    """Ask the station passphrase (standard input, once) where the register's key is kept
    under it rather than in the keyring."""
    from gumruk_desk.register import keys
    from gumruk_desk.register.files import home_dir

    home = home_dir(desk_home)
    if keys.needs_passphrase(home):
        keys.give_passphrase(home, _read_secret("İstasyon parolası: "))


def _keep_recovery(recovery: str, target: str | None, desk: Desk) -> None:
    """The recovery key on its own PDF page at ``target``, else on standard output: once."""
    if not target:
        _show_recovery(recovery, sys.stdout)
        return
    from gumruk_desk.printing.recovery import write_recovery_page

    st = desk.station()
    path = Path(target).resolve()
    try:
        write_recovery_page(path, recovery, station=f"{st.office_code}/{st.desk_code}")
    except OSError as exc:
        # The key is not lost: shown here instead, once.
        print(f"Kurtarma sayfası yazılamadı ({path}): {exc.strerror or exc}", file=sys.stderr)
        _show_recovery(recovery, sys.stdout)
        return
    print(f"Kurtarma anahtarı sayfası yazıldı: {path} (yazdırıp dosyayı silin)")


def _recovery_target(desk_home: str | None, target: str | None) -> str | None:
    """Where the recovery page may go: never into the data folder, beside what it opens."""
    if not target:
        return None
    from gumruk_desk.printing.placement import INSIDE_DATA_FOLDER, inside_data_folder
    from gumruk_desk.register.files import home_dir

    if inside_data_folder(target, home_dir(desk_home)):
        raise CliError(EXIT_INVALID, INSIDE_DATA_FOLDER)
    return target


def _show_recovery(recovery: str, stream: Any) -> None:
    print(
        "KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp masadan ayrı, kilitli bir "
        "yerde saklayın; anahtarlık kaybolursa kayıt defteri yalnızca bununla açılır):\n"
        f"  {recovery}",
        file=stream,
    )


def _reader(desk_home: str | None) -> Any:
    """The register opened for reading with sqlite3 alone, or None when its schema needs a
    migration first (the command then opens it for use, which migrates)."""
    from gumruk_desk.register.files import home_dir
    from gumruk_desk.register.reader import Reader, SchemaNotCurrent

    _unlock(desk_home)
    try:
        return Reader(home_dir(desk_home))
    except SchemaNotCurrent:
        return None


def _read_secret(prompt: str) -> str:
    """The next line of standard input (a terminal gets a prompt without echo)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise CliError(
            EXIT_AUTH, f"Parola okunamadı: standart girdide satır yok ({prompt.strip()})"
        )
    return line.rstrip("\r\n")


def _print_json(value: Any, *, compact: bool = False) -> None:
    text = json.dumps(
        value,
        ensure_ascii=False,
        separators=(",", ":") if compact else None,
        indent=None if compact else 2,
    )
    sys.stdout.write(text + "\n")


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' YYYY-AA-GG biçiminde bir tarih değil") from None


_RATE_RE = re.compile(r"[0-9]{1,9}(\.[0-9]{1,8})?")


def _manual_rate(text: str) -> tuple[str, Decimal]:
    code, _, value = text.partition("=")
    rate = Decimal(value) if _RATE_RE.fullmatch(value) else Decimal(0)
    if len(code) != 3 or not code.isalpha() or rate <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' KOD=KUR biçiminde olmalı (ör. CHF=38.50)")
    return code.upper(), rate


def cmd_init(desk_home: str | None, args: argparse.Namespace) -> int:
    target = _recovery_target(desk_home, args.recovery_pdf)
    if args.demo:
        from gumruk_desk.register.demo import DEMO_OFFICERS

        with _desk(desk_home, create=True) as desk:
            st = desk.init_demo()
            print(f"Demo masası {st.office_code}/{st.desk_code} kuruldu: {desk.db.path}")
            for o in DEMO_OFFICERS:
                role = "idare amiri" if o.supervisor else "memur"
                print(f"  {o.sicil}  {o.name} ({role})  parola: {o.password}")
            recovery = desk.take_recovery_key()
            if recovery:
                _keep_recovery(recovery, target, desk)
        return EXIT_OK
    missing = [
        flag
        for flag, value in (
            ("--office-code", args.office_code),
            ("--office-name", args.office_name),
            ("--desk", args.desk),
        )
        if not value
    ]
    if missing:
        raise CliError(EXIT_INVALID, f"Eksik seçenek: {', '.join(missing)} (ya da --demo).")
    with _desk(desk_home, create=True) as desk:
        st, created = desk.init_station(
            office_code=args.office_code,
            office_name=args.office_name,
            desk=args.desk,
            customs_area=args.customs_area or "",
            central_url=args.central_url or "",
            rate_column=args.rate_column,
        )
        verb = "kuruldu" if created else "zaten bu bilgilerle kurulu"
        print(f"Masa {st.office_code}/{st.desk_code} ({st.office_name}) {verb}: {desk.db.path}")
        recovery = desk.take_recovery_key()
        if recovery:
            _keep_recovery(recovery, target, desk)
    return EXIT_OK


def cmd_key_recover(desk_home: str | None, args: argparse.Namespace) -> int:
    """The register opened with its recovery key (a new machine, a lost keyring) and its key
    kept again: in the keyring, else under a new station passphrase."""
    from gumruk_desk.register import keys
    from gumruk_desk.register.files import home_dir

    home = home_dir(desk_home)
    text = _read_secret("Kurtarma anahtarı: ")
    try:
        keys.parse_recovery(text)
    except ValueError as exc:
        raise CliError(EXIT_INVALID, f"{exc} Hiçbir şey değişmedi.") from None
    if not keys.keyring_works():
        passphrase = _read_secret("Yeni istasyon parolası (anahtarlık yok): ")
        if sys.stdin.isatty() and _read_secret("Yeni istasyon parolası (tekrar): ") != passphrase:
            raise CliError(EXIT_INVALID, "Parolalar aynı değil; hiçbir şey değişmedi.")
        try:
            keys.set_new_passphrase(home, passphrase)
        except keys.KeyUnavailable as exc:
            raise CliError(EXIT_INVALID, f"{exc} Hiçbir şey değişmedi.") from None
    info = keys.recover(home, text)
    where = (
        "işletim sisteminin anahtarlığında"
        if info.protector == keys.KEYRING
        else ("istasyon parolasıyla korunarak")
    )
    print(f"Kayıt defteri kurtarma anahtarıyla açıldı; anahtarı {where} saklandı: {home}")
    return EXIT_OK


def cmd_key_rotate(desk_home: str | None, args: argparse.Namespace) -> int:
    """Re-encrypt the register under a new key (a supervisor); the new recovery key once."""
    target = _recovery_target(desk_home, args.recovery_pdf)
    password = _read_secret("İdare amirinin parolası: ")
    with _desk(desk_home) as desk:
        recovery, left = desk.rotate_key(args.supervisor, password)
        print("Kayıt defteri yeni anahtarla şifrelendi; eski kurtarma anahtarı artık açmaz.")
        _keep_recovery(recovery, target, desk)
    for path in left:
        print(f"Uyarı: yedek eski anahtarla kaldı (eski kurtarma anahtarıyla açılır): {path}")
    return EXIT_OK


def cmd_officer_add(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("Parola: ")
    with _desk(desk_home) as desk:
        officer = desk.add_officer(
            sicil=args.sicil,
            name=args.name,
            title=args.title,
            password=password,
            supervisor=args.supervisor,
        )
        role = "idare amiri" if officer.role == "supervisor" else "memur"
        print(f"{officer.sicil} sicilli {role} eklendi: {officer.name}, {officer.title}")
    return EXIT_OK


def cmd_officer_unlock(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("İdare amirinin parolası: ")
    with _desk(desk_home) as desk:
        officer = desk.unlock_officer(args.sicil, args.by, password)
        print(f"{officer.sicil} sicilli memurun kilidi açıldı.")
    return EXIT_OK


def cmd_officer_reset_password(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("İdare amirinin parolası: ")
    new_password = _read_secret("Yeni parola: ")
    if sys.stdin.isatty() and _read_secret("Yeni parola (tekrar): ") != new_password:
        raise CliError(EXIT_INVALID, "Yeni parola iki kez aynı yazılmadı; hiçbir şey değişmedi.")
    with _desk(desk_home) as desk:
        officer = desk.reset_password(args.sicil, new_password, args.by, password)
        print(f"{officer.sicil} sicilli memurun parolası yenilendi; hesap açık.")
    return EXIT_OK


def cmd_officer_deactivate(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("İdare amirinin parolası: ")
    with _desk(desk_home) as desk:
        officer = desk.deactivate_officer(args.sicil, args.by, password, reason=args.reason)
        print(
            f"{officer.sicil} sicilli memurun hesabı devre dışı bırakıldı ({officer.name}): "
            "giriş yapamaz, şahitlik ve onay veremez; kayıtları ve taslakları duruyor."
        )
    return EXIT_OK


def cmd_officer_list(desk_home: str | None, args: argparse.Namespace) -> int:
    from gumruk_desk.register.officers import MAX_FAILED_ATTEMPTS, state

    with _desk(desk_home) as desk:
        rows: list[dict[str, Any]] = [
            {
                "sicil": o.sicil,
                "name": o.name,
                "title": o.title,
                "role": o.role,
                "state": state(o),
                "failed_attempts": o.failed_attempts,
                "deactivated_at": o.deactivated_at,
            }
            for o in desk.officers()
        ]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    roles = {"supervisor": "idare amiri", "officer": "memur"}
    states = {"active": "etkin", "locked": "kilitli", "deactivated": "devre dışı"}
    for row in rows:
        print(
            f"{row['sicil']:<8} {row['name']} · {row['title']} · {roles[row['role']]} · "
            f"{states[row['state']]} · hatalı giriş {row['failed_attempts']}/"
            f"{MAX_FAILED_ATTEMPTS}"
        )
    return EXIT_OK


def cmd_rates_import(desk_home: str | None, args: argparse.Namespace) -> int:
    from gumruk_desk.domain.rates import MAX_BULLETIN_BYTES

    path = Path(args.file)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit so that an oversized file is refused, not cut.
            data = handle.read(MAX_BULLETIN_BYTES + 1)
    except OSError as exc:
        raise CliError(EXIT_INVALID, f"Kur dosyası okunamadı ({path}): {exc.strerror}") from None
    with _desk(desk_home) as desk:
        bulletin, stored = desk.import_rates(data)
    state = "yüklendi" if stored else "zaten yüklüydü; değişiklik yok"
    print(
        f"{bulletin.date:%d.%m.%Y} tarihli kur bülteni ({len(bulletin.quotes)} para birimi) "
        f"{state}."
    )
    return EXIT_OK


def cmd_record_create(desk_home: str | None, args: argparse.Namespace) -> int:
    from gumruk_desk.domain import jsontext
    from gumruk_desk.domain.problems import InvalidRecord

    path = Path(args.file)
    try:
        # utf-8-sig: a file saved by Notepad starts with a byte-order mark.
        data = jsontext.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CliError(EXIT_INVALID, f"Kayıt dosyası okunamadı ({path}): {exc.strerror}") from None
    except jsontext.RepeatedKey as exc:
        raise CliError(
            EXIT_INVALID, f"Kayıt dosyası geçersiz ({path}): {exc} Hiçbir şey kaydedilmedi."
        ) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CliError(
            EXIT_INVALID, f"Kayıt dosyası geçerli bir UTF-8 JSON değil ({path}): {exc}"
        ) from None
    password = _read_secret("Parola: ")
    witness_sicil = data.get("witness_officer") if isinstance(data, dict) else None
    with _desk(desk_home) as desk:
        officer = desk.authenticate(args.officer, password)
        witness = None
        if witness_sicil and isinstance(witness_sicil, str):
            if witness_sicil == officer.sicil:
                raise InvalidRecord.single(
                    "witness_officer", "Şahit memur, tanzim eden memurdan farklı biri olmalı."
                )
            if desk.officer(witness_sicil) is None:
                raise InvalidRecord.single(
                    "witness_officer", f"{witness_sicil} sicilli memur kayıtlı değil."
                )
            witness = desk.authenticate(witness_sicil, _read_secret("Şahit memurun parolası: "))
        content = desk.register(
            data,
            officer=officer,
            witness=witness,
            manual_rates=dict(args.manual_rate or []),
            replaces=args.replaces,
        )
    _print_json(content.to_json())
    return EXIT_OK


def cmd_record_cancel(desk_home: str | None, args: argparse.Namespace) -> int:
    officer_password = _read_secret("Memurun parolası: ")
    approver_password = _read_secret("Onaylayan amirin parolası: ")
    with _desk(desk_home) as desk:
        content = desk.cancel(
            args.number,
            reason=args.reason,
            officer_sicil=args.officer,
            officer_password=officer_password,
            approver_sicil=args.approver,
            approver_password=approver_password,
            copies_collected=args.copies_collected,
        )
    _print_json(content.to_json())
    return EXIT_OK


def cmd_record_verify(desk_home: str | None, args: argparse.Namespace) -> int:
    with _reader(desk_home) or _desk(desk_home) as register:
        answer = register.verify_declaration(args.number, args.document)
    _print_json(answer)
    return EXIT_OK


def _pdf_target(desk_home: str | None, path: str) -> None:
    """A PDF carries what the register keeps encrypted: never into the data folder."""
    from gumruk_desk.printing.placement import DOCUMENT_INSIDE_DATA_FOLDER, inside_data_folder
    from gumruk_desk.register.files import home_dir

    if inside_data_folder(path, home_dir(desk_home)):
        raise CliError(EXIT_INVALID, DOCUMENT_INSIDE_DATA_FOLDER)


def _write_pdf(path: str, pdf: bytes) -> None:
    try:
        Path(path).write_bytes(pdf)
    except OSError as exc:
        raise CliError(EXIT_FAILURE, f"PDF yazılamadı ({path}): {exc.strerror or exc}") from None


def cmd_ledger_print(desk_home: str | None, args: argparse.Namespace) -> int:
    _pdf_target(desk_home, args.out)
    with _desk(desk_home) as desk:
        pages = desk.ledger_pages(args.year)
        pdf = desk.ledger_pdf(args.year, args.page)
    _write_pdf(args.out, pdf)
    approved = sum(1 for p in pages if p.approval is not None)
    _print_json(
        {
            "out": args.out,
            "year": pages[0].year if pages else args.year,
            "pages": len(pages) if args.page is None else 1,
            "approved_pages": approved,
            "digests": {str(p.page): p.digest for p in pages},
        }
    )
    return EXIT_OK


def cmd_ledger_approve(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("Onaylayan amirin parolası: ")
    with _desk(desk_home) as desk:
        page = desk.approve_ledger_page(
            args.page,
            approver_sicil=args.approver,
            approver_password=password,
            year=args.year,
            expected_digest=args.digest,
        )
    _print_json(
        {
            "year": page.year,
            "page": page.page,
            "lines": len(page.lines),
            "approved_by": args.approver,
            "sha256": page.digest,
        }
    )
    return EXIT_OK


def cmd_paper_reserve(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("Amirin parolası: ")
    with _desk(desk_home) as desk:
        block = desk.reserve_paper_block(
            args.kind, args.count, supervisor_sicil=args.supervisor, supervisor_password=password
        )
        if args.out:
            _write_pdf(args.out, desk.blank_forms_pdf(block.numbers))
    _print_json(block.to_json())
    return EXIT_OK


def cmd_paper_blank(desk_home: str | None, args: argparse.Namespace) -> int:
    with _desk(desk_home) as desk:
        _write_pdf(args.out, desk.blank_forms_pdf(list(args.numbers)))
    _print_json({"out": args.out, "forms": len(args.numbers)})
    return EXIT_OK


def cmd_paper_void(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("Amirin parolası: ")
    with _desk(desk_home) as desk:
        desk.void_paper_number(
            args.number,
            reason=args.reason,
            supervisor_sicil=args.supervisor,
            supervisor_password=password,
        )
    _print_json({"number": args.number.strip().upper(), "voided": True, "reason": args.reason})
    return EXIT_OK


def cmd_paper_reconcile(desk_home: str | None, args: argparse.Namespace) -> int:
    with _desk(desk_home) as desk:
        blocks = desk.paper_reconciliation(args.year)
    _print_json([block.to_json() for block in blocks])
    return EXIT_OK


def _shown_dsn(url: str) -> str:
    """The database address as a message may show it: without its password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "geçersiz adres"


def _central_store(url: str) -> Any:
    from gumruk_desk.central.store import CentralStore

    try:
        return CentralStore(url)
    except Exception as exc:  # a bad URL, a database that refuses
        raise CliError(
            EXIT_FAILURE, f"Merkez veritabanı açılamadı ({_shown_dsn(url)}): {exc}"
        ) from None


def cmd_central_serve(desk_home: str | None, args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from gumruk_desk.central.app import DB_ENV, LIMITS_ENV, Limits, asgi
        from gumruk_desk.central.store import CentralStore
    except ImportError as exc:
        raise CliError(
            EXIT_FAILURE,
            f"Merkez servisi için paketler kurulu değil ({exc.name}): "
            "pip install 'gumruk-desk[central]'",
        ) from None
    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError(EXIT_INVALID, "TLS için --tls-cert ve --tls-key birlikte verilir.")
    if args.workers < 1 or args.max_batches < 1 or args.queue_wait < 0:
        raise CliError(
            EXIT_INVALID, "--workers ve --max-batches en az 1, --queue-wait 0 ya da daha çok."
        )
    limits = Limits(batches=args.max_batches, queue_wait=args.queue_wait)
    # Opened here once: a database that refuses is said before any worker starts, and the
    # tables exist before several workers race to create them.
    try:
        store = CentralStore(args.db, pool=limits.pool)
    except Exception as exc:  # a bad URL, a database that refuses
        raise CliError(
            EXIT_FAILURE, f"Merkez veritabanı açılamadı ({_shown_dsn(args.db)}): {exc}"
        ) from None
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "ssl_certfile": args.tls_cert,
        "ssl_keyfile": args.tls_key,
        "log_level": "warning",
        # Keep-alive beyond the desks' pauses between batches: a new TLS handshake per batch
        # would cost more than the batch.
        "timeout_keep_alive": 30,
    }
    if args.workers == 1:
        uvicorn.run(asgi(store, limits), **options)
        return EXIT_OK
    store.close()
    # Each worker is a process of its own with its own store, built from the environment:
    # the service keeps nothing between requests, so any worker (or any instance behind a
    # load balancer) takes any desk's next batch.
    os.environ[DB_ENV] = args.db
    os.environ[LIMITS_ENV] = limits.to_env()
    uvicorn.run(
        "gumruk_desk.central.app:from_environment",
        factory=True,
        workers=args.workers,
        **options,
    )
    return EXIT_OK


def cmd_central_issue_token(desk_home: str | None, args: argparse.Namespace) -> int:
    store = _central_store(args.db)
    try:
        print(store.issue_token(args.office, args.desk))
    finally:
        store.close()
    return EXIT_OK


def cmd_central_load_rates(desk_home: str | None, args: argparse.Namespace) -> int:
    store = _central_store(args.db)
    try:
        day = store.load_bulletin(Path(args.file).read_bytes())
    finally:
        store.close()
    _print_json({"bulletin_date": day})
    return EXIT_OK


def cmd_central_load_ruleset(desk_home: str | None, args: argparse.Namespace) -> int:
    from gumruk_desk.register.rulesets_store import MAX_RULESET_BYTES

    data = _read_ruleset_file(args.file)
    if len(data) > MAX_RULESET_BYTES:
        raise CliError(EXIT_INVALID, "Kural seti dosyası çok büyük (en çok 1 MB).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CliError(EXIT_INVALID, "Kural seti dosyası UTF-8 metin değil.") from None
    store = _central_store(args.db)
    try:
        ruleset = store.load_ruleset(text, in_force=args.in_force)
    finally:
        store.close()
    _print_json({"rule_set": ruleset, "in_force": bool(args.in_force)})
    return EXIT_OK


# -- rule sets ----------------------------------------------------------------------------------
def _read_ruleset_file(name: str) -> bytes:
    from gumruk_desk.register.rulesets_store import MAX_RULESET_BYTES

    try:
        with Path(name).open("rb") as handle:
            return handle.read(MAX_RULESET_BYTES + 1)
    except OSError as exc:
        raise CliError(
            EXIT_INVALID, f"Kural seti dosyası okunamadı ({name}): {exc.strerror}"
        ) from None


def _ruleset_info_json(info: Any) -> dict[str, Any]:
    return {
        "id": info.id,
        "title": info.title,
        "legal_source": info.legal_source,
        "effective_from": info.effective_from.isoformat(),
        "effective_to": info.effective_to.isoformat() if info.effective_to else None,
        "origin": info.origin,
        "status": info.status,
        "confirmed_by": info.confirmed_by,
        "in_force": info.in_force,
        "exit_mode": info.exit_mode,
        "unconfirmed": list(info.unconfirmed),
        "notices": list(info.notices),
    }


def cmd_rules_list(desk_home: str | None, args: argparse.Namespace) -> int:
    with _desk(desk_home) as desk:
        _print_json([_ruleset_info_json(i) for i in desk.rulesets()])
    return EXIT_OK


def cmd_rules_show(desk_home: str | None, args: argparse.Namespace) -> int:
    with _desk(desk_home) as desk:
        ruleset = desk.ruleset(args.id)
        info = next(i for i in desk.rulesets() if i.id == ruleset.id)
    out = _ruleset_info_json(info)
    out["sha256"] = ruleset.digest
    out["parameters"] = [
        {"name": p.name, "source": p.source, "confirmed": p.confirmed} for p in ruleset.provenance
    ]
    out["tolerance"] = [
        {
            "year": t.year,
            "amount_try": str(t.amount_try),
            "source": t.source,
            "confirmed": t.confirmed,
        }
        for t in ruleset.tolerances
    ]
    out["document"] = ruleset.document
    _print_json(out)
    return EXIT_OK


def cmd_rules_activate(desk_home: str | None, args: argparse.Namespace) -> int:
    password = _read_secret("Amirin parolası: ")
    with _desk(desk_home) as desk:
        supervisor = desk.authenticate(args.supervisor, password)
        changed = desk.confirm_ruleset(args.id, supervisor)
        info = next(i for i in desk.rulesets() if i.id == args.id.strip())
    out = _ruleset_info_json(info)
    out["changed"] = changed
    _print_json(out)
    return EXIT_OK


def cmd_rules_load(desk_home: str | None, args: argparse.Namespace) -> int:
    data = _read_ruleset_file(args.file)
    password = _read_secret("Amirin parolası: ")
    with _desk(desk_home) as desk:
        supervisor = desk.authenticate(args.supervisor, password)
        info = desk.load_ruleset(data, supervisor)
    _print_json(_ruleset_info_json(info))
    return EXIT_OK


def cmd_rules_tolerance(desk_home: str | None, args: argparse.Namespace) -> int:
    with _desk(desk_home) as desk:
        if args.accept:
            if not args.supervisor:
                raise CliError(EXIT_INVALID, "--accept için --supervisor SICIL verilmeli.")
            password = _read_secret("Amirin parolası: ")
            supervisor = desk.authenticate(args.supervisor, password)
            proposal = desk.accept_tolerance(args.id, args.year, supervisor)
        else:
            proposal = desk.tolerance_proposal(args.id, args.year)
    out = proposal.to_json()
    out["accepted"] = bool(args.accept)
    _print_json(out)
    return EXIT_OK


def _central_url(desk: Desk, given: str | None) -> str:
    url = (given or desk.central_url()).strip()
    if not url:
        raise CliError(
            EXIT_INVALID, "Merkez adresi yok: --url ile verin ya da masa kurulumunda yazın."
        )
    return url


def cmd_token_set(desk_home: str | None, args: argparse.Namespace) -> int:
    from gumruk_desk.sync import store_token

    token = _read_secret("Merkez anahtarı: ")
    with _desk(desk_home) as desk:
        url = _central_url(desk, args.url)
        store_token(desk, url, token)
    _print_json({"url": url, "stored": "keyring"})
    return EXIT_OK


def cmd_sync(desk_home: str | None, args: argparse.Namespace) -> int:
    from gumruk_desk.sync import Retry, SyncClient, stored_token

    with _desk(desk_home) as desk:
        url = _central_url(desk, args.url)
        token = stored_token(desk, url) or _read_secret("Merkez anahtarı: ")
        retry = Retry() if args.wait is None else Retry(patience=max(0.0, args.wait))
        with SyncClient(url, token, ca_file=args.ca_file, retry=retry) as client:
            result = client.run(desk)
            if not args.no_pull:
                client.pull_bulletins(desk)
                client.pull_rulesets(desk)
                for note in client.notes:
                    print(note, file=sys.stderr)
    _print_json(result.to_json())
    for item in result.quarantined:
        print(f"Merkez reddetti: {item['number']}: {item['reason']}", file=sys.stderr)
    return EXIT_OK if result.complete else EXIT_FAILURE


def cmd_report(desk_home: str | None, args: argparse.Namespace) -> int:
    if args.out:
        _pdf_target(desk_home, args.out)
    with _desk(desk_home) as desk:
        report = desk.shift_report(args.date, args.officer)
        if args.out:
            _write_pdf(args.out, desk.shift_report_pdf(report))
    _print_json(report)
    return EXIT_OK


def _record_json(found: Any) -> Any:
    """The JSON of a record as either door gives it: the standard-library reader answers with
    the stored JSON itself, the services (a register that needed migrating) with the typed
    record."""
    return found if found is None or isinstance(found, dict) else found.to_json()


def cmd_record_show(desk_home: str | None, args: argparse.Namespace) -> int:
    with _reader(desk_home) or _desk(desk_home) as register:
        content = _record_json(register.show(args.number))
    if content is None:
        raise CliError(EXIT_FAILURE, f"{args.number} numaralı kayıt yok.")
    _print_json(content)
    return EXIT_OK


def cmd_record_list(desk_home: str | None, args: argparse.Namespace) -> int:
    with _reader(desk_home) or _desk(desk_home) as register:
        for content in register.list_records(args.kind, args.since):
            _print_json(_record_json(content), compact=True)
    return EXIT_OK


def cmd_print(desk_home: str | None, args: argparse.Namespace) -> int:
    if not args.out and not args.preview:
        raise CliError(EXIT_INVALID, "--out FILE.pdf veya --preview verilmeli.")
    if args.out:
        _pdf_target(desk_home, args.out)
    with _desk(desk_home) as desk:
        actor = None
        if args.officer:
            actor = desk.authenticate(args.officer, _read_secret("Parola: ")).sicil
        rendered = desk.render_document(args.number, args.document)
        if args.out:
            out = Path(args.out)
            tmp = out.with_name(out.name + ".tmp")
            try:
                tmp.write_bytes(rendered.pdf)
            except OSError as exc:
                raise CliError(
                    EXIT_FAILURE, f"PDF yazılamadı ({out}): {exc.strerror}; baskı kaydedilmedi."
                ) from None
            desk.record_print(rendered, actor)  # the file exists: now it counts as printed
            os.replace(tmp, out)
            reprint = (
                f", yeniden baskı ({rendered.print_no}. baskı)" if rendered.print_no > 1 else ""
            )
            print(f"{rendered.number} yazdırıldı: {out}{reprint}")
        if args.preview:
            from gumruk_desk.ui.app import show_print_preview  # Qt only when a window is wanted

            if not args.out:
                desk.record_print(rendered, actor)
            show_print_preview(
                rendered.pdf,
                f"{rendered.number} ({args.document})",
                f"{rendered.number}-{args.document}.pdf",
                desk.db.home,
            )
    return EXIT_OK


def cmd_backup(desk_home: str | None, args: argparse.Namespace) -> int:
    from gumruk_desk.register import backup

    with _desk(desk_home) as desk:  # opens (and migrates) the register: it must be usable
        home = desk.db.home
    info = backup.make_backup(home, Path(args.out).resolve() if args.out else None)
    _print_json(
        {
            "backup": str(info.path),
            "records": info.records,
            "events": info.events,
            "head": info.head,
        }
    )
    return EXIT_OK


def cmd_restore(desk_home: str | None, args: argparse.Namespace) -> int:
    """A backup put in place once its chain verifies. Where this data folder's key does not
    open it (a new machine, a keyring lost, another key), its recovery key is asked and its
    key kept again: in the keyring, else under a new station passphrase."""
    from gumruk_desk.register import backup, keys
    from gumruk_desk.register.files import home_dir

    home = home_dir(desk_home)
    source = Path(args.file).resolve()
    try:
        protected = keys.read_info(home) is not None and keys.needs_passphrase(home)
    except keys.KeyUnavailable:  # a damaged side file: the recovery key is asked below
        protected = False
    if protected:
        # The register's own key under the station passphrase: it may open the backup.
        keys.give_passphrase(home, _read_secret("İstasyon parolası: "))
    try:
        restored, saved = backup.restore(home, source, force=args.force)
        recovery = None
    except backup.RecoveryKeyNeeded as exc:
        print(exc, file=sys.stderr)
        recovery = _read_secret("Yedeğin kurtarma anahtarı: ")
    if recovery is not None:
        try:
            keys.parse_recovery(recovery)
        except ValueError as bad:
            raise CliError(EXIT_INVALID, f"{bad} Hiçbir şey değiştirilmedi.") from None
        if not keys.can_keep(home):
            passphrase = _read_secret("Yeni istasyon parolası (anahtarlık yok): ")
            if (
                sys.stdin.isatty()
                and _read_secret("Yeni istasyon parolası (tekrar): ") != passphrase
            ):
                raise CliError(EXIT_INVALID, "Parolalar aynı değil; hiçbir şey değiştirilmedi.")
            try:
                keys.set_new_passphrase(home, passphrase)
            except keys.KeyUnavailable as bad:
                raise CliError(EXIT_INVALID, f"{bad} Hiçbir şey değiştirilmedi.") from None
        restored, saved = backup.restore(home, source, force=args.force, recovery=recovery)
    kept = keys.read_info(home) if recovery is not None else None
    _print_json(
        {
            "restored": str(args.file),
            "records": restored.records,
            "events": restored.events,
            "head": restored.head,
            "previous_register_saved_as": str(saved) if saved else None,
            "recovery_key_used": recovery is not None,
            # Where the recovery key's key is kept now: "keyring" or "passphrase".
            "key_kept_in": kept.protector if kept is not None else None,
        }
    )
    return EXIT_OK


def cmd_verify(desk_home: str | None, args: argparse.Namespace) -> int:
    with _desk(desk_home) as desk:
        result = desk.verify()
    if result.ok:
        print(
            f"Kayıt zinciri sağlam: {result.records} kayıt, {result.events} olay. "
            f"Son özet: {result.head}"
        )
        return EXIT_OK
    print(f"KAYIT ZİNCİRİ BOZUK: {result.problem}", file=sys.stderr)
    return EXIT_FAILURE


def cmd_gui(desk_home: str | None, args: argparse.Namespace) -> int:
    # Imported here: the headless commands never load Qt.
    from gumruk_desk.ui.app import run

    return run(desk_home)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gumruk-desk",
        description="Gümrük Masası — Nakit Beyan Formu ve Nakit Açıklama Tutanağı "
        "(Genelge 2013/1). Komutsuz çalıştırıldığında masaüstü penceresini açar.",
    )
    parser.add_argument(
        "--home", help="veri klasörü (varsayılan: $GUMRUK_DESK_HOME veya kullanıcının veri klasörü)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMUT")

    p = sub.add_parser("init", help="kayıt defterini ve masayı kur")
    p.add_argument("--office-code", help="gümrük idaresi kodu (ör. GM01); --demo yoksa gerekli")
    p.add_argument("--office-name", help="gümrük idaresinin adı; --demo yoksa gerekli")
    p.add_argument("--desk", help="masa kodu (ör. M1); --demo yoksa gerekli")
    p.add_argument(
        "--demo",
        action="store_true",
        help="örnek memurlar ve kurlarla DEMO masası kur (her çıktıda DEMO yazar)",
    )
    p.add_argument("--customs-area", help="formun düzenlendiği gümrük sahası")
    p.add_argument("--central-url", help="merkez sistemin adresi (https://…)")
    p.add_argument(
        "--rate-column",
        default=DEFAULT_RATE_COLUMN,
        choices=RATE_COLUMN_CHOICES,
        help="kullanılacak TCMB kur sütunu",
    )
    p.add_argument("--recovery-pdf", metavar="FILE.pdf", help=_RECOVERY_PDF_HELP)
    p.set_defaults(func=cmd_init)

    officer = sub.add_parser("officer", help="memurlar").add_subparsers(dest="sub", required=True)
    p = officer.add_parser(
        "add",
        help="memur ekle (parola standart girdiden; istasyon parolası sorulursa ondan sonra)",
    )
    p.add_argument("--sicil", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--supervisor", action="store_true", help="idare amiri")
    p.set_defaults(func=cmd_officer_add)
    p = officer.add_parser("unlock", help="kilitli hesabı aç (amir parolası: standart girdi)")
    p.add_argument("--sicil", required=True)
    p.add_argument("--by", required=True, metavar="AMIR_SICIL")
    p.set_defaults(func=cmd_officer_unlock)
    p = officer.add_parser(
        "reset-password",
        help="memura yeni parola ver, hesabı aç (standart girdi: amirin parolası, yeni parola)",
    )
    p.add_argument("sicil", metavar="SICIL")
    p.add_argument("--by", required=True, metavar="AMIR_SICIL")
    p.set_defaults(func=cmd_officer_reset_password)
    p = officer.add_parser(
        "deactivate", help="memurun hesabını devre dışı bırak (amir parolası: standart girdi)"
    )
    p.add_argument("sicil", metavar="SICIL")
    p.add_argument("--by", required=True, metavar="AMIR_SICIL")
    p.add_argument("--reason", default="", help="gerekçe (zincire yazılır, en fazla 200 karakter)")
    p.set_defaults(func=cmd_officer_deactivate)
    p = officer.add_parser("list", help="memurlar: sicil, ad, unvan, yetki, durum")
    p.add_argument("--json", action="store_true", help="JSON dizisi olarak yaz")
    p.set_defaults(func=cmd_officer_list)

    rates = sub.add_parser("rates", help="kurlar").add_subparsers(dest="sub", required=True)
    p = rates.add_parser("import", help="TCMB günlük kur dosyasını (today.xml) yükle")
    p.add_argument("file", metavar="FILE.xml")
    p.set_defaults(func=cmd_rates_import)

    record = sub.add_parser("record", help="kayıtlar").add_subparsers(dest="sub", required=True)
    p = record.add_parser("create", help="kaydı tescil et (parolalar: standart girdi)")
    p.add_argument("--officer", required=True, metavar="SICIL")
    p.add_argument(
        "--manual-rate",
        action="append",
        type=_manual_rate,
        metavar="KOD=KUR",
        help="bültende olmayan bir kur (elle; kayıtta işaretlenir)",
    )
    p.add_argument(
        "--replaces",
        metavar="NUMBER",
        help="bu kayıt, iptal edilen NUMBER numaralı kaydın yerine düzenlendi",
    )
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=cmd_record_create)
    p = record.add_parser(
        "cancel",
        help=(
            "kaydı iptal et: memurun isteği ve amirin onayı (parolalar: standart girdinin ilk "
            "iki satırı, önce memur sonra amir); komut, imzalı nüshaların tamamının "
            "toplandığını beyan eder"
        ),
    )
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--officer", required=True, metavar="SICIL")
    p.add_argument("--approver", required=True, metavar="SICIL", help="onaylayan amir")
    p.add_argument(
        "--copies-collected",
        type=int,
        metavar="N",
        help="toplanan imzalı nüsha sayısı (verilmezse: tamamı)",
    )
    p.set_defaults(func=cmd_record_cancel)
    p = record.add_parser(
        "verify",
        help="banka doğrulaması: form numarası ve beyan edenin belge numarası (JSON)",
    )
    p.add_argument(
        "number",
        metavar="NUMBER",
        help="form numarası ya da okunan karekodun tamamı (GMASA1|numara|tarih|TL|özet)",
    )
    p.add_argument("--document", required=True, metavar="ID")
    p.set_defaults(func=cmd_record_verify, reads_only=True)
    p = record.add_parser("show", help="kaydı göster (JSON)")
    p.add_argument("number", metavar="NUMBER")
    p.set_defaults(func=cmd_record_show, reads_only=True)
    p = record.add_parser("list", help="kayıtları listele (satır başına bir JSON)")
    p.add_argument("--kind", choices=["nakit_beyan", "nakit_aciklama"])
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_record_list, reads_only=True)

    p = sub.add_parser("print", help="kaydın belgesini PDF olarak yazdır")
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--out", metavar="FILE.pdf", help="PDF dosyasına yaz")
    p.add_argument(
        "--preview",
        action="store_true",
        help="baskı önizleme penceresini aç (yazıcıya gönder, PDF kaydet)",
    )
    p.add_argument(
        "--document",
        choices=DOCUMENT_CHOICES,
        default="form",
        help="form (EK-1/EK-2), seizure (zabıt varakası), receipt (alındı belgesi)",
    )
    p.add_argument(
        "--officer",
        metavar="SICIL",
        help="yazdıran memur (parolası standart girdiden; olay kaydı için)",
    )
    p.set_defaults(func=cmd_print)

    ledger_cmd = sub.add_parser("ledger", help="numaralı defter (Genelge 2013/1 Ortak h. 4)")
    ledger_sub = ledger_cmd.add_subparsers(dest="sub", required=True)
    p = ledger_sub.add_parser("print", help="defter sayfalarını PDF olarak yaz")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--year", type=int, metavar="Y")
    p.add_argument("--page", type=int, metavar="N", help="yalnızca bu sayfa")
    p.set_defaults(func=cmd_ledger_print)
    p = ledger_sub.add_parser(
        "approve", help="sayfayı onayla ve dondur (amir parolası: standart girdi)"
    )
    p.add_argument("page", type=int, metavar="PAGE")
    p.add_argument("--approver", required=True, metavar="SICIL")
    p.add_argument("--year", type=int, metavar="Y")
    p.add_argument(
        "--digest",
        metavar="SHA256",
        help="yalnızca sayfa hâlâ bu özetle okunuyorsa onayla (ledger print çıktısındaki)",
    )
    p.set_defaults(func=cmd_ledger_approve)

    paper_cmd = sub.add_parser("paper", help="kâğıt form numaraları (Genelge 2013/1 Ortak h. 4)")
    paper_sub = paper_cmd.add_subparsers(dest="sub", required=True)
    p = paper_sub.add_parser(
        "reserve", help="kâğıt form numarası bloğu ayır (amir parolası: standart girdi)"
    )
    p.add_argument("--kind", required=True, choices=["nakit_beyan", "nakit_aciklama"])
    p.add_argument("--count", required=True, type=int, metavar="N")
    p.add_argument("--supervisor", required=True, metavar="SICIL")
    p.add_argument("--out", metavar="FILE.pdf", help="bloğun boş formlarını da yazdır")
    p.set_defaults(func=cmd_paper_reserve)
    p = paper_sub.add_parser("blank", help="ayrılmış numaralarla boş formları PDF olarak yaz")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_paper_blank)
    p = paper_sub.add_parser(
        "void", help="kullanılmayacak kâğıt numarasını boşa çıkar (amir parolası: standart girdi)"
    )
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--supervisor", required=True, metavar="SICIL")
    p.set_defaults(func=cmd_paper_void)
    p = paper_sub.add_parser("reconcile", help="kullanılan, boşa çıkan ve eksik numaralar (JSON)")
    p.add_argument("--year", type=int, metavar="Y")
    p.set_defaults(func=cmd_paper_reconcile)

    central = sub.add_parser("central", help="merkez kabul servisi (referans uygulama)")
    central_sub = central.add_subparsers(dest="sub", required=True)
    p = central_sub.add_parser("serve", help="servisi başlat")
    p.add_argument("--db", required=True, metavar="URL", help="postgresql://… ya da sqlite:///…")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--tls-cert", metavar="F")
    p.add_argument("--tls-key", metavar="F")
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="süreç sayısı (çekirdek başına bir)"
    )
    p.add_argument(
        "--max-batches",
        type=int,
        default=4,
        metavar="N",
        help="bir sürecin aynı anda işlediği toplu gönderim (fazlası 503 ve Retry-After alır)",
    )
    p.add_argument(
        "--queue-wait",
        type=float,
        default=2.0,
        metavar="S",
        help="yer bekleyen bir gönderimin 503 almadan önce bekleyeceği saniye",
    )
    p.set_defaults(func=cmd_central_serve)
    p = central_sub.add_parser(
        "issue-token", help="bir masaya anahtar ver (yalnızca özeti saklanır)"
    )
    p.add_argument("--db", required=True, metavar="URL")
    p.add_argument("--office", required=True, metavar="CODE")
    p.add_argument("--desk", required=True, metavar="DESK")
    p.set_defaults(func=cmd_central_issue_token)
    p = central_sub.add_parser("load-rates", help="masaların çekeceği TCMB kur bültenini yükle")
    p.add_argument("--db", required=True, metavar="URL")
    p.add_argument("file", metavar="FILE.xml")
    p.set_defaults(func=cmd_central_load_rates)
    p = central_sub.add_parser("load-ruleset", help="masaların çekeceği kural setini yükle")
    p.add_argument("--db", required=True, metavar="URL")
    p.add_argument("file", metavar="FILE.json")
    p.add_argument(
        "--in-force",
        action="store_true",
        help="taslak kural setini masalara yürürlükte olarak gönder (merkez onayı)",
    )
    p.set_defaults(func=cmd_central_load_ruleset)

    rules = sub.add_parser("rules", help="kural setleri: liste, ayrıntı, onay").add_subparsers(
        dest="sub", required=True
    )
    p = rules.add_parser("list", help="masanın bildiği kural setleri")
    p.set_defaults(func=cmd_rules_list)
    p = rules.add_parser("show", help="bir kural setinin parametreleri ve kaynakları")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_rules_show)
    p = rules.add_parser(
        "activate", help="taslak kural setini onayla (amir parolası standart girdiden)"
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--supervisor", required=True, metavar="SICIL")
    p.set_defaults(func=cmd_rules_activate)
    p = rules.add_parser("load", help="kural seti dosyası yükle (amir parolası standart girdiden)")
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--supervisor", required=True, metavar="SICIL")
    p.set_defaults(func=cmd_rules_load)
    p = rules.add_parser(
        "tolerance",
        help="tanımsız bir yılın müsaade edilen farkı için hesaplanan öneri; --accept ile kabul",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--accept", action="store_true", help="öneriyi kural setine al (amir)")
    p.add_argument("--supervisor", metavar="SICIL")
    p.set_defaults(func=cmd_rules_tolerance)

    token = sub.add_parser("token", help="merkez anahtarı").add_subparsers(
        dest="sub", required=True
    )
    p = token.add_parser(
        "set", help="anahtarı işletim sisteminin anahtarlığına yaz (standart girdi)"
    )
    p.add_argument("--url", metavar="URL", help="merkez adresi (verilmezse masanın ayarı)")
    p.set_defaults(func=cmd_token_set)

    p = sub.add_parser("sync", help="kayıtları merkeze gönder (anahtar: anahtarlık ya da girdi)")
    p.add_argument("--url", metavar="URL")
    p.add_argument("--ca-file", metavar="F", help="merkezin sertifikasını doğrulayan CA dosyası")
    p.add_argument("--no-pull", action="store_true", help="kur bültenlerini çekme")
    p.add_argument(
        "--wait",
        type=float,
        default=None,
        metavar="SN",
        help="merkeze ulaşılamadığında yeniden denemeler arasında toplam en çok kaç saniye "
        "beklensin (varsayılan 90; her deneme ayrıca en çok 20 sn sürer)",
    )
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("report", help="vardiya / gün raporu (JSON; --out ile PDF)")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--officer", metavar="SICIL", help="yalnızca bu memurun kayıtları")
    p.add_argument("--out", metavar="FILE.pdf")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("backup", help="kayıt defterinin tutarlı bir kopyasını al")
    p.add_argument("--out", metavar="FILE", help="verilmezse veri klasöründeki backups/")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore",
        help="yedeği geri yükle (yedeğin zinciri doğrulanmadan hiçbir şey değişmez; anahtarı "
        "bu makinede yoksa yedeğin kurtarma anahtarı standart girdiden sorulur)",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--force",
        action="store_true",
        help="sağlam kayıt defterinin yerine eski ya da farklı bir yedeği de koy",
    )
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("verify", help="kayıt zincirini doğrula")
    p.set_defaults(func=cmd_verify)

    key = sub.add_parser("key", help="kayıt defterinin şifreleme anahtarı").add_subparsers(
        dest="sub", required=True
    )
    p = key.add_parser(
        "recover",
        help="kurtarma anahtarıyla aç ve anahtarı yeniden sakla (standart girdi)",
    )
    p.set_defaults(func=cmd_key_recover)
    p = key.add_parser("rotate", help="kayıt defterini yeni bir anahtarla şifrele (amir)")
    p.add_argument("--supervisor", metavar="SICIL", required=True)
    p.add_argument("--recovery-pdf", metavar="FILE.pdf", help=_RECOVERY_PDF_HELP)
    p.set_defaults(func=cmd_key_rotate)
    return parser


def _fail(code: int, message: str) -> NoReturn:
    print(message, file=sys.stderr)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_gui)
    # A read-only command writes nothing to the log (and does not load the logging handlers).
    if getattr(args, "command", None) not in ("central", None) and not getattr(
        args, "reads_only", False
    ):
        from gumruk_desk.logs import setup_logging
        from gumruk_desk.register.files import home_dir

        setup_logging(home_dir(args.home))
    try:
        if _station_passphrase_first(args):
            # Before any other line of standard input (an officer's password, say), so that
            # the passphrase is the first line for every command, as the help says.
            _unlock(args.home)
        return int(func(args.home, args))
    except CliError as exc:
        _fail(exc.code, str(exc))
    except BrokenPipeError:
        # The reader went away (e.g. `record list | head`): not an error of ours to report.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _fail(EXIT_FAILURE, "Kullanıcı tarafından durduruldu.")
    except Exception as exc:
        code, message = _failure(exc)
        _fail(code, message)


def _station_passphrase_first(args: argparse.Namespace) -> bool:
    """Whether the command opens this desk's register with its key as it is kept: not the
    centre's commands, not the window (it asks in a dialog), not those that put a key in
    place (recovery, restore: they ask what they need)."""
    command = getattr(args, "command", None)
    if command in (None, "central", "restore"):
        return False
    return not (command == "key" and getattr(args, "sub", None) == "recover")


def _failure(exc: Exception) -> tuple[int, str]:
    """The exit code and the Turkish message for what a command raised. The error classes
    are imported here, on the way out, so that no command pays for them on its way in."""
    from sqlalchemy.exc import SQLAlchemyError

    from gumruk_desk.domain.problems import InvalidRecord
    from gumruk_desk.domain.rates import RatesError
    from gumruk_desk.domain.rules import RuleSetError
    from gumruk_desk.printing.documents import DocumentError
    from gumruk_desk.printing.painter import LayoutOverflow
    from gumruk_desk.register.cancellation import CancellationError
    from gumruk_desk.register.files import RegisterError
    from gumruk_desk.register.keys import KeyUnavailable, PassphraseTooShort
    from gumruk_desk.register.ledger import LedgerError
    from gumruk_desk.register.officers import AuthError, OfficerError
    from gumruk_desk.register.paper import PaperError
    from gumruk_desk.register.station import StationError
    from gumruk_desk.sync import KeyringUnavailable, SyncError, TokenError

    if isinstance(exc, InvalidRecord):
        lines = [f"{p.path or '(kayıt)'}: {p.message}" for p in exc.problems]
        return EXIT_INVALID, "Kayıt geçersiz; hiçbir şey kaydedilmedi:\n  " + "\n  ".join(lines)
    if isinstance(exc, StationError | OfficerError | RatesError | DocumentError | LayoutOverflow):
        return EXIT_INVALID, str(exc)
    if isinstance(exc, RuleSetError):
        return EXIT_INVALID, f"{exc} Hiçbir şey değişmedi."
    if isinstance(exc, CancellationError):
        return EXIT_INVALID, f"{exc} Kayıt iptal edilmedi."
    if isinstance(exc, LedgerError | PaperError):
        return EXIT_INVALID, f"{exc} Hiçbir şey kaydedilmedi."
    if isinstance(exc, SyncError):
        refused = isinstance(exc, TokenError) and not isinstance(exc, KeyringUnavailable)
        return (EXIT_AUTH if refused else EXIT_FAILURE), str(exc)
    if isinstance(exc, AuthError):
        return EXIT_AUTH, f"{exc} Hiçbir şey kaydedilmedi."
    if isinstance(exc, PassphraseTooShort):
        return EXIT_INVALID, f"{exc} Hiçbir şey değişmedi."
    if isinstance(exc, KeyUnavailable):
        return EXIT_AUTH, str(exc)
    if isinstance(exc, RegisterError):
        return EXIT_FAILURE, str(exc)
    if isinstance(exc, SQLAlchemyError):
        # Typically "database is locked": another program holds the register too long.
        return (
            EXIT_FAILURE,
            "Kayıt defterine şu anda erişilemiyor (başka bir işlem kullanıyor "
            f"olabilir); hiçbir şey kaydedilmedi. Ayrıntı: {exc.__class__.__name__}"
            f": {getattr(exc, 'orig', exc)}",
        )
    if isinstance(exc, OSError):
        return EXIT_FAILURE, f"Giriş/çıkış hatası: {exc.strerror or exc}"
    # The last line of defence: never a traceback at the counter.
    return (
        EXIT_FAILURE,
        f"Beklenmeyen hata ({exc.__class__.__name__}): {exc}. Hiçbir kayıt "
        "yarım kalmaz; lütfen sistem sorumlusuna bildirin.",
    )


if __name__ == "__main__":
    raise SystemExit(main())

"""Upload to the central system (SPEC §8) over networks that drop.

The desk asks the centre where its chain stands, sends what follows in batches, writes the
centre's answers (acknowledgement with the central reference, or a rejection that quarantines
the record) into its own chain, and goes on until the centre holds everything. Every request
is retried with exponential backoff and jitter on a network error, a timeout or a 5xx; a
repeated batch is harmless (the centre is idempotent on UUID and hash), so an interrupted
upload simply resumes. The token comes from the OS keyring, never from a file.
"""

from __future__ import annotations

import datetime
import ipaddress
import math
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import keyring
from keyring.errors import KeyringError

from gumruk_desk.domain.rules import RuleSetError

KEYRING_SERVICE = "gumruk-desk-central"
BATCH_EVENTS = 500
MAX_BATCH_BYTES = 4_000_000


class StationCodes(Protocol):
    """What the upload needs to know of the station: who is sending."""

    @property
    def office_code(self) -> str: ...

    @property
    def desk_code(self) -> str: ...


class ChainCheck(Protocol):
    """The answer of a walk along the desk's chain."""

    @property
    def ok(self) -> bool: ...

    @property
    def problem(self) -> str | None: ...


class UploadingDesk(Protocol):
    """The register as the upload sees it: its chain, the batches to send, the answers to
    write and the reference data the centre serves. The desk's services implement it; the
    upload never reaches past it into the register."""

    def station(self) -> StationCodes: ...

    def sync_head(self) -> tuple[int, str]: ...

    def sync_hash_at(self, seq: int) -> str | None: ...

    def sync_first_unanswered(self) -> int | None: ...

    def verify(self, after: tuple[int, str] | None = None) -> ChainCheck: ...

    def sync_batch(self, after_seq: int, limit: int, max_bytes: int) -> list[dict[str, Any]]: ...

    def sync_record_answers(
        self, sent: list[dict[str, Any]], results: list[dict[str, Any]]
    ) -> tuple[int, int, int]: ...

    def sync_counts(self) -> dict[str, int]: ...

    def sync_quarantined(self) -> list[dict[str, Any]]: ...

    def load_central_ruleset(self, data: bytes, in_force: bool = False) -> bool: ...

    def latest_bulletin_date(self) -> datetime.date | None: ...

    def import_rates(self, data: bytes, actor: str | None = None) -> tuple[object, bool]: ...


class SyncError(RuntimeError):
    """The upload could not finish (Turkish message); nothing uploaded is lost."""


class TokenError(SyncError):
    """No token, or the centre refused it."""


class KeyringUnavailable(TokenError):
    """The token could not be kept: no keyring on this machine can store it."""


def keyring_user(desk: UploadingDesk, url: str) -> str:
    station = desk.station()
    return f"{station.office_code}-{station.desk_code}@{url.rstrip('/')}"


def stored_token(desk: UploadingDesk, url: str) -> str | None:
    """The desk's token from the OS keyring (None when there is none or no keyring)."""
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_user(desk, url))
    except KeyringError:
        return None


def store_token(desk: UploadingDesk, url: str, token: str) -> None:
    """Keep the token in the OS keyring; raise KeyringUnavailable when no keyring here keeps
    it (the token is then asked for each session and never written anywhere)."""
    token = token.strip()
    if not token:
        raise TokenError("Anahtar boş.")
    user = keyring_user(desk, url)
    try:
        keyring.set_password(KEYRING_SERVICE, user, token)
        # Some backends accept and forget (the null keyring of a machine without one): only
        # what can be read back was stored.
        kept = keyring.get_password(KEYRING_SERVICE, user) == token
        reason = "" if kept else f"{type(keyring.get_keyring()).__module__} anahtarı saklamıyor"
    except KeyringError as exc:
        kept, reason = False, str(exc)
    if not kept:
        raise KeyringUnavailable(
            f"İşletim sisteminin anahtarlığı kullanılamıyor ({reason}); anahtar kaydedilmedi. "
            "Senkronizasyon her oturumda anahtarı sorar."
        )


@dataclass
class Retry:
    """How long an upload keeps trying: at most ``attempts`` tries and ``patience`` seconds
    of waiting between them in all (enough for a centre restarted or briefly overloaded at
    shift change), each wait doubling from ``base`` up to ``cap``, or what the centre's
    ``Retry-After`` asks for."""

    attempts: int = 40
    base: float = 0.5  # seconds; doubled each time
    cap: float = 10.0
    timeout: float = 20.0
    patience: float = 90.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int) -> float:
        backoff = float(min(self.cap, self.base * 2.0**attempt))
        jitter = float(random.uniform(0.0, backoff / 2))  # spreads the desks' retries
        return backoff / 2 + jitter


#: The smallest batch a timed-out upload shrinks to (events).
MIN_BATCH_EVENTS = 20
#: The longest wait a centre's Retry-After is taken at (seconds).
MAX_RETRY_AFTER = 60.0


def retry_after(response: httpx.Response) -> float | None:
    """The seconds of a ``Retry-After: N`` header (the centre's form), else None."""
    value = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER) if math.isfinite(seconds) else None


@dataclass
class SyncResult:
    uploaded: int = 0
    already_present: int = 0
    rejected: int = 0
    pending: int = 0
    local_count: int = 0
    central_count: int = 0
    last_seq: int = 0
    last_hash: str = ""
    batches: int = 0
    retries: int = 0
    quarantined: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, int]:
        """The exact object ``gumruk-desk sync`` prints (SPEC §9)."""
        return {
            "uploaded": self.uploaded,
            "already_present": self.already_present,
            "rejected": self.rejected,
            "pending": self.pending,
            "local_count": self.local_count,
            "central_count": self.central_count,
        }

    @property
    def complete(self) -> bool:
        return self.pending == 0 and self.rejected == 0


class Cancelled(SyncError):
    pass


def plain_http_allowed(url: str) -> bool:
    """``http://`` only on this machine or a private network (a test centre, a LAN relay);
    anywhere else the token and the records travel over TLS."""
    host = httpx.URL(url).host
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: it may resolve anywhere
    return address.is_loopback or address.is_private


class SyncClient:
    """One upload session against ``url`` with ``token``."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        ca_file: str | None = None,
        retry: Retry | None = None,
        batch_events: int = BATCH_EVENTS,
    ) -> None:
        self.url = url.rstrip("/")
        if self.url.startswith("http://") and not plain_http_allowed(self.url):
            raise SyncError(
                f"{self.url}: şifresiz (http) bağlantı yalnızca bu makineye ya da yerel ağa "
                "yapılır; merkez adresi https:// ile başlamalı."
            )
        if not self.url.startswith(("http://", "https://")):
            raise SyncError(f"{self.url}: merkez adresi https:// ile başlamalı.")
        self.retry = retry or Retry()
        self.batch_events = batch_events
        # The system's trust store, or only the CA that signed the centre's certificate.
        verify: Any = ssl.create_default_context(cafile=ca_file) if ca_file else True
        self.http = httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=self.retry.timeout,
            verify=verify,
        )
        self.retries = 0
        self.notes: list[str] = []

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP with retries -------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        cancel: Callable[[], bool],
        *,
        body: Callable[[], Any] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """The response, retried through refusals, cuts, timeouts, 5xx and 429 for as long
        as :class:`Retry` allows. ``body`` builds the JSON anew for every try: after a timeout
        the batch is halved (:attr:`batch_events`), so a slow centre gets smaller uploads."""
        last = ""
        waited = 0.0
        for attempt in range(self.retry.attempts):
            if cancel():
                raise Cancelled("Senkronizasyon durduruldu; gönderilenler merkezde.")
            asked: float | None = None
            try:
                if body is not None:
                    kwargs["json"] = body()
                response = self.http.request(method, path, **kwargs)
            except httpx.TransportError as exc:  # refused, cut, timed out, TLS
                last = f"{exc.__class__.__name__}: {exc}"
                if isinstance(exc, httpx.TimeoutException) and body is not None:
                    self.batch_events = max(MIN_BATCH_EVENTS, self.batch_events // 2)
            else:
                if response.status_code < 500 and response.status_code != 429:
                    return response
                last = f"HTTP {response.status_code}"
                asked = retry_after(response)
            self.retries += 1
            delay = self.retry.delay(attempt) if asked is None else asked
            if attempt + 1 >= self.retry.attempts or waited + delay > self.retry.patience:
                break
            self.retry.sleep(delay)
            waited += delay
        raise SyncError(
            f"Merkeze ulaşılamıyor ({self.url}): {last}. Kayıtlar masada güvende; bağlantı "
            "gelince yeniden deneyin."
        )

    def _json(self, response: httpx.Response) -> Any:
        if response.status_code == 401:
            raise TokenError("Merkez masa anahtarını kabul etmedi (401): anahtarı yenileyin.")
        if response.status_code == 403:
            raise TokenError("Bu anahtar bu masanın değil (403).")
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail")
            except ValueError:
                detail = response.text[:200]
            raise SyncError(f"Merkez isteği reddetti (HTTP {response.status_code}): {detail}")
        return response.json()

    # -- the upload --------------------------------------------------------------------------
    def run(
        self,
        desk: UploadingDesk,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] = lambda: False,
    ) -> SyncResult:
        """Upload until the centre holds the whole chain; ``progress(done, total)`` in events."""
        result = SyncResult()
        station = desk.station()
        conflicts = 0
        state = self._json(self._request("GET", "/v1/desks/me", cancel))
        central_seq = int(state["last_seq"])
        local_head, _ = desk.sync_head()
        if central_seq > local_head:
            raise SyncError(
                f"Merkez bu masadan {central_seq} olay almış, masada {local_head} var: bu "
                "kayıt defteri merkezdekiyle aynı değil. Amirinize bildirin."
            )
        if desk.sync_hash_at(central_seq) != state["last_hash"]:
            raise SyncError(
                f"Masanın #{central_seq} olayı merkezdekinden farklı: kayıt defteri "
                "merkezdekiyle aynı değil. Amirinize bildirin."
            )
        # Where to send from: after the centre's last link — or earlier, from a registration
        # whose answer never came back (stored at the centre, not acknowledged here).
        unanswered = desk.sync_first_unanswered()
        cursor = central_seq if unanswered is None else min(central_seq, unanswered - 1)
        # Nothing is sent from a register whose chain, from there on, does not hold: the
        # centre would take a changed record for the registered one.
        anchor = desk.sync_hash_at(cursor)
        checked = desk.verify(after=(cursor, anchor or ""))
        if not checked.ok:
            raise SyncError(
                f"Kayıt zinciri bozuk: {checked.problem} Merkeze hiçbir şey gönderilmedi; "
                "'gumruk-desk verify' ile denetleyip amirinize bildirin."
            )
        while True:
            local_head, _ = desk.sync_head()
            if progress is not None:
                progress(cursor, local_head)
            if cursor >= local_head:
                break
            sent: list[dict[str, Any]] = []

            def batch(after: int = cursor) -> dict[str, Any]:
                nonlocal sent
                sent = desk.sync_batch(after, self.batch_events, MAX_BATCH_BYTES)
                return {"office": station.office_code, "desk": station.desk_code, "events": sent}

            response = self._request("POST", "/v1/batches", cancel, body=batch)
            if response.status_code == 409 and conflicts < 3:
                # Another upload of this desk moved the centre meanwhile: ask where it stands.
                conflicts += 1
                state = self._json(self._request("GET", "/v1/desks/me", cancel))
                cursor = min(cursor, int(state["last_seq"]))
                continue
            answer = self._json(response)
            conflicts = 0
            stored, present, _rejected = desk.sync_record_answers(sent, answer["results"])
            result.uploaded += stored
            result.already_present += present
            result.batches += 1
            cursor = int(sent[-1]["seq"])
            result.central_count = int(answer["record_count"])
        final = self._json(self._request("GET", "/v1/desks/me", cancel))
        local = desk.sync_counts()
        result.rejected = local["rejected"]
        result.pending = local["pending"]
        result.local_count = local["local_count"]
        result.central_count = int(final["record_count"])
        result.last_seq = int(final["last_seq"])
        result.last_hash = str(final["last_hash"])
        result.retries = self.retries
        result.quarantined = desk.sync_quarantined()
        return result

    def pull_rulesets(self, desk: UploadingDesk, cancel: Callable[[], bool] = lambda: False) -> int:
        """Load the rule sets the centre serves that the desk has not; how many. A file that
        clashes with one the desk has (same id, other content) is left out and said."""
        found = self._json(self._request("GET", "/v1/reference/rulesets", cancel))
        loaded = 0
        for item in found:
            try:
                loaded += int(
                    desk.load_central_ruleset(
                        item["content"].encode("utf-8"), in_force=bool(item.get("in_force"))
                    )
                )
            except RuleSetError as exc:
                self.notes.append(f"Merkezin kural seti {item.get('id')} yüklenmedi: {exc}")
        return loaded

    def pull_bulletins(
        self, desk: UploadingDesk, cancel: Callable[[], bool] = lambda: False
    ) -> int:
        """Import the rate bulletins the centre has after the desk's latest; how many."""
        latest = desk.latest_bulletin_date()
        params = {"since": latest.isoformat()} if latest else {}
        found = self._json(self._request("GET", "/v1/reference/bulletins", cancel, params=params))
        imported = 0
        for item in found:
            _bulletin, new = desk.import_rates(item["xml"].encode("utf-8"), actor="central")
            imported += int(new)
        return imported

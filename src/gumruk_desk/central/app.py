"""The HTTP face of the central store (FastAPI). Every route but the health check needs a
desk's bearer token; a desk writes only its own chain; bodies are limited in size, read
strictly (a key written twice is refused) and every field is validated before anything is
stored. Whatever a malformed request holds, it is answered with a 4xx and a Turkish reason
that says where the problem is, never with a 500.

Run with ``gumruk-desk central serve --db URL``; the OpenAPI description is committed as
``docs/central-openapi.json`` (a test keeps it equal to the code).
"""

import asyncio
import datetime
import json
import logging
import os
import random
import re
import traceback
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy.exc import OperationalError, TimeoutError as PoolTimeout
from starlette.types import ASGIApp, Receive, Scope, Send

from gumruk_desk.central.store import (
    BadBatch,
    CentralStore,
    ChainBroken,
    ConflictingContent,
    DeskRef,
)
from gumruk_desk.domain import jsontext
from gumruk_desk.domain.chainspec import REGISTRATION

MAX_BODY = 8 * 1024 * 1024  # bytes of one request
MAX_EVENTS = 1000  # events of one batch
MAX_INT = 2**31 - 1  # the centre's integer columns
MAX_PROBLEMS = 20  # named in one answer; a batch wrong throughout would name thousands
log = logging.getLogger("gumruk_desk.central")

#: Where ``central serve --workers N`` hands each worker process its database and limits.
DB_ENV = "GUMRUK_CENTRAL_DB"
LIMITS_ENV = "GUMRUK_CENTRAL_LIMITS"
BUSY = "Merkez şu an yoğun; gönderim birazdan yeniden denenmeli (Retry-After)."
UNEXPECTED = "Merkezde beklenmeyen hata."


@dataclass(frozen=True)
class Limits:
    """How much one worker process takes on at once. A batch beyond ``batches`` waits up to
    ``queue_wait`` seconds for a place, then is answered 503 with a ``Retry-After`` of
    ``retry_after`` to twice that (spread, so that the desks sent away do not all come back
    in the same second): a saturated centre says so at once instead of letting the desks
    time out after 20 s and send the whole batch again."""

    batches: int = 4
    queue_wait: float = 2.0
    retry_after: int = 2

    @property
    def pool(self) -> int:
        """Database connections per worker: one per batch at work, a few for the short
        requests (authentication, a desk's state, verification)."""
        return self.batches + 4

    def retry_after_header(self) -> str:
        return str(random.randint(self.retry_after, 2 * self.retry_after))

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, text: str | None) -> "Limits":
        return cls(**json.loads(text)) if text else cls()


_HEX64 = r"^[0-9a-f]{64}$"
_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_CODE = r"^[A-Z0-9]{1,20}$"
_SURROGATE = "geçersiz Unicode (eşi olmayan vekil karakter) içeriyor"


class _Strict(BaseModel):
    # Strict: a value of the wrong type is refused, not converted — the hashes the centre
    # checks cover the values exactly as the desk wrote them.
    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        # Neither database stores these (PostgreSQL text has no NUL; a lone surrogate has no
        # UTF-8): refused here rather than failing inside the transaction.
        if isinstance(value, str):
            if "\x00" in value:
                raise PydanticCustomError("nul_character", "NUL karakteri (\\u0000) içeremez")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise PydanticCustomError("surrogate", _SURROGATE) from None
        return value


class RecordRowIn(_Strict):
    """A registration's record row, every column of the desk's ``record`` table (the row hash
    covers them all)."""

    id: int = Field(ge=1, le=MAX_INT)
    uuid: str = Field(pattern=_UUID)
    number: str = Field(min_length=1, max_length=60)
    kind: str = Field(min_length=1, max_length=20)
    series: str = Field(max_length=20)
    office: str = Field(max_length=20)
    desk: str = Field(max_length=20)
    year: int = Field(ge=0, le=MAX_INT)
    seq: int = Field(ge=0, le=MAX_INT)
    registered_at: str = Field(max_length=40)
    record_date: str = Field(max_length=40)
    officer_sicil: str = Field(max_length=20)
    last_name_key: str = Field(max_length=200)
    id_number: str = Field(max_length=40)
    outcome_code: str = Field(max_length=30)
    paper_number: str | None = Field(max_length=60)
    content: str
    row_hash: str = Field(pattern=_HEX64)


class EventIn(_Strict):
    """One link of a desk's chain (and, for a registration, its record row)."""

    seq: int = Field(ge=1, le=MAX_INT)
    uuid: str = Field(pattern=_UUID)
    kind: str = Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")
    at: str = Field(min_length=10, max_length=40)
    actor: str | None = Field(default=None, max_length=20)
    record_id: int | None = Field(default=None, ge=1, le=MAX_INT)
    payload: str = Field(max_length=200_000)
    prev_hash: str = Field(pattern=_HEX64)
    hash: str = Field(pattern=_HEX64)
    record: RecordRowIn | None = Field(default=None, validate_default=True)

    @field_validator("record", mode="after")
    @classmethod
    def _record_with_registration(cls, value: Any, info: Any) -> Any:
        kind = info.data.get("kind")
        if kind == REGISTRATION and value is None:
            raise PydanticCustomError("record_missing", "tescil olayı kaydını taşımalı")
        if kind is not None and kind != REGISTRATION and value is not None:
            raise PydanticCustomError("record_unexpected", "yalnızca tescil olayı kayıt taşır")
        return value


class BatchIn(_Strict):
    office: str = Field(pattern=_CODE)
    desk: str = Field(pattern=_CODE)
    events: list[EventIn] = Field(min_length=1, max_length=MAX_EVENTS)


class ItemResult(BaseModel):
    seq: int
    uuid: str
    status: str  # "stored" | "already_present" | "rejected"
    record_uuid: str | None = None
    number: str | None = None
    central_ref: str | None = None
    record_status: str | None = None
    reason: str | None = None


class BatchOut(BaseModel):
    results: list[ItemResult]
    last_seq: int
    last_hash: str
    record_count: int


class DeskState(BaseModel):
    office: str
    desk: str
    last_seq: int
    last_hash: str
    record_count: int


class Refusal(BaseModel):
    detail: str  # Turkish


class ProblemOut(BaseModel):
    path: str  # where in the body: "events[3].record.number"
    message: str  # Turkish


class InvalidOut(Refusal):
    problems: list[ProblemOut]


class ConflictOut(Refusal):
    uuid: str | None = None  # the event offered with other content


_UPLOAD_REFUSALS: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ConflictOut,
        "description": (
            "Toplu gönderim masanın merkezdeki zincirini sürdürmüyor (merkezin durumu "
            "sorulup kaldığı yerden gönderilir) ya da merkezin bildiği bir olay başka içerikle "
            "geldi (reddedilir ve kayda geçer). Hiçbir şey saklanmaz."
        ),
    },
    413: {"model": Refusal, "description": f"İstek gövdesi {MAX_BODY} bayttan büyük."},
    503: {
        "model": Refusal,
        "description": (
            "Merkez yoğun (sürecin toplu gönderim yerleri dolu ya da veritabanı bağlantıları "
            "meşgul): Retry-After başlığındaki saniye kadar sonra aynı gönderim yeniden "
            "yapılır. Hiçbir şey saklanmaz."
        ),
        "headers": {
            "Retry-After": {
                "description": "Yeniden denemeden önce beklenecek saniye.",
                "schema": {"type": "integer"},
            }
        },
    },
    422: {
        "model": InvalidOut,
        "description": (
            "Gövde okunamıyor (JSON değil, bir anahtar iki kez yazılmış), bir alan eksik ya "
            "da türü yanlış, ya da olayların anlamı tutmuyor (iptali amir olmayan ya da "
            "isteyen memur onaylamış, defter sayfası sırasız onaylanmış): her sorun yeriyle "
            "birlikte adlandırılır. Toplu gönderimden hiçbir şey saklanmaz."
        ),
    },
}


class Invalid(Exception):
    """The request cannot be read as the route's input: 422, every problem with its path."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


# Turkish for pydantic's error types (its own messages are English and name the input).
_MESSAGES = {
    "missing": "eksik",
    "extra_forbidden": "beklenmeyen alan",
    "string_type": "metin olmalı",
    "string_unicode": _SURROGATE,
    "int_type": "tam sayı olmalı",
    "model_type": "bir JSON nesnesi ({{...}}) olmalı",
    "model_attributes_type": "bir JSON nesnesi ({{...}}) olmalı",
    "dict_type": "bir JSON nesnesi ({{...}}) olmalı",
    "list_type": "bir liste ([...]) olmalı",
    "string_pattern_mismatch": "biçimi geçersiz",
    "string_too_short": "en az {min_length} karakter olmalı",
    "string_too_long": "en fazla {max_length} karakter olabilir",
    "too_short": "en az {min_length} öğe olmalı",
    "too_long": "en fazla {max_length} öğe olabilir",
    "greater_than_equal": "en az {ge} olmalı",
    "less_than_equal": "en fazla {le} olabilir",
}
_CUSTOM = {"nul_character", "surrogate", "record_missing", "record_unexpected"}


def _path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "gövde"


def _problems(exc: ValidationError) -> list[tuple[str, str]]:
    found = []
    for error in exc.errors(include_input=False, include_url=False):
        template = _MESSAGES.get(error["type"])
        if template is not None:
            message = template.format(**(error.get("ctx") or {}))
        elif error["type"] in _CUSTOM:
            message = error["msg"]
        else:
            message = "geçersiz değer"
        found.append((_path(error["loc"]), message))
    return found


async def batch_of(request: Request) -> BatchIn:
    """The upload's body, read strictly: the framework's reader would keep the last of two
    equal keys, so the centre could check one value and the desk's reader see another."""
    body = await request.body()  # at most MAX_BODY bytes (BodyLimit)
    try:
        data = jsontext.loads(body)
    except jsontext.RepeatedKey as exc:
        raise Invalid([("gövde", f"JSON okunamıyor: {exc}")]) from None
    except json.JSONDecodeError as exc:
        where = f"satır {exc.lineno}, sütun {exc.colno}"
        raise Invalid([("gövde", f"JSON değil ({where}).")]) from None
    except UnicodeDecodeError:
        raise Invalid([("gövde", "UTF-8 ile yazılmış JSON olmalı.")]) from None
    except RecursionError:
        raise Invalid([("gövde", "JSON çok derin iç içe.")]) from None
    try:
        return BatchIn.model_validate(data)
    except ValidationError as exc:
        raise Invalid(_problems(exc)) from None


def _invalid(problems: list[tuple[str, str]]) -> JSONResponse:
    named = problems[:MAX_PROBLEMS]
    detail = "İstek geçersiz: " + "; ".join(f"{path}: {message}" for path, message in named)
    if len(problems) > len(named):
        detail += f" (ve {len(problems) - len(named)} sorun daha)"
    return JSONResponse(
        status_code=422,
        content={
            "detail": detail,
            "problems": [{"path": path, "message": message} for path, message in named],
        },
    )


class BodyLimit:
    """Read the body whole, at most ``limit`` bytes, before the application sees any of it: a
    larger one is refused (413) however it comes — announced by Content-Length or chunked,
    when the size is known only by reading.

    An upload (``POST /v1/batches``), once its body is in, takes one of the worker's
    ``limits.batches`` places for its work; one that finds none within ``limits.queue_wait``
    seconds is answered 503 with ``Retry-After``. The body comes first so that a desk on a
    slow line holds no place while it sends, and the desk, having sent it all, hears the
    answer rather than a reset connection."""

    def __init__(self, app: ASGIApp, limit: int, limits: Limits | None = None) -> None:
        self.app, self.limit, self.limits = app, limit, limits or Limits()
        self._places: asyncio.Semaphore | None = None  # made in the worker's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await self._read(scope, receive, send)
        if body is None:
            return
        if scope["method"] != "POST" or scope["path"] != "/v1/batches":
            await self._deliver(body, scope, receive, send)
            return
        if self._places is None:
            self._places = asyncio.Semaphore(self.limits.batches)
        places = self._places
        if not places.locked():
            await places.acquire()  # free: taken at once, without a timer's task
        else:
            try:
                if self.limits.queue_wait <= 0:
                    raise TimeoutError
                await asyncio.wait_for(places.acquire(), self.limits.queue_wait)
            except TimeoutError:
                await _busy(send, self.limits)
                return
        try:
            await self._deliver(body, scope, receive, send)
        finally:
            places.release()

    async def _read(self, scope: Scope, receive: Receive, send: Send) -> bytes | None:
        """The whole body; None when it was refused (413) or the client left."""
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None  # the client left before its body was complete: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _too_large(send)
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _deliver(self, body: bytes, scope: Scope, receive: Receive, send: Send) -> None:
        whole = {"type": "http.request", "body": body, "more_body": False}
        delivered = False

        async def replay() -> Any:
            nonlocal delivered
            if delivered:
                return await receive()  # what follows the body: the client's disconnect
            delivered = True
            return whole

        answered = False

        async def sent(message: Any) -> None:
            nonlocal answered
            answered = answered or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, replay, sent)
        except Exception as exc:
            # The framework answers 500 through the app's handler, which logged the error
            # without its message, and raises it again for the server to log — message and
            # all, and the message may quote a traveller's data. Stopped here.
            if not answered:
                _log_unexpected(exc)
                await _answer(send, 500, UNEXPECTED)


def _log_unexpected(exc: BaseException) -> None:
    """The error's type and where it happened, never its message (which may quote the record
    being worked on: names, document numbers, amounts)."""
    frames = "".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}\n"
        for frame in traceback.extract_tb(exc.__traceback__)
    )
    log.error("unexpected error %s.%s\n%s", type(exc).__module__, type(exc).__qualname__, frames)


class _NoQuery(logging.Filter):
    """uvicorn's access line without the query string: ``/v1/verify`` carries the
    traveller's document number there."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].partition("?")[0], *args[3:])
        return True


_NO_QUERY = _NoQuery()


async def _answer(
    send: Send, status: int, detail: str, headers: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    """A JSON ``{"detail": …}`` answer sent before the app has seen the request."""
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _busy(send: Send, limits: Limits) -> None:
    await _answer(send, 503, BUSY, ((b"retry-after", limits.retry_after_header().encode()),))


async def _too_large(send: Send) -> None:
    await _answer(send, 413, f"İstek gövdesi çok büyük: en fazla {MAX_BODY} bayt.")


class CentralAPI(FastAPI):
    """The upload's body is read by :func:`batch_of`, not by the framework, which therefore
    does not describe it: the description is added here, from the same model."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            schema = super().openapi()
            body = BatchIn.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(body.pop("$defs", {}), BatchIn=body)
            schema["components"]["schemas"] = dict(sorted(schemas.items()))
            self.openapi_schema = schema
        return self.openapi_schema


def create_app(store: CentralStore, limits: Limits | None = None) -> FastAPI:
    limits = limits or Limits()
    app = CentralAPI(
        title="Gümrük Masası — merkez kabul servisi",
        version="1",
        description=(
            "Masaların kayıt zincirini (olaylar ve tescil edilen kayıtlar) idempotent olarak "
            "alır; masalara kur bültenlerini ve kural setlerini verir; Nakit Beyan Formu "
            "doğrulaması yapar (Genelge 2013/1)."
        ),
    )

    def desk_of(authorization: Annotated[str | None, Header()] = None) -> DeskRef:
        match = re.match(r"^Bearer (\S+)$", authorization or "")
        desk = store.authenticate(match.group(1)) if match else None
        if desk is None:
            raise HTTPException(
                401,
                "Geçerli bir masa anahtarı (Bearer) gerekli.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return desk

    Desk = Annotated[DeskRef, Depends(desk_of)]

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/ping")
    def ping(_desk: Desk) -> dict[str, str]:
        """An empty round trip with authentication (the benchmark's yardstick)."""
        return {}

    @app.get("/v1/desks/me", response_model=DeskState)
    def me(desk: Desk) -> dict[str, Any]:
        """Where the desk's chain stands at the centre: resume from ``last_seq + 1``."""
        return store.state(desk)

    @app.post(
        "/v1/batches",
        response_model=BatchOut,
        responses=_UPLOAD_REFUSALS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/BatchIn"}}
                },
            }
        },
    )
    # The desk first: a request without a valid token is refused before its body is read.
    def upload(desk: Desk, batch: Annotated[BatchIn, Depends(batch_of)]) -> Any:
        if (batch.office, batch.desk) != (desk.office, desk.desk):
            raise HTTPException(403, "Bu anahtar yalnızca kendi masasının kayıtlarını yazar.")
        try:
            return store.ingest(desk, [e.model_dump() for e in batch.events])
        except ConflictingContent as exc:
            # Which desk, which link, which fields: never the values (they hold the persons'
            # names and document numbers).
            log.warning(
                "conflict desk=%s-%s seq=%s uuid=%s fields=%s",
                desk.office,
                desk.desk,
                exc.seq,
                exc.uuid,
                ",".join(exc.fields),
            )
            return JSONResponse(status_code=409, content={"detail": exc.detail, "uuid": exc.uuid})
        except ChainBroken as exc:
            return JSONResponse(status_code=409, content={"detail": str(exc)})
        except BadBatch as exc:
            return _invalid([(exc.path, exc.message)])

    @app.get("/v1/reference/bulletins")
    def bulletins(
        _desk: Desk, since: Annotated[datetime.date | None, Query()] = None
    ) -> list[dict[str, str]]:
        return store.bulletins(since)

    @app.get("/v1/reference/rulesets")
    def rulesets(_desk: Desk) -> list[dict[str, Any]]:
        return store.rulesets()

    @app.get("/v1/verify")
    def verify(
        _desk: Desk,
        number: Annotated[str, Query(min_length=1, max_length=60)],
        document: Annotated[str, Query(min_length=1, max_length=40)],
    ) -> dict[str, Any]:
        return store.verify(number, document)

    @app.exception_handler(Invalid)
    async def invalid(_request: Request, exc: Invalid) -> JSONResponse:
        return _invalid(exc.problems)

    @app.exception_handler(PoolTimeout)
    @app.exception_handler(OperationalError)
    async def busy(_request: Request, exc: Exception) -> JSONResponse:
        # Every connection of the worker busy, or the database briefly out of reach (a
        # restart, a lock held too long): the desk comes back later, nothing is lost.
        log.warning("database busy: %s", exc.__class__.__name__)
        return JSONResponse(
            status_code=503,
            content={"detail": BUSY},
            headers={"Retry-After": limits.retry_after_header()},
        )

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        _log_unexpected(exc)
        return JSONResponse(status_code=500, content={"detail": UNEXPECTED})

    return app


def asgi(store: CentralStore, limits: Limits | None = None) -> ASGIApp:
    """The application with the body limit and the upload places in front."""
    limits = limits or Limits()
    # On the logger, not a handler: it holds whatever handlers uvicorn's log config gives it.
    logging.getLogger("uvicorn.access").addFilter(_NO_QUERY)
    return BodyLimit(create_app(store, limits), MAX_BODY, limits)


def from_environment() -> ASGIApp:
    """One worker of ``central serve --workers N`` (uvicorn calls this in each process)."""
    limits = Limits.from_env(os.environ.get(LIMITS_ENV))
    return asgi(CentralStore(os.environ[DB_ENV], pool=limits.pool), limits)

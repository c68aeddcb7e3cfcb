"""The HTTP face of the central store (FastAPI). Every route but the health check needs a
desk's bearer token; a desk writes only its own chain; bodies are limited in size and every
field is validated before anything is stored.

Run with ``gumruk-desk central serve --db URL``; the OpenAPI description is committed as
``docs/central-openapi.json`` (a test keeps it equal to the code).
"""

import datetime
import logging
import re
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gumruk_desk.central.store import (
    BadBatch,
    CentralStore,
    ChainBroken,
    ConflictingContent,
    DeskRef,
)

MAX_BODY = 8 * 1024 * 1024  # bytes of one request
MAX_EVENTS = 1000  # events of one batch
log = logging.getLogger("gumruk_desk.central")

_HEX64 = r"^[0-9a-f]{64}$"
_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_CODE = r"^[A-Z0-9]{1,20}$"


class EventIn(BaseModel):
    """One link of a desk's chain (and, for a registration, its record row)."""

    model_config = ConfigDict(extra="forbid")

    seq: int = Field(ge=1)
    uuid: str = Field(pattern=_UUID)
    kind: str = Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")
    at: str = Field(min_length=10, max_length=40)
    actor: str | None = Field(default=None, max_length=20)
    record_id: int | None = Field(default=None, ge=1)
    payload: str = Field(max_length=200_000)
    prev_hash: str = Field(pattern=_HEX64)
    hash: str = Field(pattern=_HEX64)
    record: dict[str, Any] | None = None


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

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


class BodyLimit:
    """Refuse a body above ``limit`` bytes (413) before the application reads it whole."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _too_large(send)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    body = b'{"detail":"Istek govdesi cok buyuk."}'
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(store: CentralStore) -> FastAPI:
    app = FastAPI(
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

    @app.post("/v1/batches", response_model=BatchOut)
    def upload(batch: BatchIn, desk: Desk) -> Any:
        if (batch.office, batch.desk) != (desk.office, desk.desk):
            raise HTTPException(403, "Bu anahtar yalnızca kendi masasının kayıtlarını yazar.")
        try:
            return store.ingest(desk, [e.model_dump() for e in batch.events])
        except ConflictingContent as exc:
            log.warning("conflict desk=%s-%s uuid=%s: %s", desk.office, desk.desk, *exc.args)
            return JSONResponse(
                status_code=409, content={"detail": str(exc.args[1]), "uuid": exc.args[0]}
            )
        except ChainBroken as exc:
            return JSONResponse(status_code=409, content={"detail": str(exc)})
        except BadBatch as exc:
            raise HTTPException(422, str(exc)) from None

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

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return JSONResponse(status_code=500, content={"detail": "Merkezde beklenmeyen hata."})

    return app


def asgi(store: CentralStore) -> ASGIApp:
    """The application with the body limit in front."""
    return BodyLimit(create_app(store), MAX_BODY)

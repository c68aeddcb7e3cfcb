"""The real central service on loopback for the sync tests: a uvicorn server in a thread (that
can be stopped and started again on the same port), a fault-injecting TCP proxy in front of
it, and a fresh central database per test — SQLite, and PostgreSQL when
``GUMRUK_TEST_PG_URL`` names a server where databases may be created (``.ci/run`` starts one).
"""

from __future__ import annotations

import os
import socket
import socketserver
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from gumruk_desk.central.app import asgi
from gumruk_desk.central.store import CentralStore

PG_ENV = "GUMRUK_TEST_PG_URL"


def central_backends() -> list[str]:
    """The databases the central tests run against."""
    return ["sqlite", "postgresql"] if os.environ.get(PG_ENV) else ["sqlite"]


@contextmanager
def central_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty central database URL of ``kind``; dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite3'}"
        return
    import psycopg

    admin = os.environ[PG_ENV]
    name = f"gm_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _db = admin.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_command(db_url: str, port: int, *extra: str) -> list[str]:
    """``gumruk-desk central serve`` on ``db_url`` at 127.0.0.1:``port`` as a process runs it,
    with the installed console script beside this interpreter."""
    return [
        str(Path(sys.executable).parent / "gumruk-desk"),
        "central",
        "serve",
        "--db",
        db_url,
        "--port",
        str(port),
        *extra,
    ]


class CentralServer:
    """uvicorn serving the central app on 127.0.0.1:port, in a thread."""

    def __init__(self, db_url: str, port: int | None = None, *, tls_pem: str | None = None) -> None:
        self.db_url = db_url
        self.port = port or free_port()
        self.tls_pem = tls_pem  # key and certificate chain in one PEM file
        self.store: CentralStore | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.tls_pem else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def logging_options(self) -> dict[str, Any]:
        """How uvicorn logs: errors only (a subclass may log everything)."""
        return {"log_level": "error"}

    def start(self) -> CentralServer:
        self.store = CentralStore(self.db_url)
        config = uvicorn.Config(
            asgi(self.store),
            host="127.0.0.1",
            port=self.port,
            lifespan="off",
            ssl_certfile=self.tls_pem,
            ssl_keyfile=self.tls_pem,
            **self.logging_options(),
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the central service did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        if self.store is not None:
            self.store.close()
        self._server = self._thread = self.store = None

    def restart(self) -> None:
        self.stop()
        self.start()


@contextmanager
def running_centre(
    kind: str, tmp_path: Path, server: type[CentralServer] = CentralServer
) -> Iterator[CentralServer]:
    """A centre of ``server``'s class on a fresh database of ``kind``, stopped afterwards."""
    with central_database(kind, tmp_path) as url:
        centre = server(url).start()
        try:
            yield centre
        finally:
            centre.stop()


def desk_token(centre: CentralServer) -> str:
    """A token for the test station's desk (GM01, M1)."""
    assert centre.store is not None
    return centre.store.issue_token("GM01", "M1")


class FaultProxy:
    """An HTTP proxy to ``target_port`` that carries one request per connection, each following
    the next action of ``plan`` (then "pass"): "pass", "500" (answer 500 without forwarding),
    "cut" (forward the request, let the centre answer, close before the answer reaches the
    client), "slow:SECONDS" (wait before forwarding)."""

    def __init__(self, target_port: int, plan: list[str] | None = None) -> None:
        self.target_port = target_port
        self.plan = list(plan or [])
        self.connections = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with proxy.lock:
                    action = proxy.plan.pop(0) if proxy.plan else "pass"
                    proxy.connections += 1
                proxy._handle(self.request, action)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handle(self, client: socket.socket, action: str) -> None:
        if action == "500":
            _read_request(client)
            client.sendall(
                b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n"
                b"Connection: close\r\n\r\n"
            )
            client.close()
            return
        if action.startswith("slow:"):
            time.sleep(float(action.split(":", 1)[1]))
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
        except OSError:
            client.close()
            return
        request = _read_request(client)
        upstream.sendall(request)
        response = _read_response(upstream)  # the centre has answered (and committed) …
        upstream.close()
        if action != "cut":
            # One request per connection, so that the plan applies request by request.
            head, _, body = response.partition(b"\r\n\r\n")
            lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
            client.sendall(b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body)
        client.close()  # … "cut": the answer never arrives


def _read_request(sock: socket.socket) -> bytes:
    """One HTTP/1.1 request (headers and a Content-Length body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _read_response(sock: socket.socket) -> bytes:
    return _read_request(sock)

"""A local HTTP server for the watch and alert tests: routes the test writes and changes between
polls, conditional GETs (ETag / Last-Modified → 304), injected errors and slow answers, and a
record of every request. It listens on 127.0.0.1 only and stops with the test."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.threaded_server import running


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay_s: float = 0.0
    fail_next: int = 0  # answer 500 this many times, then normally


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class LocalServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    on_post: Callable[[Seen], int] | None = None
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            **extra: object) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.routes[path] = Route(data, content_type, **extra)  # type: ignore[arg-type]

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.path == path)


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: without TCP_NODELAY every answer waits on the
        # client's delayed ACK (~40 ms), which made the simulated runs mostly waiting.
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    self.wfile.write(body)

        def do_GET(self) -> None:
            with server.lock:
                server.requests.append(Seen("GET", self.path, dict(self.headers), b""))
                route = server.routes.get(self.path)
                failing = route is not None and route.fail_next > 0
                if failing:
                    route.fail_next -= 1  # type: ignore[union-attr]
            if route is None:
                self._answer(404, b"not found")
                return
            if route.delay_s:
                time.sleep(route.delay_s)
            if failing:
                self._answer(500, b"server error")
                return
            if route.status != 200:
                self._answer(route.status, route.body)
                return
            headers = {"Content-Type": route.content_type}
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                self._answer(304, b"", headers)
                return
            self._answer(200, route.body, headers)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            seen = Seen("POST", self.path, dict(self.headers), self.rfile.read(length))
            with server.lock:
                server.requests.append(seen)
            status = server.on_post(seen) if server.on_post else 204
            self._answer(status)

    return Handler


@contextmanager
def serving(server: LocalServer | None = None) -> Iterator[LocalServer]:
    server = server or LocalServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    server.port = httpd.server_address[1]
    with running(httpd):
        yield server

"""HTTP behind a small interface: ``Fetcher`` (GET and POST), ``HttpxFetcher`` the real one.

Why an interface: the watcher, robots.txt and webhooks only need "send this, get status, headers
and body back"; tests can swap in a double, and every transport problem becomes one
``FetchError`` here, where httpx's exceptions enter. HTTP error statuses are returned, not raised.
Bodies are read in chunks and refused past ``max_bytes``, so a runaway page cannot fill memory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from eventledger.errors import FetchError


@dataclass(frozen=True)
class Response:
    """What came back. ``headers`` keys are lower-case."""

    url: str
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class Fetcher(Protocol):
    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response: ...

    def post(self, url: str, body: bytes, headers: Mapping[str, str] | None = None) -> Response: ...


class HttpxFetcher:
    """httpx with a timeout, redirects followed, a User-Agent and a body size limit."""

    def __init__(self, user_agent: str, timeout_s: float, max_bytes: int,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.max_bytes = max_bytes
        self.client = httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=True, max_redirects=5,
                                   headers={"User-Agent": user_agent}, transport=transport)

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        return self._send("GET", url, None, headers)

    def post(self, url: str, body: bytes, headers: Mapping[str, str] | None = None) -> Response:
        return self._send("POST", url, body, headers)

    def _send(self, method: str, url: str, body: bytes | None, headers: Mapping[str, str] | None) -> Response:
        try:
            request = self.client.build_request(method, url, content=body, headers=dict(headers or {}))
            response = self.client.send(request, stream=True)
            try:
                data = self._read(response)
            finally:
                response.close()
            return Response(str(response.url), response.status_code, data,
                            {k.lower(): v for k, v in response.headers.items()})
        except httpx.TimeoutException as exc:
            raise FetchError(f"{method} {url}: timed out ({exc.__class__.__name__})") from None
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise FetchError(f"{method} {url}: {exc.__class__.__name__}: {exc}") from None

    def _read(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{response.url}: body of {int(declared):,} bytes is over the limit "
                             f"({self.max_bytes:,}, setting watch_max_bytes)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{response.url}: body over the limit ({self.max_bytes:,} bytes, "
                                 "setting watch_max_bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.client.close()

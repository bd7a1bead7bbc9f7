"""One small ASGI middleware: reads the session cookie, writes it back when it changed, and adds the
security headers (a strict Content-Security-Policy: scripts, styles and images only from this
server, so even an injected ``<script>`` could not run). Pure ASGI rather than Starlette's
``BaseHTTPMiddleware``, which costs a task and a queue per request.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventledger.web.sessions import COOKIE_NAME, SessionCodec, SessionData

NO_SESSION_PREFIXES = ("/static/", "/api/")


def content_security_policy(tile_origin: str | None) -> str:
    images = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images + "; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class SessionMiddleware:
    def __init__(self, app: ASGIApp, codec: SessionCodec, *, secure: bool, csp: str) -> None:
        self.app = app
        self.codec = codec
        self.secure = secure
        self.headers = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"),
                        (b"cross-origin-opener-policy", b"same-origin")]

    def _cookie(self, scope: Scope) -> str | None:
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                try:
                    jar: SimpleCookie = SimpleCookie(value.decode("latin-1"))
                except CookieError:
                    return None
                morsel = jar.get(COOKIE_NAME)
                return morsel.value if morsel else None
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        loaded = self.codec.loads(self._cookie(scope))
        state["session"] = loaded or SessionData.anonymous()
        wants_cookie = loaded is None and not scope["path"].startswith(NO_SESSION_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    headers.raw.append((name, value))
                replaced: SessionData | None = state.get("session_set")
                if state.get("session_clear"):
                    headers.append("set-cookie", self._set_cookie("", 0))
                elif replaced is not None or wants_cookie:
                    headers.append("set-cookie", self._set_cookie(self.codec.dumps(replaced or state["session"]),
                                                                  self.codec.max_age_s))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _set_cookie(self, value: str, max_age: int) -> str:
        parts = [f"{COOKIE_NAME}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly", "SameSite=Lax"]
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)

"""Signed session cookies (itsdangerous) holding the user id and a CSRF token.

The cookie is HttpOnly, SameSite=Lax and signed with the app's secret key; it carries no secret
beyond the CSRF token it must match. It also holds a fingerprint of the user's password hash, so
changing a password ends every other session of that user. Anonymous visitors get a session too:
the login form needs a CSRF token before anyone is logged in.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import time
from dataclasses import dataclass, replace
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from eventledger.errors import SettingsError
from eventledger.settings import Settings

log = logging.getLogger(__name__)

COOKIE_NAME = "el_session"
SECRET_FILE = "web-secret.key"
_SALT = "eventledger-session-v1"


@dataclass(frozen=True)
class SessionData:
    csrf: str
    user_id: int | None = None
    fingerprint: str | None = None  # of the user's password hash: a password change logs out
    issued: int = 0

    @classmethod
    def anonymous(cls) -> SessionData:
        return cls(csrf=secrets.token_urlsafe(24), issued=int(time.time()))

    def logged_in(self, user_id: int, password_hash: str) -> SessionData:
        """A fresh session (new CSRF token: no fixation of a pre-login token) for ``user_id``."""
        return replace(self, csrf=secrets.token_urlsafe(24), user_id=user_id,
                       fingerprint=fingerprint(password_hash), issued=int(time.time()))


def fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


class SessionCodec:
    """Cookie value ⇄ ``SessionData``; a bad signature or an expired cookie reads as no session."""

    def __init__(self, secret: str, max_age_s: int) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt=_SALT)
        self.max_age_s = max_age_s

    def dumps(self, data: SessionData) -> str:
        return str(self._signer.dumps([data.csrf, data.user_id, data.fingerprint, data.issued]))

    def loads(self, value: str | None) -> SessionData | None:
        if not value or len(value) > 4096:
            return None
        try:
            csrf, user_id, fp, issued = self._signer.loads(value, max_age=self.max_age_s)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(csrf, str) or not (user_id is None or isinstance(user_id, int)):
            return None
        return SessionData(csrf, user_id, fp if isinstance(fp, str) else None, int(issued or 0))


def secret_key(settings: Settings) -> str:
    """The ``web_secret_key`` setting, else a random key kept (mode 0600) in ``data_dir``."""
    if settings.web_secret_key:
        return settings.web_secret_key
    path = Path(settings.data_dir) / SECRET_FILE
    try:
        if path.exists():
            key = path.read_text(encoding="utf-8").strip()
            if len(key) >= 32:
                return key
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(key)
        log.info("created the web session key %s", path)
        return key
    except OSError as exc:
        raise SettingsError(f"cannot read or create the web session key {path}: {exc.strerror or exc}") from exc

"""Password hashing with Argon2id (argon2-cffi), the memory-hard hash DESIGN.md's security model asks for.

Only the hash is ever stored. ``verify`` also runs against a dummy hash when the user does not
exist, so the time a login takes does not tell an attacker which user names exist.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from eventledger.errors import AccountError

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1000  # argon2 accepts any length; a cap keeps a hostile form from costing memory


class Passwords:
    """Hash and verify passwords; one instance per app (it holds the hasher's parameters)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        check_password_rules(password)
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when ``password`` matches ``stored_hash``; ``None`` (no such user) costs the same time."""
        if len(password) > MAX_PASSWORD_CHARS:
            return False
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and stored_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"a password may have at most {MAX_PASSWORD_CHARS} characters")


def new_password() -> str:
    """A random password for a new account (about 96 bits), shown to the operator once."""
    return secrets.token_urlsafe(12)

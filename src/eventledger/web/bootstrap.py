"""First start: create the first admin when the database has no users (password printed once)."""

from __future__ import annotations

from fastapi import FastAPI


def first_admin(app: FastAPI, name: str = "admin") -> str | None:
    """The one-time password of a newly created first admin, or None when users already exist."""
    accounts = app.state.ctx.accounts
    password: str | None = accounts.ensure_first_admin(name)
    return password

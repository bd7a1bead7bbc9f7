from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.errors import GazetteerError
from eventledger.gazetteer import build, build_gazetteer, open_gazetteer
from eventledger.gazetteer.entry import Entry
from eventledger.settings import Settings
from tests.gazetteer.doubles import DEMONYMS, NEIGHBOURS, PLACES


def fake_assemble() -> tuple[list[Entry], dict[str, str], dict[str, tuple[str, ...]]]:
    return [Entry(p, list(n)) for p, n in PLACES], DEMONYMS, NEIGHBOURS


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(env={}, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data")


def test_build_writes_once_and_reuses_a_current_index(settings: Settings,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting() -> tuple[list[Entry], dict[str, str], dict[str, tuple[str, ...]]]:
        calls.append(1)
        return fake_assemble()

    monkeypatch.setattr("eventledger.gazetteer.assemble.assemble", counting)
    path = build_gazetteer(settings)
    assert path == settings.gazetteer_path
    assert path.is_file()
    assert build_gazetteer(settings) == path
    assert len(calls) == 1
    build_gazetteer(settings, force=True)
    assert len(calls) == 2
    assert not list(path.parent.glob("*.tmp"))
    gaz = open_gazetteer(settings)
    assert {p.key for p in gaz.candidates("Gwadar")} == {"gn:3"}


def test_a_changed_signature_rebuilds(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventledger.gazetteer.assemble.assemble", fake_assemble)
    build_gazetteer(settings)
    monkeypatch.setattr(build, "index_signature", lambda: "another")
    calls: list[int] = []
    def counting() -> tuple[list[Entry], dict[str, str], dict[str, tuple[str, ...]]]:
        calls.append(1)
        return fake_assemble()

    monkeypatch.setattr("eventledger.gazetteer.assemble.assemble", counting)
    build_gazetteer(settings)
    assert calls == [1]


def test_a_crash_leaves_no_half_index(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise OSError("disk full")

    monkeypatch.setattr("eventledger.gazetteer.assemble.assemble", broken)
    with pytest.raises(GazetteerError):
        build_gazetteer(settings)
    assert not settings.gazetteer_path.exists()
    assert not list(settings.gazetteer_path.parent.glob("*"))

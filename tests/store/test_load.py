"""``Ingest``: batching, skipping stored articles before extraction, recording failures."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from eventledger.errors import InputError
from eventledger.ingest import Article, ReadOptions, read_inputs
from eventledger.store import Database, DocumentWriter, Ingest
from tests.store.consistency import ledger_problems
from tests.store.factories import TEXT, make_document, plain_document


class FakeExtract:
    """Stands in for the NLP pipeline; remembers what it was asked to extract."""

    def __init__(self, fail_ids: tuple[str, ...] = ()) -> None:
        self.seen: list[str] = []
        self.fail_ids = fail_ids

    def __call__(self, articles: Sequence[Article]) -> list[dict[str, Any] | InputError]:
        self.seen += [a.id for a in articles]
        return [InputError("extraction failed: boom", source=a.id) if a.id in self.fail_ids
                else make_document(a.id, a.text, url=a.url) if "Kawuri" in a.text
                else plain_document(a.id, a.text, url=a.url) for a in articles]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url)
    yield database
    database.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    for i in range(7):
        (tmp_path / "sub" / f"a{i}.txt").write_text(f"{TEXT} Item {i}.", encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": f"{TEXT} Line {i}.", "url": f"https://wire.example/{i}"})
             for i in range(5)]
    lines.append(json.dumps({"id": "same-url", "text": f"{TEXT} Corrected.", "url": "https://wire.example/0"}))
    lines.append(json.dumps({"id": "same-text", "text": f"{TEXT}   Item 3."}))
    lines.append("{broken")
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    return tmp_path


def run(db: Database, folder: Path, extract: FakeExtract, batch_size: int = 4) -> Any:
    items = read_inputs([str(folder)], options=ReadOptions(recursive=True))
    return Ingest(DocumentWriter(db), extract, batch_size=batch_size).run(items)


def test_ingesting_a_folder_twice_adds_nothing_the_second_time(db: Database, folder: Path) -> None:
    first = run(db, folder, FakeExtract())
    assert (first.read, first.new, first.duplicate, first.failed) == (16, 12, 2, 2)
    reasons = dict(first.failures)
    assert any("binary" in r for r in reasons.values()) and any("malformed JSON" in r for r in reasons.values())
    second_extract = FakeExtract()
    second = run(db, folder, second_extract, batch_size=5)
    assert (second.read, second.new, second.duplicate, second.failed) == (16, 0, 14, 2)
    assert second_extract.seen == []  # stored articles are never re-extracted
    assert ledger_problems(db) == []


def test_extraction_failure_is_recorded_and_the_run_goes_on(db: Database, folder: Path) -> None:
    summary = run(db, folder, FakeExtract(fail_ids=("a2", "j1")))
    assert summary.new == 10 and summary.failed == 4
    assert any("extraction failed: boom" in reason for _, reason in summary.failures)
    retry = run(db, folder, FakeExtract())
    assert retry.new == 2  # the two that failed are picked up by a rerun


def test_progress_is_reported_per_batch(db: Database, folder: Path) -> None:
    seen: list[int] = []
    items = read_inputs([str(folder)], options=ReadOptions(recursive=True))
    Ingest(DocumentWriter(db), FakeExtract(), batch_size=4, on_progress=lambda s: seen.append(s.read)).run(items)
    assert seen == [4, 8, 12, 16]


def test_a_folder_of_bad_files_is_reported_and_the_run_finishes(db: Database, tmp_path: Path) -> None:
    from tests.ingest.test_markup_readers import _bad_files

    files = _bad_files(tmp_path)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(f"{TEXT} Still readable.", encoding="utf-8")
    summary = run(db, tmp_path, FakeExtract())
    # Every bad file is reported (the malformed JSONL also has one good line; empty.jsonl holds nothing).
    failed_files = {Path(where.split(":")[0]).name for where, _ in summary.failures}
    assert failed_files == set(files) - {"empty.jsonl"}
    assert summary.new == 2 and summary.failed == len(summary.failures)

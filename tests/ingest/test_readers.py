import io
import json
from datetime import date
from pathlib import Path

from eventledger.errors import InputError
from eventledger.ingest import Article, Overrides, read_inputs
from eventledger.ingest.readers import read_stdin


def _one(items: list[Article | InputError]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_txt_with_sidecar_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Gunmen attacked a checkpoint in Kech.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"id": "x1", "published": "2024-05-02", "source": "Dawn",
                                                 "title": "T", "url": "https://e.org/1"}))
    art = _one(list(read_inputs([str(tmp_path / "a.txt")])))
    assert (art.id, art.published, art.source, art.title) == ("x1", date(2024, 5, 2), "Dawn", "T")
    art = _one(list(read_inputs([str(tmp_path / "a.txt")], Overrides(date(2024, 6, 1), "AFP"))))
    assert (art.published, art.source) == (date(2024, 6, 1), "AFP")


def test_txt_keeps_text_exactly_but_drops_bom(tmp_path: Path) -> None:
    raw = "Line one.\r\n  Line “two”.\n"
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    art = _one(list(read_inputs([str(tmp_path / "b.txt")])))
    assert art.text == raw and art.id == "b"


def test_bad_inputs_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Peshawar caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    paths = [str(tmp_path / n) for n in ("bin.txt", "latin.txt", "empty.txt", "x.pdf", "missing.txt")]
    errors = list(read_inputs([*paths, str(tmp_path)]))
    assert all(isinstance(e, InputError) for e in errors)
    messages = [e.one_line() for e in errors if isinstance(e, InputError)]
    assert "bin.txt: binary" in messages[0]
    assert "latin.txt: not valid UTF-8" in messages[1]
    assert "empty.txt: empty text" in messages[2]
    assert "unsupported file type .pdf" in messages[3]
    assert "missing.txt: no such file" in messages[4]
    assert "is a directory" in messages[5]


def test_jsonl_bad_line_is_reported_and_the_rest_run(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "Police arrested two men.", "published": "2023-01-02"}),
             "{not json",
             json.dumps({"id": "c", "text": ""}),
             json.dumps(["a list"]),
             json.dumps({"id": "e", "text": "Protesters marched.", "published": "02/01/2023"}),
             json.dumps({"text": "No id here."})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "InputError", "InputError", "InputError", "InputError", "Article"]
    assert isinstance(items[1], InputError) and items[1].line == 2 and "malformed JSON" in items[1].message
    assert isinstance(items[2], InputError) and items[2].line == 3
    assert isinstance(items[4], InputError) and "not an ISO date" in items[4].message
    assert isinstance(items[5], Article) and items[5].id == "batch-6"


def test_stdin_is_one_article() -> None:
    art = _one(list(read_stdin(Overrides(source="wire"), 1000, io.BytesIO(b"Troops clashed with rebels."))))
    assert art.id == "stdin" and art.source == "wire"


def test_text_over_the_limit_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 50)
    items = list(read_inputs([str(tmp_path / "big.txt")], max_chars=10))
    assert isinstance(items[0], InputError) and "too long" in items[0].message


def test_content_hash_ignores_whitespace_and_quote_style() -> None:
    a = Article(id="1", text="Police  said “five” died.\n")
    b = Article(id="2", text="Police said \"five\" died.")
    assert a.content_hash == b.content_hash
    assert a.content_hash != Article(id="3", text="Police said six died.").content_hash

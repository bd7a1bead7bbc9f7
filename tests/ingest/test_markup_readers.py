"""HTML, RSS/Atom and CSV readers, folder and glob expansion."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventledger.errors import InputError
from eventledger.ingest import Article, CsvColumns, Overrides, ReadOptions, read_inputs
from eventledger.ingest.markup import fragment_text

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Curfew imposed after clashes in Jos | Plateau Daily</title>
<meta property="og:title" content="Curfew imposed after clashes in Jos">
<meta property="og:site_name" content="Plateau Daily">
<meta property="article:published_time" content="2024-09-14T08:30:00+01:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/politics">Politics</a> | <a href="/sport">Sport</a></nav>
<article><h1>Curfew imposed after clashes in Jos</h1>
<p>The Plateau State government on Saturday imposed a 24-hour curfew on parts of Jos North after
youths from rival communities clashed overnight, leaving at least four people dead.</p>
<p>A police spokesman said officers had been deployed to the Angwan Rogo and Congo-Russia areas and
that several suspects had been arrested in connection with the violence.</p>
<p>Residents said shops were burned and that the fighting began after a dispute at a market.</p>
</article>
<footer>Copyright Plateau Daily. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sahel Monitor</title><link>https://sahel.example</link>
<item><title>Convoy ambushed near Djibo</title><link>https://sahel.example/djibo-ambush</link>
<guid>sahel-1001</guid><pubDate>Tue, 03 Jun 2025 09:15:00 GMT</pubDate>
<description>&lt;p&gt;Gunmen ambushed a supply convoy near &lt;b&gt;Djibo&lt;/b&gt; on Monday.&lt;/p&gt;
&lt;p&gt;The army said
eleven soldiers were killed.&lt;/p&gt;</description></item>
<item><title>Empty item</title><link>https://sahel.example/empty</link><description></description></item>
<item><title>Market reopens in Dori</title><link>https://sahel.example/dori</link>
<description>Traders returned to the central market in Dori after a week-long closure.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Rights Watch Desk</title>
<entry><title>Activist detained in Minsk</title><id>urn:uuid:7d1e</id>
<link href="https://rights.example/minsk"/><updated>2024-11-02T12:00:00Z</updated>
<content type="html">&lt;p&gt;Security officers detained a human rights activist in Minsk on Friday,
her lawyer said.&lt;/p&gt;</content>
</entry></feed>"""


def items(*paths: Path | str, **opts: object) -> list[Article | InputError]:
    options = ReadOptions(recursive=True, **opts)  # type: ignore[arg-type]
    return list(read_inputs([str(p) for p in paths], options=options))


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "jos.html").write_text(PAGE, encoding="utf-8")
    [art] = items(tmp_path / "jos.html")
    assert isinstance(art, Article)
    assert "24-hour curfew" in art.text and "Residents said shops were burned" in art.text
    assert "Subscribe to our newsletter" not in art.text and "Sport" not in art.text
    assert art.title == "Curfew imposed after clashes in Jos"
    assert art.published == date(2024, 9, 14)
    assert art.source == "Plateau Daily" and art.id == "jos"


def test_html_sidecar_and_flags_win(tmp_path: Path) -> None:
    (tmp_path / "jos.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "jos.json").write_text(json.dumps({"id": "pd-77", "url": "https://plateau.example/77"}))
    [art] = items(tmp_path, overrides=Overrides(source="Wire"))
    assert isinstance(art, Article)
    assert (art.id, art.url, art.source) == ("pd-77", "https://plateau.example/77", "Wire")


def test_rss_entries_become_articles_and_empty_entries_are_reported(tmp_path: Path) -> None:
    (tmp_path / "sahel.rss").write_text(RSS, encoding="utf-8")
    got = items(tmp_path / "sahel.rss")
    assert [type(i).__name__ for i in got] == ["Article", "InputError", "Article"]
    first = got[0]
    assert isinstance(first, Article)
    assert first.text == ("Gunmen ambushed a supply convoy near Djibo on Monday.\n\nThe army said\n"
                          "eleven soldiers were killed.")
    assert (first.id, first.url, first.source, first.published) == (
        "sahel-1001", "https://sahel.example/djibo-ambush", "Sahel Monitor", date(2025, 6, 3))
    assert isinstance(got[1], InputError) and "entry 2 ('Empty item'): empty text" in got[1].message


def test_atom_feed(tmp_path: Path) -> None:
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    [art] = items(tmp_path / "desk.atom")
    assert isinstance(art, Article)
    assert art.text.startswith("Security officers detained") and "Friday,\nher lawyer" in art.text
    assert art.published == date(2024, 11, 2)
    assert art.url == "https://rights.example/minsk" and art.source == "Rights Watch Desk"


def test_csv_with_configured_columns(tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text("ref,body,date,headline,link,region\n"
                    'r1,"Police dispersed a rally in Harare, witnesses said.",2023-08-21,Rally dispersed,'
                    "https://zw.example/1,Harare\n"
                    "r2,,2023-08-22,No body,,\n"
                    'r3,"Two journalists were arrested in Bulawayo.",22/08/2023,Arrests,,Bulawayo\n'
                    'r4,"Soldiers looted shops in Chitungwiza.",2023-08-24,,,\n', encoding="utf-8")
    cols = CsvColumns(text="body", id="ref", published="date", title="headline", url="link")
    got = items(path, csv=cols)
    assert [type(i).__name__ for i in got] == ["Article", "InputError", "InputError", "Article"]
    first = got[0]
    assert isinstance(first, Article)
    assert (first.id, first.published, first.title, first.url) == ("r1", date(2023, 8, 21), "Rally dispersed",
                                                                    "https://zw.example/1")
    assert first.extra == {"region": "Harare"} and first.origin == f"{path}:2"
    assert isinstance(got[1], InputError) and got[1].line == 3 and "empty text" in got[1].message
    assert isinstance(got[2], InputError) and "not an ISO date" in got[2].message
    assert isinstance(got[3], Article) and got[3].id == "r4"


def test_csv_without_the_text_column(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("id,content\n1,hello\n", encoding="utf-8")
    [err] = items(tmp_path / "x.csv")
    assert isinstance(err, InputError) and "no 'text' column" in err.message and "content" in err.message


def test_folders_recurse_skip_hidden_and_sidecars_and_report_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / "a.txt").write_text("Troops shelled the town of Avdiivka overnight.")
    (tmp_path / "a.json").write_text(json.dumps({"id": "a-1"}))
    (tmp_path / "b" / "c.txt").write_text("Rebels seized the border post at Bunagana.")
    (tmp_path / "b" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b" / "orphan.json").write_text("{}")
    got = items(tmp_path)
    assert [i.id if isinstance(i, Article) else Path(i.source or "").name for i in got] == [
        "a-1", "c", "notes.pdf", "orphan.json"]
    assert isinstance(got[2], InputError) and "unsupported file type .pdf" in got[2].message
    assert isinstance(got[3], InputError) and "sidecar" in got[3].message


def test_globs(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Militants attacked a checkpoint ({name}).")
    got = items(tmp_path / "x*.txt", tmp_path / "nothing-*.txt", tmp_path / "gone.txt")
    assert [i.id if isinstance(i, Article) else i.message for i in got] == [
        "x1", "x2", "no files match this pattern", "no such file or folder"]


def test_fragment_text() -> None:
    assert fragment_text("<p>One <i>two</i></p><script>x()</script><p>Three<br>four</p>") == "One two\n\nThree\nfour"
    assert fragment_text("plain words") == "plain words"
    assert fragment_text("   ") == ""


HUGE = 50 * 1024 * 1024


def _bad_files(folder: Path) -> dict[str, bytes]:
    latin = "Manifestation à Bamako: la police a dispersé la foule.".encode("latin-1")
    return {
        "binary.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "binary.rss": b"\x00\x01\x02\x03" * 100,
        "binary.csv": b"text\n\x00\x00\x00\x01",
        "binary.jsonl": b"\x00\x01\x02\n",
        "binary.txt": b"\x7fELF\x02\x01\x01\x00\x00",
        "empty.html": b"",
        "empty.rss": b"",
        "empty.csv": b"",
        "empty.jsonl": b"",
        "empty.txt": b"",
        "latin.txt": latin,
        "latin.csv": b"text\n" + latin + b"\n",
        "latin.jsonl": b'{"text": "' + latin + b'"}\n',
        "malformed.html": b"<html><head><title>x</ti<body><div><table><tr><td></div></scr",
        "malformed.rss": b"<?xml version='1.0'?><rss><channel><item><title>cut off",
        "malformed.xml": b"<config><value>1</value></config>",
        "malformed.csv": b'text,id\n"an unterminated quote,1\n',
        "malformed.jsonl": b'{"text": "ok line", "id": 1}\n{"text": broken\n[1, 2]\n',
    }


def test_bad_inputs_are_reported_and_skipped(tmp_path: Path) -> None:
    for name, data in _bad_files(tmp_path).items():
        (tmp_path / name).write_bytes(data)
    with (tmp_path / "huge.txt").open("wb") as f:
        f.write(b"word " * (HUGE // 5))
    with (tmp_path / "huge.html").open("wb") as f:
        f.write(b"<html><body>" + b"<p>para</p>" * (HUGE // 11) + b"</body></html>")
    with (tmp_path / "huge.jsonl").open("wb") as f:
        f.write(b'{"text": "' + b"x" * HUGE + b'"}\n{"text": "A short report from Goma.", "id": "ok"}\n')
    with (tmp_path / "huge.csv").open("wb") as f:
        f.write(b'text\n"' + b"y" * HUGE + b'"\n')
    got = items(tmp_path, max_chars=2_000_000, max_file_bytes=20_000_000)
    articles = [i for i in got if isinstance(i, Article)]
    errors = [i for i in got if isinstance(i, InputError)]
    # The only readable articles: the good JSONL lines, and feedparser's salvage of the cut-off RSS is not one.
    assert sorted(a.text for a in articles) == ["A short report from Goma.", "ok line"]
    failed_files = {Path(e.source or "").name for e in errors}
    assert failed_files == {*_bad_files(tmp_path), "huge.txt", "huge.html", "huge.jsonl", "huge.csv"} - {
        "empty.jsonl"}  # an empty JSON Lines file simply holds no articles
    by_file = {Path(e.source or "").name: e.message for e in errors}
    assert "too large" in by_file["huge.txt"] and "too large" in by_file["huge.html"]
    assert "too long" in by_file["huge.jsonl"]
    assert "binary" in by_file["binary.html"] and "binary" in by_file["binary.csv"]
    assert "UTF-8" in by_file["latin.csv"] and "UTF-8" in by_file["latin.txt"]
    assert "not an RSS/Atom feed" in by_file["malformed.xml"]
    assert "malformed CSV" in by_file["malformed.csv"]


def test_tag_soup_with_text_is_read_as_browsers_would(tmp_path: Path) -> None:
    (tmp_path / "soup.html").write_bytes(b"<html><body><div><p>Police fired tear gas at students in Dhaka <b>on "
                                         b"Sunday, witnesses said <<< &&&")
    [art] = items(tmp_path / "soup.html")
    assert isinstance(art, Article) and "tear gas" in art.text


@pytest.mark.parametrize("name", ["x.html", "x.rss", "x.csv"])
def test_unreadable_file_is_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("text\nsomething\n")
    path.chmod(0)
    got = items(path)
    path.chmod(0o600)
    # root can read anything: then the file is simply read; otherwise the error names the file.
    assert all(isinstance(i, Article | InputError) for i in got)

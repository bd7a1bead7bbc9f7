"""End-to-end: ``eventledger extract`` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ARTICLE = ("KHUZDAR, Pakistan, March 3, 2025 (Reuters) - Gunmen opened fire on a passenger bus near Khuzdar "
           "in Pakistan's Balochistan province on Sunday, killing four people and wounding six others, "
           "police said.\nNo group claimed responsibility for the attack.\n")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "eventledger.cli", *args], input=stdin, capture_output=True,
                          check=False, timeout=300)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("articles")
    (d / "bus.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "bus.json").write_text(json.dumps({"id": "bus-1", "source": "Reuters", "published": "2025-03-03"}))
    lines = [json.dumps({"id": "a", "text": ARTICLE, "published": "2025-03-03"}), "{broken",
             json.dumps({"id": "c", "text": "Police arrested three protesters in Quetta on Monday.",
                         "published": "2025-03-04"})]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_txt_with_sidecar_prints_one_contract_document(folder: Path) -> None:
    res = run("extract", str(folder / "bus.txt"))
    assert res.returncode == 0, res.stderr.decode()
    doc = json.loads(res.stdout)
    assert doc["article"]["id"] == "bus-1"
    assert doc["article"]["published"] == "2025-03-03"
    assert set(doc) >= {"article", "events", "places"}
    assert doc["events"], "the bus attack is an event"
    text = ARTICLE
    for ev in doc["events"]:
        assert set(ev) >= {"event_type", "sub_event_type", "tags", "date", "location", "actors", "fatalities",
                           "evidence", "reported_by", "background", "confidence"}
        for span in ev["evidence"]:
            assert text[span["start"]:span["end"]] == span["text"]
        assert ev["reported_by"]["source"] == "Reuters"


def test_jsonl_bad_line_is_reported_and_the_rest_still_run(folder: Path) -> None:
    res = run("extract", str(folder / "batch.jsonl"), "--format", "jsonl")
    assert res.returncode == 1
    out = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert [d["article"]["id"] for d in out] == ["a", "c"]
    err = res.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "batch.jsonl:2" in err[0] and "malformed JSON" in err[0]


def test_flags_override_and_stdin(folder: Path) -> None:
    res = run("extract", "-", "--published", "2025-03-05", "--source", "Dawn", stdin=ARTICLE.encode())
    assert res.returncode == 0, res.stderr.decode()
    doc = json.loads(res.stdout)
    assert doc["article"]["published"] == "2025-03-05"
    assert doc["article"]["source"] == "Dawn"


@pytest.mark.parametrize(("content", "message"), [(b"\x00\x01bin", "binary"), (b"caf\xe9", "not valid UTF-8"),
                                                  (b"  \n", "empty text")])
def test_bad_files_exit_non_zero_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    res = run("extract", str(path))
    assert res.returncode != 0
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and message in lines[0]


def test_missing_file_and_bad_date(tmp_path: Path) -> None:
    res = run("extract", str(tmp_path / "nope.txt"))
    assert res.returncode != 0 and "no such file" in res.stderr.decode()
    res = run("extract", str(tmp_path / "nope.txt"), "--published", "last tuesday")
    assert res.returncode == 2 and "not an ISO date" in res.stderr.decode()


def test_dateline_credit_is_neither_a_place_nor_an_actor() -> None:
    """"Nov." of the dateline is the month (not Nov, Tajikistan), "(AP)" files the story (it does not
    shoot anyone), and one actor named twice in an event ("a convoy ... four soldiers") is listed once."""
    text = ("GOMBE, Nigeria, Nov. 9 (AP) - Gunmen on motorcycles shot dead three traders at a market near "
            "Gombe on Saturday, police said.\nIn a separate attack, militants ambushed an army convoy near "
            "Bauchi, killing five soldiers, a military officer said.\n")
    res = run("extract", "-", "--published", "2025-11-10", stdin=text.encode())
    assert res.returncode == 0, res.stderr.decode()
    doc = json.loads(res.stdout)
    assert "Nov" not in {p["name"] for p in doc["places"]}
    assert doc["events"]
    for ev in doc["events"]:
        names = [a["name"] for a in ev["actors"]]
        assert "AP" not in names
        assert len(names) == len(set(names)), names


@pytest.mark.parametrize(("text", "place"), [
    # a place named relative to a reference is where it happened, not the reference
    ("KIRKUK, Iraq - Three soldiers were killed on Tuesday when a roadside bomb struck their patrol near "
     "Hawija, southwest of Kirkuk, a security source said.\n", "Hawija"),
    # Nigeria's local government areas, written out
    ("Gunmen on Monday attacked farmers in Konduga Local Government Area of Borno State, killing at least "
     "11 people, a resident said.\n", "Konduga"),
])
def test_event_place(text: str, place: str) -> None:
    res = run("extract", "-", "--published", "2025-04-23", stdin=text.encode())
    assert res.returncode == 0, res.stderr.decode()
    events = json.loads(res.stdout)["events"]
    assert events and events[0]["location"]["name"] == place

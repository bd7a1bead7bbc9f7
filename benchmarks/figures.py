"""Measure ``el_dates`` and ``el_quantities``: GTD accuracy, the seed article, and speed.

    E=../shared/eval
    python3 $E/score_gtd.py make-input $E/gtd/gtd_2021h1_dev.csv > /tmp/gtd_in.jsonl
    .venv/bin/python benchmarks/figures.py gtd /tmp/gtd_in.jsonl $E/gtd/gtd_2021h1_dev.csv [--show 20]
    .venv/bin/python benchmarks/figures.py seed ../shared/samples/seed/article.txt --published 2026-02-02
    .venv/bin/python benchmarks/figures.py speed ../shared/samples/seed/article.txt [--repeat 30]

GTD proxies for the event coder (which the lead writes):
- killed_sum = the sum of ``low`` over quantities with outcome ``killed`` that are neither
  ``included`` nor ``background`` (no killed figure → 0), compared with ``nkill``; injured_sum
  likewise with ``nwound``. Rows with the gold figure blank are skipped.
- killed / injured = the same, with DESIGN.md's split rule: GTD writes one row per attack and a
  summary that is "one of N related attacks" gives totals "across the attacks"; such a total
  counts its even share (rounded up, the remainder going to the first row).
- date = the first non-background date mention, else the dateline's date, compared with
  iyear-imonth-iday ("first"); and the first non-background date mention in the sentence with the
  first casualty or the first sentence, else the dateline's date ("event sentence").
Evaluation data is read from where it lies and never copied.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventledger.nlp.pipeline import build_pipeline
from eventledger.settings import Settings

OURS = ("el_dates", "el_quantities")


def make_doc(nlp: Language, text: str, published: str | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.article_meta = {"published": published}
    return doc


_NUMBER_WORDS = {w: n for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven",
                                                "eight", "nine", "ten", "eleven", "twelve"))} | {"both": 2}
_INCIDENTS = r"(?:attacks|incidents|clashes|assaults|raids|blasts|bombings|explosions|strikes|locations)"
_ONE_OF = re.compile(rf"\bone of (?:at least )?(\w+) (?:[a-z-]+ ){{0,3}}{_INCIDENTS}\b")
_ACROSS = re.compile(rf"\b(?:across|in|between) (?:the |all |all of the |these |both )?(\w+)? ?(?:[a-z-]+ )?"
                     rf"{_INCIDENTS}\b")


def total(doc: Doc, outcome: str, split: bool = True) -> int:
    """Sum of the figures for ``outcome`` that no other figure includes. With ``split``, a figure
    given "across the attacks" of a summary that is "one of N related attacks" counts its even
    share (DESIGN.md: a total for several places is split evenly; GTD codes one row per attack)."""
    parts = 1
    if split:
        m = _ONE_OF.search(doc.text)
        parts = _number(m.group(1)) if m else 1
    result = 0
    for q in doc._.quantities:
        if q.outcome != outcome or q.included or q.low is None or q.background:
            continue
        value = q.low
        sentence = doc.char_span(q.start, q.end, alignment_mode="expand").sent.text
        across = _ACROSS.search(sentence)
        if split and across:
            stated = _number(across.group(1) or "")
            value = -(-value // (stated if stated > 1 else parts))
        result += value
    return result


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 1)


def first_date(doc: Doc) -> date | None:
    for mention in doc._.dates:
        if not mention.background and mention.first_day is not None:
            return mention.first_day  # type: ignore[no-any-return]
    return doc._.dateline.date if doc._.dateline is not None else None


def event_sentence_date(doc: Doc) -> date | None:
    """The first non-background date in the sentence of the first casualty figure (else the
    first sentence after the dateline), else the dateline's date: what an event coder does."""
    dateline = doc._.dateline
    lead = doc.char_span(dateline.end, dateline.end + 1, alignment_mode="expand") if dateline else None
    first = (lead.sent if lead is not None else next(doc.sents)).start_char
    casualty = next((q for q in doc._.quantities if q.outcome and not q.included and not q.background), None)
    if casualty is not None:
        first = doc.char_span(casualty.start, casualty.end, alignment_mode="expand").sent.start_char
    for mention in doc._.dates:
        sent = doc.char_span(mention.start, mention.end, alignment_mode="expand").sent
        if sent.start_char == first and not mention.background and mention.first_day is not None:
            return mention.first_day  # type: ignore[no-any-return]
    return dateline.date if dateline is not None else None


def gtd(args: argparse.Namespace) -> None:
    with open(args.gold, encoding="utf-8") as handle:
        gold = {row["eventid"]: row for row in csv.DictReader(handle)}
    lines = Path(args.input).read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    nlp = build_pipeline(Settings.load())
    keys = ("killed", "injured", "killed_sum", "injured_sum", "date_first", "date_event")
    counts = {k: [0, 0] for k in keys}
    failures: dict[str, list[str]] = {k: [] for k in counts}
    docs = nlp.pipe(make_doc(nlp, it["text"], None) for it in items)
    for item, doc in zip(items, docs, strict=True):
        row = gold[str(item["id"])]
        for key, field, outcome in (("killed", "nkill", "killed"), ("injured", "nwound", "injured")):
            if row[field] == "":
                continue
            want = int(float(row[field]))
            got = total(doc, outcome)
            _tally(counts, failures, key, got == want, f"{item['id']} got {got} want {want} | {item['text']}")
            plain = total(doc, outcome, split=False)
            _tally(counts, failures, f"{key}_sum", plain == want, f"{item['id']} got {plain} want {want}")
        want_date = date(int(row["iyear"]), int(row["imonth"]), max(1, int(row["iday"])))
        for key, got_date in (("date_first", first_date(doc)), ("date_event", event_sentence_date(doc))):
            _tally(counts, failures, key, got_date == want_date,
                   f"{item['id']} got {got_date} want {want_date} | {item['text']}")
    for key, (ok, n) in counts.items():
        print(f"{key:12} {ok}/{n} = {100 * ok / max(n, 1):.1f} %")
    for key in args.failures or ():
        for line in failures[key][:args.show]:
            print(f"[{key}] {line}\n")


def _tally(counts: dict[str, list[int]], failures: dict[str, list[str]], key: str, ok: bool,
           line: str) -> None:
    counts[key][1] += 1
    if ok:
        counts[key][0] += 1
    else:
        failures[key].append(line)


def seed(args: argparse.Namespace) -> None:
    nlp = build_pipeline(Settings.load())
    doc = nlp(make_doc(nlp, Path(args.article).read_text(encoding="utf-8"), args.published))
    print(f"anchor {doc._.anchor_date} ({doc._.anchor_source})")
    for d in doc._.dates:
        print(f"date  {d.text!r:24} {d.first_day}..{d.last_day} {d.precision:7} "
              f"background={d.background} relative={d.relative}")
    for q in doc._.quantities:
        print(f"figure {q.text!r:40} low={q.low} high={q.high} about={q.about} outcome={q.outcome} "
              f"vague={q.vague} qualifier={q.qualifier} included={q.included} implicit={q.implicit} "
              f"background={q.background}")


def speed(args: argparse.Namespace) -> None:
    """Time per article of the bare model, and of each pipeline component within one run.

    The share of our components is measured against the model's components timed in the same
    loop, so a busy machine slows both alike."""
    texts = [Path(p).read_text(encoding="utf-8") for p in args.articles]
    words = statistics.mean(len(t.split()) for t in texts)
    started = time.perf_counter()
    nlp = build_pipeline(Settings.load())
    load = time.perf_counter() - started
    bare = spacy.load(Settings.load().spacy_model)
    spent: dict[str, float] = {name: 0.0 for name in nlp.pipe_names}
    bare_time = 0.0
    for _ in range(args.repeat):
        for text in texts:
            started = time.perf_counter()
            bare(text)
            bare_time += time.perf_counter() - started
            doc = make_doc(nlp, text, args.published)
            for name, proc in nlp.pipeline:
                started = time.perf_counter()
                doc = proc(doc)
                spent[name] += time.perf_counter() - started
    n = args.repeat * len(texts)
    model = sum(t for name, t in spent.items() if not name.startswith("el_"))
    ours = {name: spent[name] for name in OURS if name in spent}
    print(f"articles: {len(texts)} x {args.repeat}, mean {words:.0f} words; pipeline load {load:.2f} s")
    print(f"bare model:        {1000 * bare_time / n:7.2f} ms/article ({n / bare_time:.1f} articles/s)")
    print(f"model in pipeline: {1000 * model / n:7.2f} ms/article")
    for name, seconds in spent.items():
        if name.startswith("el_"):
            share = 100 * seconds / model
            print(f"{name:17}  {1000 * seconds / n:7.3f} ms/article ({share:.1f} % of the model)")
    print(f"el_dates + el_quantities: {100 * sum(ours.values()) / model:.1f} % of the model's time")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("gtd", help="accuracy on GTD summaries")
    g.add_argument("input", help="score_gtd.py make-input output (JSONL)")
    g.add_argument("gold", help="the GTD CSV the input was made from")
    g.add_argument("--failures", action="append",
                   choices=("killed", "injured", "killed_sum", "injured_sum", "date_first", "date_event"))
    g.add_argument("--show", type=int, default=20)
    s = sub.add_parser("seed", help="print what the components find in one article")
    s.add_argument("article")
    s.add_argument("--published")
    p = sub.add_parser("speed", help="time per article against the bare spaCy model")
    p.add_argument("articles", nargs="+")
    p.add_argument("--published", default="2026-02-02")
    p.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    {"gtd": gtd, "seed": seed, "speed": speed}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

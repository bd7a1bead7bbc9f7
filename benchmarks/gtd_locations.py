"""Where GTD event locations go wrong: per-country hit rates and a breakdown of the misses.

    python benchmarks/gtd_locations.py build/eval/gtd.out.jsonl [--country Iraq] [--show 20]
                                       [--kind wrong_point]

Reads the output of ``benchmarks/accuracy.py --only gtd`` (events and places per summary) beside
the gold rows and GTD's ``specificity``; a row counts as a hit when any event lies within 25 km
of the gold point (the scorer's rule). Misses are sorted into kinds:

- ``no_event``: no event with coordinates;
- ``place_in_article``: some resolved place of the summary lies within 25 km, the event used another;
- ``wrong_point``: the event has a point (town/site) more than 25 km away;
- ``area_spec1``: the event has an area (district/province/country) but GTD knew the town;
- ``area_specN``: the event has an area and GTD itself only knew the area (specificity 2-5).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

from _common import eval_dir


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def kind_of(gold: tuple[float, float], doc: dict, spec: int | None) -> tuple[str, dict | None]:
    events = [e for e in doc.get("events") or [] if (e.get("location") or {}).get("lat") is not None]
    locs = [e["location"] for e in events]
    if any(km(*gold, loc["lat"], loc["lon"]) <= 25 for loc in locs):
        return "hit", None
    if not locs:
        return "no_event", None
    near = [p for p in doc.get("places") or [] if p.get("lat") is not None
            and km(*gold, p["lat"], p["lon"]) <= 25]
    loc = locs[0]
    if near:
        return "place_in_article", loc
    if loc.get("geo_precision") == "point":
        return "wrong_point", loc
    if spec == 1:
        return "area_spec1", loc
    return f"area_spec{spec}", loc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path)
    ap.add_argument("--country", action="append")
    ap.add_argument("--kind")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    gtd = eval_dir() / "gtd"
    rows = list(csv.DictReader((gtd / "gtd_2021h1_dev.csv").open(encoding="utf-8")))
    spec = {r["eventid"]: int(r["specificity"]) if r["specificity"] else None
            for r in csv.DictReader((gtd / "gtd_2021h1_extra_dev.csv").open(encoding="utf-8"))}
    docs = {}
    for line in args.output.open(encoding="utf-8"):
        d = json.loads(line)
        docs[str(d["article"]["id"])] = d
    per_country: dict[str, Counter[str]] = defaultdict(Counter)
    shown = 0
    for r in rows:
        if not r["latitude"] or (args.country and r["country_txt"] not in args.country):
            continue
        gold = (float(r["latitude"]), float(r["longitude"]))
        kind, loc = kind_of(gold, docs.get(r["eventid"], {}), spec.get(r["eventid"]))
        per_country[r["country_txt"]][kind] += 1
        per_country["ALL"][kind] += 1
        if args.show and shown < args.show and kind != "hit" and (args.kind is None or kind == args.kind):
            shown += 1
            first = r["summary"].split(":", 1)[-1].split(". ")[0]
            got = f"{loc['name']} ({loc['geo_precision']}, {loc['lat']:.2f},{loc['lon']:.2f})" if loc else "-"
            print(f"[{kind}] {r['city']} / {r['provstate']} ({gold[0]:.2f},{gold[1]:.2f}) spec={spec.get(r['eventid'])}"
                  f" -> {got}\n    {first[:220]}")
    kinds = ["hit", "area_spec1", "wrong_point", "place_in_article", "area_spec2", "area_spec3",
             "area_spec4", "area_spec5", "no_event"]
    print(f"{'country':28} {'n':>5} {'hit%':>6} " + " ".join(f"{k[:11]:>11}" for k in kinds[1:]))
    for cc, c in sorted(per_country.items(), key=lambda kv: -sum(kv[1].values()))[:25]:
        n = sum(c.values())
        print(f"{cc[:28]:28} {n:5} {100 * c['hit'] / n:6.1f} " + " ".join(f"{c[k]:11}" for k in kinds[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

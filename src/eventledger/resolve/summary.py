"""An incident's own fields, derived from its reports (pure functions, no database).

- type: the highest-ranked sub-event type among the reports (``data/taxonomy.toml`` rank: ACLED
  codes the most severe tactic);
- date: the span of the reports with the finest date precision (a day beats a month);
- place: the most precise place (town, then district, province, country), the one most reports
  give on a tie;
- figures: the claims rules of ``extract/claims.py`` over every report's claims: each source's
  account (figures one source gives in one sentence add up; its largest total across sentences
  and reports is its account), then ``best`` = the lowest account, ``low``/``high`` their range,
  ``disputed`` when sources disagree. A figure stated in an outlet's own voice is that outlet's
  account; two outlets are two sources.
- n_reports: events linked; n_sources: distinct outlets (an article without a source counts alone).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventledger.extract.claims import figures
from eventledger.extract.event import Claim

GEO_ORDER = {"point": 0, "admin2": 1, "admin1": 2, "country": 3, "unknown": 4}
DATE_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
MEASURES = ("fatalities", "injuries")


@dataclass(frozen=True)
class MemberClaim:
    """One stored claim of a member event; ``sentence`` numbers the sentence it is given in."""

    measure: str
    value_low: int | None
    value_high: int | None
    claimant: str | None
    sentence: int = 0


@dataclass
class Member:
    """One event of an incident with what the incident's fields are derived from."""

    event_id: int
    article_id: int
    source: str | None
    sort_key: tuple[str, int]
    event_type: str
    sub_event_type: str
    date_start: date | None
    date_end: date | None
    date_precision: str
    place: dict[str, Any]  # location_name, lat, lon, country_code, admin1, admin2, geo_precision, geonameid
    claims: list[MemberClaim] = field(default_factory=list)

    @property
    def source_key(self) -> str:
        """Who speaks in the outlet's own voice: the outlet, or this article alone when it has none."""
        return f"outlet:{self.source.strip().casefold()}" if self.source and self.source.strip() \
            else f"article:{self.article_id}"


def summarise(members: Sequence[Member], rank: dict[str, int]) -> dict[str, Any]:
    """The incident row's derived columns for ``members`` (at least one)."""
    if not members:
        raise ValueError("an incident needs at least one report")
    ordered = sorted(members, key=lambda m: m.sort_key)
    top = min(ordered, key=lambda m: rank.get(m.sub_event_type, len(rank)))
    row: dict[str, Any] = {"event_type": top.event_type, "sub_event_type": top.sub_event_type}
    row.update(_dates(ordered))
    row.update(_place(ordered))
    for measure in MEASURES:
        row.update(_figures(ordered, measure))
    row["n_reports"] = len(ordered)
    row["n_sources"] = len({m.source_key for m in ordered})
    row["label"] = _label(row)
    return row


def _dates(members: list[Member]) -> dict[str, Any]:
    dated = [m for m in members if m.date_start is not None]
    if not dated:
        return {"date_start": None, "date_end": None, "date_precision": "unknown"}
    finest = min(DATE_ORDER.get(m.date_precision, 4) for m in dated)
    best = [m for m in dated if DATE_ORDER.get(m.date_precision, 4) == finest]
    return {"date_start": min(m.date_start for m in best if m.date_start),
            "date_end": max((m.date_end or m.date_start) for m in best if m.date_start),
            "date_precision": best[0].date_precision}


def _place_key(place: dict[str, Any]) -> tuple[object, ...]:
    return (place.get("geonameid"), place.get("location_name"), place.get("lat"), place.get("lon"))


def _place(members: list[Member]) -> dict[str, Any]:
    finest = min(GEO_ORDER.get(m.place.get("geo_precision") or "unknown", 4) for m in members)
    best = [m for m in members if GEO_ORDER.get(m.place.get("geo_precision") or "unknown", 4) == finest]
    counts = Counter(_place_key(m.place) for m in best)
    # The place most reports give; on a tie the earliest report's (members come sorted).
    chosen = max(best, key=lambda m: counts[_place_key(m.place)])
    keys = ("location_name", "lat", "lon", "country_code", "admin1", "admin2", "geonameid")
    out = {k: chosen.place.get(k) for k in keys}
    out["geo_precision"] = chosen.place.get("geo_precision") or "unknown"
    return out


def _figures(members: list[Member], measure: str) -> dict[str, Any]:
    claims: list[Claim] = []
    groups: dict[tuple[int, int], int] = {}
    for m in members:
        for c in m.claims:
            if c.measure != measure:
                continue
            group = groups.setdefault((m.event_id, c.sentence), len(groups))
            claimant = c.claimant.strip() if c.claimant and c.claimant.strip() else m.source_key
            claims.append(Claim(c.value_low, c.value_high, "", claimant, None, measure, 0, 0, group=group))
    f = figures(claims)
    if not claims:
        return {f"{measure}_best": None, f"{measure}_low": None, f"{measure}_high": None,
                f"{measure}_disputed": None}
    return {f"{measure}_best": f.best, f"{measure}_low": f.low, f"{measure}_high": f.high,
            f"{measure}_disputed": f.disputed}


def _label(row: dict[str, Any]) -> str:
    where = row.get("location_name") or row.get("admin1") or row.get("country_code") or "unknown place"
    when = row.get("date_start")
    span = "" if when is None else (f" on {when}" if row.get("date_end") in (None, when) else
                                    f", {when} to {row['date_end']}")
    return f"{row['sub_event_type']} in {where}{span}"

"""Component scores for a pair of reports, each in [0, 1], or ``VETO`` when they cannot be one event.

Each function answers one question (same kind of event? same place? same days? same actors? same
words? same toll?) and reads its numbers from ``MatchRules`` (``data/resolve.toml`` + settings).
Precision matters everywhere: an admin1-precision place or a month-precision date can only agree
loosely with a town or a day, however close the centroid or the span.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from eventledger.resolve.report import Report, Toponym
from eventledger.resolve.rules import MatchRules
from eventledger.resolve.text import cosine

VETO = -1.0
MIN_PARTIAL_CHARS = 4  # shorter names must match whole, not as part of a longer one
_DIGITS = re.compile(r"\d+")
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def same_name(a: str | None, b: str | None, threshold: float) -> bool | None:
    """Whether two names are the same (fuzzy, case and accents aside); ``None`` when one is missing."""
    if not a or not b:
        return None
    return fuzz.ratio(a, b, processor=default_process) >= threshold


def type_score(a: Report, b: Report, rules: MatchRules) -> float:
    if a.family != b.family:
        return rules.cross_family.get(frozenset((a.family, b.family)), VETO)
    if a.sub_event_type == b.sub_event_type:
        return rules.type_scores["same_sub_type"]
    means = rules.mechanism.get(a.sub_event_type or ""), rules.mechanism.get(b.sub_event_type or "")
    if means[0] and means[1] and means[0] != means[1]:
        return rules.type_scores["other_mechanism"]  # a shooting and a bomb blast
    if a.event_type == b.event_type:
        return rules.type_scores["same_type"]
    return rules.type_scores["same_family"]


def day_gap(a_first: date, a_last: date, b_first: date, b_last: date) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, (b_first - a_last).days, (a_first - b_last).days)


def date_score(a: Report, b: Report, rules: MatchRules) -> float:
    if a.first_day is None or a.last_day is None or b.first_day is None or b.last_day is None:
        return VETO
    gap = day_gap(a.first_day, a.last_day, b.first_day, b.last_day)
    if gap > rules.max_day_gap:
        return VETO
    base = rules.gap_scores[gap] if gap < len(rules.gap_scores) else 0.0
    cap = min(rules.date_cap.get(a.date_precision, 0.0), rules.date_cap.get(b.date_precision, 0.0))
    return min(base, cap)


def _cap(a: Report, b: Report, rules: MatchRules) -> float:
    caps = rules.place.cap
    return min(caps.get(a.geo_precision, 0.0), caps.get(b.geo_precision, 0.0))


def same_area(a: str | None, b: str | None, threshold: float) -> bool | None:
    """Whether two admin-area names are the same area: "Balochistan" is "Balochistan Province" (one name's
    words inside the other's count), "North Kivu" is not "South Kivu"; ``None`` when one is missing."""
    if not a or not b:
        return None
    return fuzz.token_set_ratio(a, b, processor=default_process) >= threshold


def _admin_conflict(a: Report, b: Report, rules: MatchRules) -> bool:
    """Both name a province (or both a district) and the names differ: not one place."""
    for x, y in ((a.admin1, b.admin1), (a.admin2, b.admin2)):
        if same_area(x, y, rules.place.name_similarity) is False:
            return True
    return False


def _contains(area: Report, place: Report, rules: MatchRules) -> bool:
    """Whether ``area`` is a province or district and ``place`` lies in it (by the admin names)."""
    field = {"admin1": "admin1", "admin2": "admin2"}.get(area.geo_precision)
    if field is None or place.geo_precision == area.geo_precision:
        return False
    name = getattr(area, field) or area.location_name
    return bool(same_area(name, getattr(place, field), rules.place.name_similarity))


def _same_toponym(x: Toponym, y: Toponym, threshold: float) -> bool:
    if x.geonameid is not None and x.geonameid == y.geonameid:
        return True
    if _DIGITS.findall(x.text) != _DIGITS.findall(y.text):
        return False  # "Police District 5" is not "Police District 8", however alike the words
    short = min(len(x.text), len(y.text))
    # "Dasht" names the same spot as "Dasht-e-Barchi"; "Ampatuan" as "Datu Saudi Ampatuan".
    scorer = fuzz.partial_ratio if short >= MIN_PARTIAL_CHARS else fuzz.ratio
    return scorer(x.text, y.text, processor=default_process) >= threshold


def _names_elsewhere(a: Report, b: Report, threshold: float) -> bool:
    return any(not any(_same_toponym(x, y, threshold) for y in b.toponyms) for x in a.toponyms)


def _up_to_place(r: Report) -> Report:
    """``r`` with only the toponyms named up to its coded place (all of them when positions are unknown)."""
    if r.location_start is None or any(t.start is None for t in r.toponyms):
        return r
    start = r.location_start
    return replace(r, toponyms=tuple(t for t in r.toponyms if t.start is not None and t.start <= start))


def toponyms_disagree(a: Report, b: Report, rules: MatchRules) -> bool:
    """Each report's sentences name a town, village or site the other's never do: "Assailants attacked
    Shagbaor village in Gwer West" against "... Saghev village in Gwer West" are two attacks."""
    if not a.toponyms or not b.toponyms:
        return False
    threshold = rules.place.name_similarity
    if a.geo_precision == b.geo_precision == "point" and a.geonameid is not None and a.geonameid == b.geonameid:
        # Both coded at the same town: what either names after it ("Sake, in Masisi territory",
        # "fled towards Goma") is its container or context; only finer places named before it
        # (or as the head of its chain) can tell two events there apart.
        a, b = _up_to_place(a), _up_to_place(b)
    return _names_elsewhere(a, b, threshold) and _names_elsewhere(b, a, threshold)


def place_score(a: Report, b: Report, rules: MatchRules) -> float:
    if a.country_code and b.country_code and a.country_code.upper() != b.country_code.upper():
        return VETO
    score = _place_agreement(a, b, rules)
    if score != VETO and toponyms_disagree(a, b, rules):
        return min(score, rules.place.named_elsewhere)
    return score


def _place_agreement(a: Report, b: Report, rules: MatchRules) -> float:
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        return _point_score(a, b, rules, haversine_km(a.lat, a.lon, b.lat, b.lon))
    names = same_name(a.location_name, b.location_name, rules.place.name_similarity)
    if names:
        return rules.place.name_match
    if not a.has_point and not b.has_point and names is False:
        return VETO  # two unresolved place names that differ: two villages, not one
    if a.has_point or b.has_point or (a.country_code and b.country_code):
        return rules.place.unplaced
    return rules.place.unknown


def _point_score(a: Report, b: Report, rules: MatchRules, distance: float) -> float:
    cap = _cap(a, b, rules)
    if a.secondary or b.secondary:
        cap = min(cap, rules.place.secondary)  # a place the report names only after the event's own
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return cap
    if _admin_conflict(a, b, rules):
        return VETO
    if _contains(a, b, rules) or _contains(b, a, rules):
        return cap  # a town inside the province (or district) the other report names
    radii = [rules.radius_km(p) for p in (a.geo_precision, b.geo_precision)]
    if any(r is None for r in radii):  # a country-level event: the country check above is all there is
        return cap
    radius = max(r for r in radii if r is not None)
    if distance > radius:
        return VETO
    if distance <= rules.place.same_place_km:
        return cap
    if a.geo_precision == b.geo_precision == "point" and a.geonameid != b.geonameid:
        cap = min(cap, rules.place.different_town)  # two named towns: near each other, not the same
    return min(cap, 1.0 - distance / radius)


def actor_score(a: Report, b: Report, rules: MatchRules) -> float | None:
    """A specific actor both name agrees; two different named perpetrators conflict; ``None`` when one
    side names nobody specific (no evidence either way)."""
    ar = rules.actors
    if not a.specific_actors or not b.specific_actors:
        return None
    for x in a.specific_actors:
        for y in b.specific_actors:
            if fuzz.token_set_ratio(x.name, y.name, processor=default_process) >= ar.same_name:
                return ar.match
    a1 = [x for x in a.specific_actors if x.role == "actor1"]
    b1 = [y for y in b.specific_actors if y.role == "actor1"]
    if a1 and b1:
        return ar.conflict
    return ar.neutral


def text_score(a: Report, b: Report, rules: MatchRules) -> float:
    """Cosine of the TF-IDF vectors (``text.Vectorizer`` fills them for each resolve step)."""
    return max(0.0, min(1.0, cosine(a.vector, b.vector)))


def figures_score(a: Report, b: Report, rules: MatchRules) -> float | None:
    """How well the fatality figures agree; ``None`` when one side gives none, or both say nobody died."""
    if a.fatalities is None or b.fatalities is None or a.fatalities == b.fatalities == 0:
        return None  # "no casualties" on both sides identifies nothing
    lo, hi = sorted((a.fatalities, b.fatalities))
    ratio = (lo + 1) / (hi + 1)
    zero, one = rules.figures_ratio_zero, rules.figures_ratio_one
    if ratio >= one:
        return 1.0
    if ratio <= zero:
        return 0.0
    return (ratio - zero) / (one - zero)

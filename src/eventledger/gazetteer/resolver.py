"""Toponym disambiguation: choose one gazetteer entry per mention, keeping the alternatives.

Evidence, each a weighted term of a candidate's score (weights in ``Weights``):

- prior: feature class (a country or province name usually means the area) and population;
- match quality: exact spelling beats a transliteration-key match, the main name an alias;
- country context: countries the article names, its demonyms, its dateline;
- cue words: "X district" wants an admin2, "X village" a town;
- comma chains: in "Turbat, Balochistan, Pakistan" Turbat must lie in Balochistan, in Pakistan;
- proximity: a town near the article's other places beats a namesake far away (second pass).

A name repeated in an article means the same place each time (one sense per discourse), so
mentions are resolved per name with the evidence of all their occurrences pooled.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from eventledger.gazetteer.cohesion import cohesion
from eventledger.gazetteer.normalise import name_key, normalise, skeleton
from eventledger.gazetteer.place import Place
from eventledger.gazetteer.protocol import Gazetteer, NameMatch

FEATURE_PRIOR = {"country": 2.0, "admin1": 0.8, "region": 1.0, "site": 0.5, "city": 0.45, "admin2": 0.35,
                 "other": 0.2}
BORDER_KM = 100.0
CONTAINER_KM = {"admin1": 350.0, "admin2": 120.0, "region": 350.0, "city": 40.0, "site": 40.0, "other": 60.0}


@dataclass(frozen=True)
class Weights:
    population: float = 0.3
    exact: float = 0.25
    primary: float = 0.1
    context: float = 1.0
    cue_match: float = 0.6
    cue_mismatch: float = 0.2
    chain_match: float = 0.9
    chain_mismatch: float = 0.6
    proximity: float = 0.7
    cohesion: float = 0.9
    proximity_km: float = 150.0
    namesake_city: float = 0.5
    namesake_min_population: int = 20_000
    admin1_context: float = 0.5
    neighbour_share: float = 0.3
    fuzzy_penalty: float = 0.4
    fuzzy_max_km: float = 250.0


@dataclass(eq=False)  # identity, not field equality: two mentions of "Quetta" are two mentions
class Toponym:
    """One mention to resolve. ``name`` is the text without cue words; ``cue`` the feature a cue
    word implies; ``container`` the next member of its comma chain (what it lies in)."""

    start: int
    end: int
    text: str
    name: str
    cue: str | None = None
    role: str = "location"
    container: Toponym | None = None
    bare_name: str | None = None
    allow_fuzzy: bool = True
    source: str = "ner"
    modifier: bool = False
    matches: list[NameMatch] = field(default_factory=list)
    fuzzy: bool = False
    place: Place | None = None
    alternatives: tuple[Place, ...] = ()
    score: float = 0.0


def km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


# Words province names carry in one source and not another ("Minţaqat ‘Asīr", "Muhafazat
# Karbala'", "Asir Region", "Al Anbar").
_ADMIN_WORDS = frozenset({"muhafazat", "mintaqat", "wilayat", "wilayah", "province", "governorate", "region",
                          "state", "district", "county", "division", "department", "of", "e", "al", "el"})


def _core(name: str) -> str:
    words = [w for w in normalise(name).split() if w not in _ADMIN_WORDS]
    return name_key(" ".join(words)) if words else name_key(name)


def same_area_name(a: str | None, b: str) -> bool:
    """Whether two spellings name the same area, administrative words aside ("Mopti Region",
    "Mopti"; "Muhafazat Karbala'", "Karbala")."""
    if not a:
        return False
    ka, kb = _core(a), _core(b)
    return ka == kb or skeleton(ka) == skeleton(kb)


def lies_in(place: Place, container: Place, container_text: str) -> bool | None:
    """True/False when containment can be judged, None when it cannot."""
    if container.feature == "country":
        return place.country_code == container.country_code
    if place.country_code != container.country_code:
        return False
    if container.feature in ("admin1", "region") and place.admin1:
        if same_area_name(place.admin1, container_text) or same_area_name(place.admin1, container.name):
            return True
        if container.feature == "admin1":  # another province: only a place on the border passes
            return km(place, container) <= BORDER_KM
    if container.feature == "admin2" and (same_area_name(place.admin2, container_text)
                                          or same_area_name(place.admin2, container.name)):
        return True
    return km(place, container) <= CONTAINER_KM.get(container.feature, 100.0)


class Resolver:
    """Resolves the toponyms of one article against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None) -> None:
        self.gazetteer = gazetteer
        self.w = weights or Weights()
        self._context_total = 0.0
        self._key = lru_cache(maxsize=50_000)(name_key)  # per instance: names repeat across articles
        self._all: list[Toponym] = []
        self._cohesion: dict[tuple[int, str], float] = {}

    # -- context -----------------------------------------------------------------------------
    @staticmethod
    def evidence(t: Toponym) -> dict[str, float]:
        """What one mention says about the article's countries: a country name counts 2 (1 when
        the name is also a province elsewhere: "Georgia"), a name all of whose readings lie in
        one country 1 (0.5 for towns only)."""
        exact = [m for m in t.matches if m.exact] or t.matches
        countries = {m.place.country_code for m in exact}
        named = {m.place.country_code for m in exact if m.place.feature == "country"}
        if named:
            areas = {m.place.country_code for m in exact if m.place.feature in ("admin1", "admin2")} - named
            return {cc: 1.0 if areas else 2.0 for cc in named}
        if len(countries) == 1:
            return {next(iter(countries)): 1.0 if any(m.place.feature != "city" for m in exact) else 0.5}
        return {}

    def country_context(self, toponyms: list[Toponym], demonyms: Iterable[str],
                        dateline: str | None) -> dict[str, float]:
        """ISO2 -> weight in 0..1 from country names, demonyms, the dateline and unambiguous places."""
        raw: dict[str, float] = defaultdict(float)
        for t in toponyms:
            for cc, v in self.evidence(t).items():
                raw[cc] += v
        for cc in demonyms:
            raw[cc] += 1.0
        if dateline:
            found = self.gazetteer.matches(dateline)
            if found:
                best = max(found, key=lambda m: (m.exact, m.place.feature == "country", m.place.population))
                raw[best.place.country_code] += 2.0
        for cc, v in list(raw.items()):
            for n in self.gazetteer.neighbours(cc) if cc else ():
                raw[n] = max(raw.get(n, 0.0), self.w.neighbour_share * v)
        top = max(raw.values(), default=0.0)
        self._context_total = top
        return {cc: v / top for cc, v in raw.items() if cc} if top else {}

    # -- scoring -----------------------------------------------------------------------------
    def own_context(self, context: dict[str, float], group: list[Toponym], total: float) -> dict[str, float]:
        """The context without the group's own evidence, so "Palestine" does not vote for
        itself against Palestine, Texas."""
        own: dict[str, float] = defaultdict(float)
        for t in group:
            for cc, v in self.evidence(t).items():
                own[cc] += v
        if not own or not total:
            return context
        return {cc: max(0.0, w - own.get(cc, 0.0) / total) for cc, w in context.items()}

    def prior(self, t: Toponym, m: NameMatch, context: dict[str, float]) -> float:
        p = m.place
        score = FEATURE_PRIOR.get(p.feature, 0.2)
        if p.source in ("curated", "district") and p.feature in ("admin2", "site", "region"):
            score += 0.15
        score += self.w.population * math.log10(1 + max(p.population, 0)) / 7.0
        score += self.w.exact * m.exact + self.w.primary * m.primary
        # Context helps a town in proportion to its size: the article's country makes its
        # villages plausible, but not more plausible than a continent or a famous city.
        size = min(1.0, math.log10(1 + max(p.population, 0)) / 5.0) if p.feature in ("city", "other") else 1.0
        score += self.w.context * context.get(p.country_code, 0.0) * (0.5 + 0.5 * size)
        if t.cue:
            score += self.w.cue_match if _cue_fits(t.cue, p.feature) else -self.w.cue_mismatch
        if t.fuzzy:
            score -= self.w.fuzzy_penalty
        return score

    def chain_term(self, t: Toponym, p: Place) -> float:
        c = t.container
        if c is None or c.place is None or not coarser(c.place, p):
            return 0.0
        inside = lies_in(p, c.place, c.name)
        if inside is None:
            return 0.0
        return self.w.chain_match if inside else -self.w.chain_mismatch

    def holds_term(self, p: Place, name: str, held: list[Toponym]) -> float:
        """A chain's container ("Kandahar" in "Panjwai district, Kandahar") should be an area
        holding a reading of the place before it."""
        for o in held:
            if any(coarser(p, m.place) and lies_in(m.place, p, name) for m in o.matches[:20]):
                return self.w.chain_match / 2
        return 0.0

    def proximity_term(self, p: Place, anchors: list[tuple[Place, float]]) -> float:
        """Closeness to the article's other resolved places, each weighted by its confidence."""
        if not anchors or p.feature == "country":
            return 0.0
        return self.w.proximity * max(w * math.exp(-km(p, a) / self.w.proximity_km) for a, w in anchors)

    # -- the passes --------------------------------------------------------------------------
    def resolve(self, toponyms: list[Toponym], demonyms: Iterable[str] = (),
                dateline: str | None = None) -> dict[str, float]:
        """Fill ``place``, ``alternatives`` and ``score`` of every toponym in place; return the
        article's country context (ISO2 -> weight)."""
        self._all = toponyms
        for t in toponyms:
            t.matches = self.gazetteer.matches(t.name)
            if not t.matches and t.bare_name:
                t.name, t.bare_name = t.bare_name, None
                t.matches = self.gazetteer.matches(t.name)
        context = self.country_context(toponyms, list(demonyms), dateline)
        for t in toponyms:
            if not t.matches and t.allow_fuzzy:
                self._fuzzy(t, context)
        groups: dict[tuple[str, str | None, bool], list[Toponym]] = defaultdict(list)
        for t in toponyms:
            # "Ghazni city, Ghazni" names two places: a cue word or a place in the chain keeps
            # a mention out of its namesakes' group.
            groups[(self._key(t.name), t.cue, _is_container(t, toponyms))].append(t)
        order = sorted(groups.values(), key=lambda g: min(_depth(t) for t in g))
        self._cohesion = self._cohesion_of(order, context)
        provinces: Counter[tuple[str, str]] = Counter()
        for _ in range(2):
            for group in order:
                anchors = [(o.place, o.score) for o in toponyms if o.place is not None and o not in group
                           and o.place.feature != "country"]
                self._choose(group, context, anchors, provinces - _provinces(group))
            provinces = _provinces(toponyms)
        self._drop_far_fuzzy(toponyms)
        for t in toponyms:
            self._enforce_container(t)
        return context

    def _choose(self, group: list[Toponym], context: dict[str, float], anchors: list[tuple[Place, float]],
                provinces: Counter[tuple[str, str]]) -> None:
        """Score every reading of a group of same-name mentions and give them the best."""
        head = group[0]
        if not head.matches:
            return
        context = self.own_context(context, group, self._context_total)
        held = [o for o in self._all if o.container is not None and o.container in group]
        holding = {m.place.key: self.holds_term(m.place, head.name, held) for m in head.matches if held}
        # A cue word or a place the mention holds in a chain ("Panjwai district, Kandahar")
        # says the area is meant, not its namesake town; so does the middle of a chain that
        # ends in a country ("Khak Chopan, Kandahar, Afghanistan": the province).
        middle = bool(held) and _in_country_chain(group)
        plain = not any(v > 0 for v in holding.values()) and not any(t.cue for t in group) and not middle
        namesakes = self._namesake_capitals(head.matches) if plain else set()
        scored: list[tuple[float, Place]] = []
        for m in head.matches:
            score = max(self.prior(t, m, context) + self.chain_term(t, m.place) for t in group)
            score += holding.get(m.place.key, 0.0) + self.proximity_term(m.place, anchors)
            if middle and m.place.feature in ("admin1", "admin2"):
                score += self.w.chain_match / 2
            score += self.w.cohesion * self._cohesion.get((id(head), m.place.key), 0.0)
            score += self.w.namesake_city if m.place.key in namesakes else 0.0
            province = m.place.name if m.place.feature == "admin1" else m.place.admin1
            if province:  # the province the article's other places lie in, or one of them
                votes = provinces[(m.place.country_code, self._key(province))]
                score += self.w.admin1_context * min(1.0, votes / 2)
            scored.append((score, m.place))
        scored.sort(key=lambda sp: -sp[0])
        top = scored[0][0]
        second = scored[1][0] if len(scored) > 1 else top - 1.0
        confidence = 1.0 / (1.0 + math.exp(-3.0 * (top - second)))
        if head.fuzzy:
            confidence *= 0.5
        for t in group:
            t.place = scored[0][1]
            t.alternatives = tuple(p for _, p in scored[1:6])
            t.score = round(confidence, 3)

    def _cohesion_of(self, order: list[list[Toponym]],
                     context: dict[str, float]) -> dict[tuple[int, str], float]:
        """Cohesion of every reading, readings ranked by prior so the matrix stays small."""
        heads = [g[0] for g in order if g[0].matches]
        readings = [[m.place for m in sorted(t.matches, key=lambda m: -self.prior(t, m, context))]
                    for t in heads]
        values = cohesion(readings, self.w.proximity_km)
        return {(id(t), p.key): v for t, ps, vs in zip(heads, readings, values, strict=True)
                for p, v in zip(ps, vs, strict=True)}

    def _namesake_capitals(self, matches: list[NameMatch]) -> set[str]:
        """Towns that share their exact name with an admin area of their country ("Quetta",
        "Kandahar", "Islamabad"): without a cue word the town is meant, as ACLED codes it."""
        if any(m.exact and m.place.feature == "country" for m in matches):
            return set()  # "Mexico" is the country before it is Mexico City
        areas = {m.place.country_code for m in matches
                 if m.exact and m.place.feature in ("admin1", "admin2")}
        return {m.place.key for m in matches
                if m.exact and m.place.feature == "city" and m.place.country_code in areas
                and m.place.population >= self.w.namesake_min_population}

    def _fuzzy(self, t: Toponym, context: dict[str, float]) -> None:
        """Near spellings, looked for in the article's countries (best first), else anywhere."""
        if len(self._key(t.name)) < 4:
            return
        ranked: list[str | None] = [*sorted(context, key=lambda cc: -context[cc])[:2]] or [None]
        for cc in ranked:
            found = self.gazetteer.fuzzy(t.name, country_code=cc)
            if found:
                t.matches = [NameMatch(p, False, False) for p, _ in found]
                t.fuzzy = True
                return

    def _enforce_container(self, t: Toponym) -> None:
        """In "Mambasa, Ituri, DR Congo" the place must lie in Ituri: a reading elsewhere
        ("Mombasa", Kenya, whose alternate names include Mambasa) gives way to a near spelling
        inside the container, or to nothing. Every larger area after the place in its chain
        judges (a town-named container may have resolved to the town: then the country after
        it does); a near spelling must lie in the named province itself, not just near it."""
        if t.place is None:
            return
        judges = [c for c in _judges(t) if c.place is not None]
        if not judges or all(_holds(c, t.place, strict=t.fuzzy) for c in judges):
            return
        areas = [(c, c.place) for c in judges if c.place is not None]
        found = self.gazetteer.fuzzy(t.name, country_code=areas[0][1].country_code, limit=FUZZY_INSIDE)
        inside = [p for p, _ in found if all(coarser(a, p) and _holds(c, p, strict=True) for c, a in areas)]
        rejected = (t.place, *t.alternatives)
        if inside:
            t.place, t.fuzzy, t.score = inside[0], True, 0.4
            t.alternatives = tuple(inside[1:5]) + rejected
        else:
            t.place, t.score, t.alternatives = None, 0.0, rejected[:5]

    def _drop_far_fuzzy(self, toponyms: list[Toponym]) -> None:
        """A fuzzy guess far from every exactly matched place of the article is more likely a
        namesake than the place meant: leave the mention unresolved instead."""
        exact = [t.place for t in toponyms
                 if t.place is not None and not t.fuzzy and t.place.feature != "country"]
        for t in toponyms:
            if not t.fuzzy or t.place is None or not exact:
                continue
            if min(km(t.place, p) for p in exact) > self.w.fuzzy_max_km:
                t.alternatives = (t.place, *t.alternatives)
                t.place = None
                t.score = 0.0


def _cue_fits(cue: str, feature: str) -> bool:
    if cue == feature:
        return True
    return (cue, feature) in {("city", "other"), ("other", "city"), ("region", "admin1"),
                              ("admin1", "region"), ("admin2", "region"), ("site", "other")}


FUZZY_INSIDE = 25  # near spellings looked at when the chosen reading lies outside its chain


def _judges(t: Toponym) -> list[Toponym]:
    """The resolved members after ``t`` in its chain that are larger areas than its place."""
    out: list[Toponym] = []
    c = t.container
    while c is not None and t.place is not None:
        if c.place is not None and coarser(c.place, t.place):
            out.append(c)
        c = c.container
    return out


def _holds(c: Toponym, p: Place, strict: bool) -> bool:
    """Whether container ``c`` holds ``p``; ``strict`` (for near spellings) also wants a named
    province to be the place's own province, not a neighbour it borders."""
    if c.place is None:
        return True
    verdict = lies_in(p, c.place, c.name)
    if verdict is False:
        return False
    if strict and c.place.feature == "admin1" and p.admin1 and p.feature != "admin1":
        return same_area_name(p.admin1, c.name) or same_area_name(p.admin1, c.place.name)
    return True


def _in_country_chain(group: list[Toponym]) -> bool:
    """Whether a mention of the group is followed in its chain by a country ("Kandahar" in
    "Khak Chopan, Kandahar, Afghanistan")."""
    return any(t.container is not None and t.container.place is not None
               and t.container.place.feature == "country" for t in group)


def _is_container(t: Toponym, toponyms: list[Toponym]) -> bool:
    return any(o.container is t for o in toponyms)


def _provinces(toponyms: Iterable[Toponym]) -> Counter[tuple[str, str]]:
    """Which first-level areas the article's places lie in: a province named counts 2, a place
    confidently resolved inside one 1 ("Rapides Parish" and "Pineville" vote for Louisiana)."""
    out: Counter[tuple[str, str]] = Counter()
    for t in toponyms:
        p = t.place
        if p is None or p.feature == "country":
            continue
        if p.feature == "admin1":
            out[(p.country_code, name_key(p.name))] += 2
        elif p.admin1 and t.score >= 0.6:
            out[(p.country_code, name_key(p.admin1))] += 1
    return out


def _depth(t: Toponym) -> int:
    """How many containers follow a mention in its chain; containers are resolved first."""
    depth, c = 0, t.container
    while c is not None:
        depth += 1
        c = c.container
    return depth


FEATURE_RANK = {"city": 0, "site": 0, "other": 0, "admin2": 1, "admin1": 2, "region": 2, "country": 3}


def coarser(container: Place, place: Place) -> bool:
    """A container of a chain is a larger kind of area than what it qualifies."""
    return FEATURE_RANK.get(container.feature, 0) > FEATURE_RANK.get(place.feature, 0)

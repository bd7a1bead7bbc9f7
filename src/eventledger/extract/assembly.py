"""From a candidate to events: arguments → ``Draft`` → one ``Event`` per place.

A ``Draft`` holds what was read off the text for one candidate; ``build_events`` fills what the
text leaves open with documented defaults (the article's focus area, the anchor date,
ACLED-style unidentified actors), marks background events, derives tags and confidence, and
splits figures given for several places.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pycountry
from spacy.tokens import Doc

from eventledger.extract.arguments import (
    RESPONSIBILITY_WINDOW,
    Participants,
    candidate_claims,
    candidate_date,
    candidate_places,
    clause_range,
    participants,
    responsibility_claims,
)
from eventledger.extract.candidates import Candidate
from eventledger.extract.claims import figures, split_total
from eventledger.extract.event import Claim, Event, EventActor, EventDate, EventPlace, Span
from eventledger.extract.rules import ARMED_KINDS, Decision, RuleBook
from eventledger.gazetteer.place import Place
from eventledger.gazetteer.resolver import same_area_name
from eventledger.nlp.mentions import ActorMention, DateMention, PlaceMention
from eventledger.settings import Settings

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
TARGET_TAGS = {"women": "women_targeted", "woman": "women_targeted", "girl": "women_targeted",
               "girls": "women_targeted", "journalist": "journalist_targeted",
               "journalists": "journalist_targeted", "reporter": "journalist_targeted",
               "student": "student_targeted", "students": "student_targeted"}
MASS_CASUALTY = 10


@dataclass
class Draft:
    cand: Candidate
    decision: Decision
    parts: Participants
    actor1: ActorMention | None
    places: list[PlaceMention]
    date: DateMention | None
    fatalities: list[Claim]
    injuries: list[Claim]
    sentence: int
    evidence: list[Span] = field(default_factory=list)
    paragraph: int = 0

    @property
    def cue_weights(self) -> dict[str, float]:
        return self.cand.cue_weights


def decide(rules: RuleBook, cand: Candidate, actor1: ActorMention | None,
           parts: Participants) -> Decision | None:
    kinds = {t.kind for t in parts.targets}
    return rules.decide(cand.cue_weights, actor1.kind if actor1 else None, kinds)


GENERIC_NOUN_DEPS = {"pobj", "conj", "appos", "compound", "attr", "npadvmod"}


def _generic_mention(doc: Doc, cand: Candidate, date: DateMention | None, parts: Participants) -> bool:
    """Commentary names kinds of events, not events: "rooted in exploitation, enforced
    disappearances, extrajudicial killings". A candidate whose strong cues are bare plural nouns
    in a list (no determiner, number or possessive), with no actor and no date of its own,
    describes no particular event."""
    if (date is not None and date.first_day is not None) or parts.agent or parts.targets:
        return False
    listed = False
    strong = [c for c in cand.cues if c.weight >= 0.5]
    if not strong:
        return False
    for cue in strong:
        head = doc[cue.head]
        if head.pos_ != "NOUN" or head.tag_ != "NNS" or head.dep_ not in GENERIC_NOUN_DEPS:
            return False
        if any(ch.dep_ in {"det", "poss", "nummod"} for ch in head.children):
            return False
        listed = listed or head.dep_ == "conj" or any(ch.dep_ == "conj" for ch in head.children)
    return listed


def _eventive(doc: Doc, cand: Candidate, parts: Participants, places: list[PlaceMention],
              date: DateMention | None, n_claims: int) -> bool:
    """A clause reports an event when a cue is a verb or something is attached to it (a place,
    a date, an actor, a figure); bare nouns in commentary ("rooted in disappearances") are not."""
    if _generic_mention(doc, cand, date, parts):
        return False
    if any(doc[c.head].pos_ in {"VERB"} for c in cand.cues):
        return True
    return bool(parts.agent or parts.targets or date or n_claims or
                any(clause_range(doc, cand)[0] <= p.start < clause_range(doc, cand)[1] for p in places))


def paragraph_of(text: str, offset: int) -> int:
    """Index of the paragraph holding ``offset``: blank lines separate paragraphs when the text
    has any (hard-wrapped copy), else line breaks do (one paragraph per line, as wires send it)."""
    separator = "\n\n" if "\n\n" in text else "\n"
    return text.count(separator, 0, offset)


def draft_for(doc: Doc, cand: Candidate, rules: RuleBook, settings: Settings,
              sentence_index: dict[int, int]) -> Draft | None:
    actors = list(doc._.actors or [])
    parts = participants(doc, cand, actors)
    actor1 = parts.agent
    first = decide(rules, cand, actor1, parts)
    if first is None or first.event_type is None:
        return None
    decision = first
    exclude = [parts.agent_range] if parts.agent_range else []
    places = candidate_places(doc, cand, list(doc._.places or []), exclude)
    when = candidate_date(doc, cand, list(doc._.dates or []))
    fatalities, injuries = candidate_claims(doc, cand, list(doc._.quantities or []),
                                            list(doc._.attributions or []))
    if not _eventive(doc, cand, parts, places, when, len(fatalities) + len(injuries)):
        return None
    sent = doc[cand.sent_start:cand.sent_end]
    evidence = [Span(sent.start_char, sent.end_char, "trigger")]
    for extra in cand.attached:
        s = doc[extra.sent_start:extra.sent_end]
        if s.start_char != sent.start_char:
            evidence.append(Span(s.start_char, s.end_char, "fatalities"))
    return Draft(cand, decision, parts, actor1, places, when, fatalities, injuries,
                 sentence_index.get(cand.sent_start, 0), evidence, paragraph_of(doc.text, sent.start_char))


def assign_responsibility(doc: Doc, drafts: list[Draft], rules: RuleBook) -> None:
    """A claim of responsibility ("The Taliban claimed responsibility for the attack") names
    the perpetrator of the violent event told just before it (or, when it comes first, just
    after it), if that event has no named perpetrator of its own. For an attack that was
    intercepted or defused, the group whose weapon it was is the perpetrator and the forces that
    stopped it its target."""
    violent = [d for d in drafts if d.decision.event_type in VIOLENT_TYPES
               or d.decision.sub_event_type == "Disrupted weapons use"]
    if not violent:
        return
    done: set[int] = set()
    for sentence, mention in responsibility_claims(doc, list(doc._.actors or [])):
        before = [d for d in violent if d.sentence <= sentence and sentence - d.sentence <= RESPONSIBILITY_WINDOW]
        after = [d for d in violent if d.sentence > sentence and d.sentence - sentence <= RESPONSIBILITY_WINDOW]
        target = max(before, key=lambda d: d.sentence) if before else (
            min(after, key=lambda d: d.sentence) if after else None)
        if target is None or id(target) in done:
            continue
        done.add(id(target))
        if target.decision.sub_event_type == "Disrupted weapons use" and target.actor1 is not None:
            # the forces that intercepted or defused it were the attack's target
            target.parts = Participants(target.parts.agent, (target.actor1, *target.parts.targets),
                                        target.parts.agent_range)
        elif target.actor1 is not None and not target.actor1.generic:
            continue
        target.actor1 = mention
        target.decision = decide(rules, target.cand, mention, target.parts) or target.decision


# ---------------------------------------------------------------- defaults from the article
def focus_place(doc: Doc) -> PlaceMention | None:
    """The area the article is about: its most mentioned resolved province, district or
    country (never a site: a mine or a port named in passing is not where events happen)."""
    counts: Counter[str] = Counter()
    first: dict[str, PlaceMention] = {}
    for m in doc._.places or []:
        if m.place is None or m.place.feature == "site" or m.role == "origin":
            continue
        if m.place.feature in {"admin1", "admin2", "country", "region"}:
            counts[m.place.key] += 1
            first.setdefault(m.place.key, m)
    if not counts:
        return None
    top = max(counts.values())
    keys = [k for k, n in counts.items() if n == top]
    order = {"admin2": 0, "admin1": 1, "region": 2, "country": 3}
    key = min(keys, key=lambda k: order.get(_feature(first[k]), 9))
    return first[key]


def _feature(m: PlaceMention) -> str:
    return m.place.feature if m.place is not None else ""


def dateline_place(doc: Doc) -> PlaceMention | None:
    """The resolved place of the dateline ("KABUL (AP)"): where a news story was filed, which for
    local reporting is where its news happened."""
    mentions: list[PlaceMention] = list(doc._.places or [])
    return next((m for m in mentions
                 if m.role == "dateline" and m.place is not None and m.place.feature != "country"), None)


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


def article_country(doc: Doc) -> str | None:
    context: dict[str, float] = doc._.country_context or {}
    if context:
        return str(max(context.items(), key=lambda kv: kv[1])[0])
    codes = Counter(m.place.country_code for m in doc._.places or [] if m.place and m.place.country_code)
    return codes.most_common(1)[0][0] if codes else None


# ---------------------------------------------------------------- events
def _event_date(draft: Draft, doc: Doc) -> EventDate:
    d = draft.date
    if d is not None and (d.first_day is not None or d.precision == "unknown"):
        return EventDate(d.first_day, d.last_day, d.precision, d.start, d.end, d.text)
    anchor: date | None = doc._.anchor_date
    if anchor is None:
        return EventDate(None, None, "unknown")
    # No date in the text: the report's own date (ACLED codes the report date when the event
    # date is not given); marked as such by the absent evidence span.
    return EventDate(anchor, anchor, "day")


def _background(when: EventDate, draft: Draft, doc: Doc, settings: Settings) -> bool:
    if draft.date is not None and draft.date.background:
        return True
    anchor: date | None = doc._.anchor_date
    if anchor is None or when.last_day is None:
        return False
    return when.last_day < anchor - timedelta(days=settings.background_days)


def _actors(draft: Draft, doc: Doc, country: str | None) -> list[EventActor]:
    out: list[EventActor] = []
    a1 = draft.actor1
    event_type = draft.decision.event_type
    if a1 is not None:
        out.append(EventActor(a1.name, "actor1", a1.kind, a1.start, a1.end, a1.country))
    else:
        default = _default_actor1(draft.decision.sub_event_type, event_type, country)
        if default is not None:
            out.append(default)
    agent = draft.parts.agent
    if agent is not None and a1 is not None and agent is not a1 and agent.name != a1.name:
        out.append(EventActor(agent.name, "assoc_actor_1", agent.kind, agent.start, agent.end, agent.country))
    second = False
    for t in draft.parts.targets:
        if a1 is not None and t.name == a1.name:
            continue
        role: str
        if t.kind == "person":
            role = "victim"
        elif not second:
            role = "actor2"
            second = True
        else:
            role = "assoc_actor_2"
        out.append(EventActor(t.name, role, t.kind, t.start, t.end, t.country))
    return out


def _default_actor1(sub_type: str, event_type: str | None, country: str | None) -> EventActor | None:
    """ACLED's names for actors a report leaves unnamed."""
    name = country_name(country)
    if name is None:
        return None
    if sub_type == "Arrests":
        return EventActor(f"Police Forces of {name}", "actor1", "state_forces", country=country)
    if event_type == "Protests":
        return EventActor(f"Protesters ({name})", "actor1", "protesters", country=country)
    if event_type == "Riots":
        return EventActor(f"Rioters ({name})", "actor1", "rioters", country=country)
    if event_type in VIOLENT_TYPES:
        return EventActor(f"Unidentified Armed Group ({name})", "actor1", "political_militia", country=country)
    return None


def _tags(draft: Draft, actors: list[EventActor], fatalities: int | None) -> list[str]:
    tags: list[str] = []
    for cue in draft.cand.all_cues:
        for tag in cue.tags:
            if tag not in tags:
                tags.append(tag)
    sub = draft.decision.sub_event_type
    a1_kind = draft.actor1.kind if draft.actor1 else None
    if sub == "Abduction/forced disappearance" and a1_kind == "state_forces" and "enforced_disappearance" not in tags:
        tags.append("enforced_disappearance")
    for t in draft.parts.targets:
        for word in t.text.lower().replace(",", " ").split():
            target_tag = TARGET_TAGS.get(word)
            if target_tag and target_tag not in tags:
                tags.append(target_tag)
    if fatalities is not None and fatalities >= MASS_CASUALTY and "mass_casualty" not in tags:
        tags.append("mass_casualty")
    return tags


def _confidence(draft: Draft, place_known: bool, date_known: bool, actor_known: bool) -> float:
    strength = max((c.weight for c in draft.cand.cues), default=0.3)
    score = 0.3 + 0.25 * strength + 0.002 * draft.decision.priority
    score += 0.1 * place_known + 0.1 * date_known + 0.08 * actor_known
    score += 0.04 * bool(draft.fatalities or draft.injuries)
    return round(min(score, 0.97), 3)


def _place(m: PlaceMention | None, basis: str) -> EventPlace:
    if m is None:
        return EventPlace(None, None, basis="none")
    place = event_point(m)
    if basis != "text":
        return EventPlace(m.place.name if m.place else m.text, place, basis=basis)
    return EventPlace(m.text if m.place is None else m.place.name, place, m.start, m.end)


def event_point(m: PlaceMention) -> Place | None:
    """The place an event is coded at. An event known only to its province is coded at the
    provincial capital, still with admin1 precision: ACLED's rule ("the provincial capital is
    used"), and where most such events happen. The capital is the gazetteer's (curated
    provinces), else a town of the province's own name among the readings ("Yala"). Elsewhere
    the place itself (its centroid for other areas)."""
    p = m.place
    if p is None or p.feature != "admin1":
        return p
    if p.capital is not None:
        return replace(p, lat=p.capital[0], lon=p.capital[1])
    for alt in m.alternatives:
        if (alt.feature == "city" and alt.country_code == p.country_code and same_area_name(alt.name, p.name)
                and (alt.admin1 is None or same_area_name(alt.admin1, p.name))):
            return replace(p, lat=alt.lat, lon=alt.lon)
    return p


def _split(claims: list[Claim], parts: int, index: int) -> list[Claim]:
    if parts <= 1:
        return claims
    out = []
    for c in claims:
        low = split_total(c.value_low, parts)[index]
        high = split_total(c.value_high, parts)[index]
        out.append(replace(c, value_low=low, value_high=high, share_of=c.value_low))
    return out


def build_events(doc: Doc, drafts: list[Draft], settings: Settings) -> list[Event]:
    focus = focus_place(doc)
    filed = dateline_place(doc)
    country = article_country(doc)
    events: list[Event] = []
    for draft in drafts:
        when = _event_date(draft, doc)
        background = _background(when, draft, doc, settings)
        # No place in the text: a news event is placed where the story was filed (the dateline),
        # context told in the past at the area the article is about.
        places: list[tuple[PlaceMention | None, str]] = [(m, "text") for m in draft.places]
        if not places:
            places = [(filed, "dateline")] if filed is not None and not background else [(focus, "article")]
        event_country = next((m.place.country_code for m, _ in places if m and m.place), None) or country
        actors = _actors(draft, doc, event_country)
        total = figures(draft.fatalities).best
        tags = _tags(draft, actors, total)
        kind = _reported_kind(draft, doc)
        for index, (mention, basis) in enumerate(places):
            location = _place(mention, basis)
            evidence = list(draft.evidence)
            if location.start is not None and location.end is not None:
                evidence.append(Span(location.start, location.end, "location"))
            if when.start is not None and when.end is not None:
                evidence.append(Span(when.start, when.end, "date"))
            for a in actors:
                if a.start is not None and a.end is not None:
                    evidence.append(Span(a.start, a.end, a.role))
            events.append(Event(
                event_type=draft.decision.event_type or "",
                sub_event_type=draft.decision.sub_event_type,
                date=when,
                location=location,
                tags=list(tags),
                actors=actors,
                fatality_claims=_split(draft.fatalities, len(places), index),
                injury_claims=_split(draft.injuries, len(places), index),
                evidence=evidence,
                reported_by_kind=kind,
                background=background,
                confidence=_confidence(draft, location.place is not None, when.start is not None,
                                       draft.actor1 is not None and draft.actor1.kind in ARMED_KINDS | {"protesters"}),
                trigger=doc[draft.cand.cues[0].start:draft.cand.cues[0].end].text,
            ))
    return events


def _reported_kind(draft: Draft, doc: Doc) -> str:
    """``opinion`` when any source around the trigger is an opinion piece, else the kind of
    the innermost source, else the outlet's own ``report``."""
    from eventledger.extract.arguments import covering_attributions

    cue = draft.cand.cues[0]
    span = doc[cue.start:cue.end]
    cover = covering_attributions(span.start_char, span.end_char, list(doc._.attributions or []))
    if any(a.kind == "opinion" for a in cover):
        return "opinion"
    return cover[0].kind if cover else "report"

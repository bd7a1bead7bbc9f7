"""Arguments of an event candidate: its places, date, actors and figures, read off the parse.

Everything here works on the mention lists the analysis components put on the doc (places,
dates, quantities, actors, attributions) and on the dependency parse around the candidate's cue
words. Each function says which mention it chose so the coder can record it as evidence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventledger.extract.candidates import Candidate
from eventledger.extract.event import Claim
from eventledger.gazetteer.chains import most_specific, with_landmarks
from eventledger.gazetteer.place import Place
from eventledger.nlp.mentions import ActorMention, Attribution, DateMention, PlaceMention, Quantity

AGENT_PREPS = {"by"}
# Verbs whose subject undergoes rather than does: "Mahrang Baloch remains in custody",
# "security forces suffered heavy losses", "two soldiers died".
EXPERIENCER_VERBS = {"remain", "face", "suffer", "undergo", "receive", "sustain", "die", "be", "become",
                     "get", "lose", "endure", "languish", "stay", "survive", "succumb"}
TARGET_PREPS = {"on", "at", "against", "upon", "of", "into", "targeting", "with"}
PRONOUNS = {"they", "he", "she", "we", "it"}
NOT_EVENT_HEADS = {"armed_target", "claim", "coordinated"}
CASUALTY_OUTCOMES = {"killed": "fatalities", "injured": "injuries"}


def token_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def clause_range(doc: Doc, cand: Candidate) -> tuple[int, int]:
    """Character range of the candidate's clauses (its anchors' subtrees, within the sentence)."""
    sent = doc[cand.anchor].sent
    left = max(min(doc[a].left_edge.i for a in cand.anchors), sent.start)
    right = min(max(doc[a].right_edge.i for a in cand.anchors) + 1, sent.end)
    return doc[left].idx, doc[right - 1].idx + len(doc[right - 1])


def sentence_range(doc: Doc, cand: Candidate) -> tuple[int, int]:
    sent = doc[cand.sent_start:cand.sent_end]
    return sent.start_char, sent.end_char


def _inside(start: int, end: int, rng: tuple[int, int]) -> bool:
    return rng[0] <= start and end <= rng[1]


# ---------------------------------------------------------------- places
def _contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` is an administrative parent of ``inner`` (by names and country)."""
    if outer.country_code != inner.country_code or outer.key == inner.key:
        return False
    if outer.feature == "country":
        return True
    name = outer.name.casefold()
    if outer.feature in {"admin1", "region"}:
        return (inner.admin1 or "").casefold() == name or outer.feature == "region"
    if outer.feature == "admin2":
        return (inner.admin2 or "").casefold() == name
    return False


# What joins the items of a list of places: commas, "and"/"or", and "areas like"/"including".
LIST_GLUE = re.compile(r"^[\s,]*(?:and|or|as well as|&)?[\s,]*"
                       r"(?:(?:[a-z][a-z\-]*\s+){0,3}(?:like|such as|including|namely)\s*)?[\s,]*$")


def place_groups(mentions: list[PlaceMention]) -> list[list[PlaceMention]]:
    """Mentions grouped by chain: a ``qualifier`` (Balochistan in "Turbat, Balochistan")
    belongs to the location before it (``el_toponyms`` sets the roles)."""
    groups: list[list[PlaceMention]] = []
    for m in mentions:
        if m.role == "qualifier" and groups:
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _best(group: list[PlaceMention]) -> PlaceMention:
    return most_specific(group) or group[0]


def _consistent(groups: list[list[PlaceMention]]) -> list[list[PlaceMention]]:
    """Drop groups placed in another country than the rest of the sentence ("Fourth Police
    District" read as Fürth, Germany, beside "Ghazni, Afghanistan")."""
    weights: dict[str, float] = {}
    for group in groups:
        for m in group:
            if m.place is not None:
                weights[m.place.country_code] = weights.get(m.place.country_code, 0.0) + max(m.score, 0.1)
    if len(weights) < 2:
        return groups
    main = max(weights.items(), key=lambda kv: kv[1])[0]
    kept = [g for g in groups if (p := _best(g).place) is None or p.country_code == main]
    return kept or groups


def _dedupe_groups(groups: list[list[PlaceMention]]) -> list[list[PlaceMention]]:
    """One group per place; a province that holds another group's town is not a place of its own."""
    out: list[list[PlaceMention]] = []
    for group in groups:
        place = _best(group).place
        if place is None:
            if not out:
                out.append(group)
            continue
        if any((q := _best(o).place) is not None and (q.key == place.key or _contains(place, q)) for o in out):
            continue
        out = [o for o in out if not ((q := _best(o).place) is not None and _contains(q, place))]
        out.append(group)
    return out


def candidate_places(doc: Doc, cand: Candidate, places: list[PlaceMention],
                     exclude: list[tuple[int, int]]) -> list[PlaceMention]:
    """The event's place(s): one per item of a list of places ("in Quetta, Gwadar and
    Chagai"), else the single most specific place of the sentence.

    Places inside the perpetrator's phrase ("assailants in Afghanistan fired rockets into Gilai")
    describe who, not where, and are skipped when the sentence has others."""
    sent = sentence_range(doc, cand)
    clause = clause_range(doc, cand)
    in_sentence = _places_in(places, sent)
    if not in_sentence:
        # "Assailants attacked a post in Mainok, Borno. The attack was repelled.": the
        # sentence before, in the same paragraph, says where; so does the rest of a sentence
        # the parser cut short ("... outpost No | 3 in Lashio, Shan").
        sent = next((r for r in _neighbour_sentences(doc, cand) if _places_in(places, r)), sent)
        in_sentence, clause = _places_in(places, sent), sent
    usable = [m for m in in_sentence if not any(_inside(m.start, m.end, r) for r in exclude)] or in_sentence
    in_clause = [m for m in usable if _inside(m.start, m.end, clause)]
    groups = _dedupe_groups(_consistent(place_groups(sorted(in_clause or usable, key=lambda m: m.start))))
    if not groups:
        return []
    runs: list[list[list[PlaceMention]]] = [[groups[0]]]
    for prev, group in itertools.pairwise(groups):
        glue = doc.text[prev[-1].end:group[0].start]
        if LIST_GLUE.match(glue):
            runs[-1].append(group)
        else:
            runs.append([group])
    listed = max(runs, key=len)
    if len(listed) > 1:
        return [_best(g) for g in listed]
    best = most_specific([_best(g) for g in groups])
    return [best or _best(groups[0])]


def _places_in(places: list[PlaceMention], rng: tuple[int, int]) -> list[PlaceMention]:
    """Places overlapping a range (a name the parser cut in two belongs to both halves)."""
    return with_landmarks([m for m in places if m.start < rng[1] and rng[0] < m.end], ("location", "qualifier"))


SENTENCE_ENDS = frozenset({".", "!", "?", "\"", "”", "'", "’", ")"})


def _neighbour_sentences(doc: Doc, cand: Candidate) -> list[tuple[int, int]]:
    """The sentence before the candidate's (same paragraph), then the one after it when that
    is the rest of the same sentence (the candidate's does not end in a full stop)."""
    out: list[tuple[int, int]] = []
    first, last = doc[cand.sent_start], doc[cand.sent_end - 1]
    if first.i > 0:
        before = doc[first.i - 1].sent
        if "\n" not in doc.text[before.end_char:first.idx]:
            out.append((before.start_char, before.end_char))
    if last.i + 1 < len(doc):
        after = doc[last.i + 1].sent
        if last.text not in SENTENCE_ENDS and "\n" not in doc.text[last.idx:after.start_char]:
            out.append((after.start_char, after.end_char))
    return out


# ---------------------------------------------------------------- dates
def candidate_date(doc: Doc, cand: Candidate, dates: list[DateMention]) -> DateMention | None:
    sent = sentence_range(doc, cand)
    clause = clause_range(doc, cand)
    in_sentence = [d for d in dates if _inside(d.start, d.end, sent)]
    if not in_sentence:
        return None
    in_clause = [d for d in in_sentence if _inside(d.start, d.end, clause)]
    pool = in_clause or in_sentence
    cue_at = doc[cand.cues[0].head].idx
    resolved = [d for d in pool if d.first_day is not None] or pool
    return min(resolved, key=lambda d: abs(d.start - cue_at))


# ---------------------------------------------------------------- actors
@dataclass(frozen=True)
class Participants:
    agent: ActorMention | None
    targets: tuple[ActorMention, ...]
    agent_range: tuple[int, int] | None


def _mention_in(doc: Doc, token: Token, actors: list[ActorMention]) -> ActorMention | None:
    """The actor mention of a phrase headed by ``token``: the one covering the head, else the
    first one inside its subtree."""
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    covering = [a for a in actors if a.start <= token.idx < a.end]
    if covering:
        return covering[0]
    inside = [a for a in actors if left <= a.start and a.end <= right]
    return inside[0] if inside else None


def _mentions_in(token: Token, actors: list[ActorMention]) -> list[ActorMention]:
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    return [a for a in actors if left <= a.start and a.end <= right]


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def participants(doc: Doc, cand: Candidate, actors: list[ActorMention]) -> Participants:
    """Perpetrator and targets from the cue heads' dependents, then the clause's subject."""
    agent: ActorMention | None = None
    agent_token: Token | None = None
    targets: list[ActorMention] = []
    # Objects and claims are not what the event is; their modifiers ("an AMISOM base") are not
    # its perpetrator.
    heads = [doc[c.head] for c in cand.cues if c.cue not in NOT_EVENT_HEADS] + [doc[a] for a in cand.anchors]
    for head in heads:
        undergoes = (head.lemma_ or head.lower_).lower() in EXPERIENCER_VERBS
        for child in head.children:
            dep = child.dep_
            if dep == "nsubj" and undergoes:
                targets += _mentions_in(child, actors)
            elif dep in {"nsubj", "poss", "agent", "compound"} or (dep == "prep" and child.lower_ in AGENT_PREPS):
                node = _pobj(child) if dep in {"agent", "prep"} else child
                if dep == "agent":
                    node = _pobj(child)
                if node is not None and agent is None:
                    found = _mention_in(doc, node, actors)
                    if found is not None and not found.source_only:
                        agent, agent_token = found, node
            elif dep in {"dobj", "nsubjpass", "attr"}:
                targets += _mentions_in(child, actors)
            elif dep == "prep" and child.lower_ in TARGET_PREPS:
                node = _pobj(child)
                if node is not None:
                    targets += _mentions_in(node, actors)
            elif dep in {"xcomp", "advcl"} and child.lower_ in {"targeting", "targetting"}:
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        targets += _mentions_in(obj, actors)
    seen: set[tuple[int, int]] = set()
    unique = []
    for t in targets:
        if (t.start, t.end) not in seen and t is not agent and not t.source_only:
            seen.add((t.start, t.end))
            unique.append(t)
    if agent is None:
        agent, agent_token = _speaker_as_agent(doc, heads, actors)
    agent_range = None
    if agent_token is not None:
        agent_range = (agent_token.left_edge.idx, agent_token.right_edge.idx + len(agent_token.right_edge))
    return Participants(agent, tuple(unique), agent_range)


def _speaker_as_agent(doc: Doc, heads: list[Token], actors: list[ActorMention]
                      ) -> tuple[ActorMention | None, Token | None]:
    """'Police in Kech said they had arrested four suspects': a pronoun subject is the speaker."""
    for head in heads:
        for child in head.children:
            if child.dep_ != "nsubj" or child.lower_ not in PRONOUNS:
                continue
            verb = head if head.pos_ in {"VERB", "AUX"} else head.head
            speaker = verb.head if verb.dep_ in {"ccomp", "xcomp"} else None
            if speaker is None:
                continue
            for sub in speaker.children:
                if sub.dep_ == "nsubj":
                    found = _mention_in(doc, sub, actors)
                    if found is not None and not found.source_only:
                        return found, sub
    return None, None


RESPONSIBILITY_WINDOW = 6  # sentences a claim of responsibility may follow its event


def responsibility_claims(doc: Doc, actors: list[ActorMention]) -> list[tuple[int, ActorMention]]:
    """(sentence index, group) for every group the text says claimed an attack, then those it
    was attributed to: a claim outranks an attribution."""
    sentence_of = {s.start_char: i for i, s in enumerate(doc.sents)}
    out: list[tuple[int, ActorMention]] = []
    for kind in ("claimed", "attributed"):
        for mention in actors:
            if mention.responsibility != kind or mention.source_only:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                out.append((sentence_of.get(span.sent.start_char, 0), mention))
    return out


# ---------------------------------------------------------------- figures
def covering_attributions(start: int, end: int, attributions: list[Attribution]) -> list[Attribution]:
    """Attributions whose reported content covers [start, end), innermost first."""
    hits = [a for a in attributions if a.scope_start <= start and end <= a.scope_end
            and not (a.start <= start < a.end)]
    return sorted(hits, key=lambda a: a.scope_end - a.scope_start)


def _claim_from(q: Quantity, attributions: list[Attribution], group: int) -> Claim:
    cover = covering_attributions(q.start, q.end, attributions)
    claimant = cover[0].claimant if cover else None
    kind = cover[0].kind if cover else "report"
    return Claim(q.low, q.high, q.text, claimant, q.about, q.outcome or "", q.start, q.end, kind,
                 q.qualifier, group=group)


def candidate_claims(doc: Doc, cand: Candidate, quantities: list[Quantity],
                     attributions: list[Attribution]) -> tuple[list[Claim], list[Claim]]:
    """(fatality claims, injury claims) from the candidate's sentences (its own and attached)."""
    ranges = [sentence_range(doc, c) for c in [cand, *cand.attached]]
    fatalities: list[Claim] = []
    injuries: list[Claim] = []
    for q in quantities:
        if q.included or q.background or q.outcome not in CASUALTY_OUTCOMES:
            continue
        rng = next((r for r in ranges if _inside(q.start, q.end, r)), None)
        if rng is None:
            continue
        claim = _claim_from(q, attributions, rng[0])
        (fatalities if q.outcome == "killed" else injuries).append(claim)
    fatalities += _vague_claims(doc, cand, fatalities, attributions)
    return _dedupe(fatalities), _dedupe(injuries)


def _vague_claims(doc: Doc, cand: Candidate, numeric: list[Claim],
                  attributions: list[Attribution]) -> list[Claim]:
    """A source's casualty claim without a number ("BLA stated that security forces suffered
    heavy losses") is still a claim: it makes the figures disputed."""
    out: list[Claim] = []
    for cue in cand.all_cues:
        if cue.cue != "kill" or cue.weight < 0.6:
            continue
        span = doc[cue.start:cue.end]
        cover = covering_attributions(span.start_char, span.end_char, attributions)
        if not cover:
            continue
        claimant = cover[0].claimant
        scope = (cover[0].scope_start, cover[0].scope_end)
        if any(scope[0] <= c.start and c.end <= scope[1] for c in numeric):
            continue
        if any(c.claimant == claimant and c.value_low is None for c in out):
            continue
        out.append(Claim(None, None, span.text, claimant, None, "killed", span.start_char, span.end_char,
                         cover[0].kind, group=span.sent.start_char))
    return out


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[int, int]] = set()
    out = []
    for c in sorted(claims, key=lambda c: c.start):
        if (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            out.append(c)
    return out

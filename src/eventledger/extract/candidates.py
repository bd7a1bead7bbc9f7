"""Group cues into event candidates: one per clause that reports something happening.

Cues are grouped by their clause (the nearest verb with its own subject), so "Authorities
launched a crackdown after Haq Do Tehreek held protests" gives two candidates with different
actors. A clause that only reports casualties ("Five people were killed.", "The figures remained
disputed as authorities reported that dozens of fighters were killed") and names no new place or
date continues the event before it instead of starting a new one. A clause whose cues are only
nouns with nothing attached to them ("rooted in exploitation and disappearances") describes no
particular event and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventledger.extract.cues import Cue
from eventledger.nlp.mentions import ActorMention

CASUALTY_CUES = frozenset({"kill", "injure", "claim"})
# Cue classes whose definite nouns ("the attack", "the blast") refer to an event already told.
REFERENCE_CUES = frozenset({"attack", "ied", "shoot", "clash", "shelling", "air", "grenade", "suicide"})
# Cue classes that never start an event on their own (they qualify one).
NON_EVENT_CUES = frozenset({"claim", "coordinated"})
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}
ATTACH_WINDOW = 3  # sentences a casualty clause may look back for its event


@dataclass
class Candidate:
    anchor: int  # token index of the clause's verb (or the sentence root)
    sent_start: int  # token range of the sentence
    sent_end: int
    cues: list[Cue]
    attached: list[Candidate] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)  # every clause folded in (anchor first)

    def __post_init__(self) -> None:
        if not self.anchors:
            self.anchors = [self.anchor]

    @property
    def cue_weights(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for cue in self.all_cues:
            out[cue.cue] = max(out.get(cue.cue, 0.0), cue.weight)
        return out

    @property
    def all_cues(self) -> list[Cue]:
        return self.cues + [c for a in self.attached for c in a.all_cues]

    @property
    def first_token(self) -> int:
        return min(c.start for c in self.cues)


def clause_anchor(token: Token) -> Token:
    """The nearest verb above ``token`` that has its own subject, else the sentence root."""
    node = token
    for _ in range(12):
        if node.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return node
        if node.head is node:
            return node
        node = node.head
    return node


def group_cues(doc: Doc, cues: list[Cue]) -> list[Candidate]:
    """Clause-level candidates in text order, before casualty clauses are attached."""
    groups: dict[int, Candidate] = {}
    for cue in cues:
        anchor = clause_anchor(doc[cue.head])
        sent = doc[cue.head].sent
        candidate = groups.get(anchor.i)
        if candidate is None:
            groups[anchor.i] = Candidate(anchor.i, sent.start, sent.end, [cue])
        else:
            candidate.cues.append(cue)
    return sorted(groups.values(), key=lambda c: c.first_token)


def _agent_name(doc: Doc, anchor: int, actors: list[ActorMention]) -> str | None:
    """The named or generic actor that is the active subject of a clause, if any."""
    for child in doc[anchor].children:
        if child.dep_ != "nsubj":
            continue
        left, right = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        for mention in actors:
            # overlap, not containment: the parser often hangs a name's first word elsewhere
            if mention.start < right and left < mention.end and not mention.source_only:
                return mention.name
    return None


def merge_sentence_groups(doc: Doc, groups: list[Candidate], actors: list[ActorMention]) -> list[Candidate]:
    """Fold the clauses of one sentence together unless their active subjects are different
    actors: "police fired tear gas at protesters who had blocked the road" is one event,
    "authorities launched a crackdown after the movement held protests" is two."""
    out: list[Candidate] = []
    by_sentence: dict[int, list[Candidate]] = {}
    for group in groups:
        by_sentence.setdefault(group.sent_start, []).append(group)
    for sentence_groups in by_sentence.values():
        kept: dict[str | None, Candidate] = {}
        order: list[Candidate] = []
        for group in sentence_groups:
            agent = _agent_name(doc, group.anchor, actors)
            target = kept.get(agent) if agent is not None else (order[0] if order else None)
            if target is None:
                kept[agent] = group
                order.append(group)
            else:
                target.cues.extend(group.cues)
                target.anchors.append(group.anchor)
        unnamed = kept.get(None)
        if unnamed is not None and len(order) > 1 and order[0] is not unnamed:
            order[0].cues.extend(unnamed.cues)
            order[0].anchors.extend(unnamed.anchors)
            order.remove(unnamed)
        out.extend(order)
    return sorted(out, key=lambda c: c.first_token)


REFERENCE_DETERMINERS = {"the", "this", "that", "these", "those"}


def _refers_back(doc: Doc, cue: Cue) -> bool:
    """'the attack', 'this blast': a definite noun naming an event already told."""
    head = doc[cue.head]
    return head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in REFERENCE_DETERMINERS
                                       for c in head.children)


def is_casualty_only(doc: Doc, candidate: Candidate) -> bool:
    """Only casualty words, claims, and references back to an event told before ("the BLF
    claimed responsibility for the attack, saying its fighters had killed seven soldiers")."""
    return all(c.cue in CASUALTY_CUES or (c.cue in REFERENCE_CUES and _refers_back(doc, c))
               for c in candidate.cues)


def has_event_cue(candidate: Candidate) -> bool:
    return any(c.cue not in NON_EVENT_CUES for c in candidate.cues)


def attach_casualty_clauses(doc: Doc, candidates: list[Candidate], sentence_index: dict[int, int],
                            names_new_place_or_date: dict[int, bool]) -> list[Candidate]:
    """Fold casualty-only clauses without a new place or date into the event before them.

    ``sentence_index`` maps a sentence's first token to its position in the doc;
    ``names_new_place_or_date`` maps a candidate's anchor to whether its clause names a place or
    a date of its own (then it is an event in its own right: "Two soldiers were killed in Kech
    on Monday")."""
    out: list[Candidate] = []
    for cand in candidates:
        if not has_event_cue(cand):
            continue
        if is_casualty_only(doc, cand) and not names_new_place_or_date.get(cand.anchor, False) and out:
            previous = out[-1]
            if sentence_index[cand.sent_start] - sentence_index[previous.sent_start] <= ATTACH_WINDOW:
                previous.attached.append(cand)
                continue
        out.append(cand)
    return out

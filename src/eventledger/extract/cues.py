"""Find event cues in a doc: lexicon matches that describe something that happened.

A lexicon match is dropped when it is part of a name ("Commission of Inquiry on Enforced
Disappearances", "Baloch Liberation Army"), negated ("no casualties", "did not attack") or only
threatened, planned or called for ("vowed to attack", "urged a ceasefire"). What remains is a
``Cue`` with its syntactic head, so the coder can find the clause it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventledger.extract.lexicon import Lexicon, LexiconEntry

# Named-entity labels whose insides are names, not descriptions of events.
NAME_LABELS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "NORP", "GPE", "LOC"}
# Verbs under which an event is only intended, threatened or demanded, not reported as done.
IRREALIS = {"threaten", "vow", "plan", "warn", "urge", "demand", "seek", "want", "intend", "aim",
            "pledge", "promise", "call", "propose", "consider", "fear", "avoid", "prevent", "deny",
            "refuse", "plot"}
# Cue classes that do not depend on an event having happened (they describe the report).
MODALITY_FREE = {"natural", "accident", "crime", "diplomacy", "claim"}


@dataclass(frozen=True)
class Cue:
    cue: str
    weight: float
    tags: tuple[str, ...]
    start: int  # token index
    end: int
    head: int  # token index of the match's syntactic head
    sent_start: int  # token index where its sentence starts
    entry: str

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def find_cues(doc: Doc, lexicon: Lexicon) -> list[Cue]:
    lowers = [t.lower_ for t in doc]
    tags = [t.pos_ for t in doc]
    name_tokens = _name_tokens(doc)
    cues: list[Cue] = []
    for sent in doc.sents:
        for hit in lexicon.find(lowers[sent.start:sent.end], tags[sent.start:sent.end]):
            start, end = hit.start + sent.start, hit.end + sent.start
            entry = lexicon.entries[hit.key]
            if any(i in name_tokens for i in range(start, end)):
                continue
            head = _span_head(doc, start, end)
            if entry.cue not in MODALITY_FREE and (_negated(head) or _irrealis(head)):
                continue
            cues.append(_cue(entry, start, end, head.i, sent.start))
    return cues


def _cue(entry: LexiconEntry, start: int, end: int, head: int, sent_start: int) -> Cue:
    return Cue(entry.cue, entry.weight, entry.tags, start, end, head, sent_start, entry.key)


def _name_tokens(doc: Doc) -> set[int]:
    """Tokens inside multi-word names (a one-word name like "Clash" is left alone)."""
    out: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and len(ent) > 1:
            out.update(range(ent.start, ent.end))
    for mention in doc._.actors or []:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span) > 1 and not mention.generic:
            out.update(range(span.start, span.end))
    return out


def _span_head(doc: Doc, start: int, end: int) -> Token:
    for i in range(start, end):
        token = doc[i]
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token
    return doc[start]


def _negated(token: Token) -> bool:
    """'did not attack', 'no casualties', 'without casualties', 'never arrested'."""
    for node in (token, token.head):
        for child in node.children:
            if child.dep_ == "neg" or child.lower_ in {"no", "never", "without"}:
                return True
        if node.dep_ in {"pobj"} and node.head.lower_ == "without":
            return True
        if node is token.head and node.pos_ in {"VERB", "AUX"}:
            break
    return False


# Verbs whose infinitive complement did happen ("managed to repel", "forced to withdraw").
FACTIVE_HEADS = {"manage", "force", "begin", "start", "continue", "succeed", "help", "compel", "oblige",
                 "resume", "go", "come", "use", "fail"}


def _purpose_infinitive(token: Token) -> bool:
    if token.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    head = token.head
    return head is not token and (head.lemma_ or head.lower_).lower() not in FACTIVE_HEADS


def _irrealis(token: Token) -> bool:
    """Inside the complement of a threat/plan/demand verb, a purpose infinitive ("an attack to
    capture the base"), or a future/conditional clause."""
    if _purpose_infinitive(token):
        return True
    node = token
    for _ in range(4):
        if node.dep_ in {"xcomp", "ccomp", "pobj", "dobj", "advcl", "pcomp"} and node.head is not node:
            head = node.head
            lemma = (head.lemma_ or head.lower_).lower()
            if lemma in IRREALIS:
                return True
            node = head
            continue
        break
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "could", "might", "may", "shall"}
               for c in token.children)

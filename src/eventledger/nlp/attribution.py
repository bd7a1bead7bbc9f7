"""``el_attribution``: who says what — reporting clauses, "according to", quotations.

Each reported stretch of text gets an ``Attribution`` with the claimant as written and the
contract's ``reported_by.kind``: ``opinion`` (a commentary the article quotes), ``claim`` (a
party's claim), ``statement`` (an official statement) or ``report``. The event coder reads
these to attach a claimant to every figure and a kind to every event, so disputed figures stay
attributed instead of being silently merged.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventledger.errors import DataFileError
from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventledger.nlp.mentions import ActorMention, Attribution

CUES_FILE = "reporting_cues.csv"
PARTY_KINDS = {"rebel_group", "political_militia", "identity_militia"}
STATE_KINDS = {"state_forces", "external"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_QUOTE = re.compile(r"[“\"](?P<body>[^“”\"\n]{3,}?)(?:[”\"]|(?=\n)|$)", re.S)


@dataclass(frozen=True)
class ReportingCues:
    verbs: dict[str, str]
    opinion_words: frozenset[str]
    official_words: frozenset[str]

    @property
    def opinion_pattern(self) -> re.Pattern[str]:
        """Opinion markers as whole words in running text ("op-ed" is three tokens)."""
        words = sorted(self.opinion_words, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)

    @classmethod
    def load(cls, text: str | None = None) -> ReportingCues:
        if text is None:
            text = resources.files("eventledger.data").joinpath(CUES_FILE).read_text(encoding="utf-8")
        verbs: dict[str, str] = {}
        opinion: set[str] = set()
        official: set[str] = set()
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
            word, role, kind = (row.get("word") or "").strip().lower(), row.get("role"), row.get("kind") or ""
            if not word or role not in {"verb", "opinion", "official"}:
                raise DataFileError(f"{CUES_FILE}:{number}: needs a word and a role verb|opinion|official")
            if kind not in {"report", "opinion", "claim", "statement"}:
                raise DataFileError(f"{CUES_FILE}:{number}: unknown kind {kind!r}")
            if role == "verb":
                verbs[word] = kind
            elif role == "opinion":
                opinion.add(word)
            else:
                official.add(word)
        return cls(verbs, frozenset(opinion), frozenset(official))


@dataclass
class _Speaker:
    """The last claimants seen, for "he added" and "they said"."""

    person: tuple[str, str, ActorMention | None] | None = None
    group: tuple[str, str, ActorMention | None] | None = None
    kinds: dict[str, str] = field(default_factory=dict)


class AttributionComponent:
    def __init__(self, cues: ReportingCues) -> None:
        self.cues = cues
        self.opinion = cues.opinion_pattern

    def __call__(self, doc: Doc) -> Doc:
        actors: list[ActorMention] = list(doc._.actors or [])
        quotes = [(m.start("body"), m.end("body")) for m in _QUOTE.finditer(doc.text)]
        speaker = _Speaker()
        found: list[Attribution] = []
        for sent in doc.sents:
            found.extend(self._sentence(doc, sent, quotes, actors, speaker))
        doc._.attributions = sorted(found, key=lambda a: (a.scope_start, a.start))
        return doc

    # -- one sentence
    def _sentence(self, doc: Doc, sent: Span, quotes: list[tuple[int, int]], actors: list[ActorMention],
                  speaker: _Speaker) -> list[Attribution]:
        out: list[Attribution] = []
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "to":
                attribution = self._according_to(doc, sent, token, actors, speaker)
            elif token.pos_ in {"VERB", "AUX"} and _lemma(token) in self.cues.verbs:
                attribution = self._reporting_verb(doc, sent, token, quotes, actors, speaker)
            else:
                continue
            if attribution is not None:
                out.append(attribution)
        return out

    def _according_to(self, doc: Doc, sent: Span, token: Token, actors: list[ActorMention],
                      speaker: _Speaker) -> Attribution | None:
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if objects:
            claimant = _subtree_span(doc, objects[0], sent)
        else:  # no parse: "according to" up to the next punctuation
            end = next((t.i for t in sent if t.i > to.i and t.is_punct), sent.end)
            claimant = doc[to.i + 1:end]
        if len(claimant) == 0:
            return None
        scope_start, scope_end = sent.start_char, sent.end_char
        name, mention = self._claimant(claimant, actors, speaker)
        kind = self._kind(doc, sent, name, mention, None, speaker)
        return Attribution(name, kind, claimant.start_char, claimant.end_char, scope_start, scope_end,
                           cue="according to", actor=mention)

    def _reporting_verb(self, doc: Doc, sent: Span, verb: Token, quotes: list[tuple[int, int]],
                        actors: list[ActorMention], speaker: _Speaker) -> Attribution | None:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects:
            return None
        subject = subjects[0]
        if subject.dep_ == "nsubjpass" or subject.lower_ in {"it", "this", "that", "which", "who", "whom"}:
            return None  # "it was reported that": the outlet's own voice; relative pronouns
        claimant_span = _subtree_span(doc, subject, sent)
        dateline = doc._.dateline
        if dateline is not None and claimant_span.start_char < dateline.end:
            # "PESHAWAR: ... officials said": the parser may hang the dateline on the verb
            claimant_span = doc[max(claimant_span.start, _first_token_after(doc, dateline.end)):claimant_span.end]
            if len(claimant_span) == 0:
                return None
        quote = _quote_for(verb, sent, quotes)
        complements = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
        if quote is not None:
            scope_start, scope_end = quote
        elif complements:
            scope = _subtree_span(doc, complements[0], sent)
            scope_start, scope_end = scope.start_char, scope.end_char
        else:
            # "Five people were killed, police said": the rest of the sentence.
            scope_start, scope_end = sent.start_char, sent.end_char
        name, mention = self._claimant(claimant_span, actors, speaker)
        kind = self._kind(doc, sent, name, mention, verb, speaker)
        return Attribution(name, kind, claimant_span.start_char, claimant_span.end_char, scope_start,
                           scope_end, cue=verb.text, actor=mention)

    # -- claimant and kind
    def _claimant(self, span: Span, actors: list[ActorMention],
                  speaker: _Speaker) -> tuple[str, ActorMention | None]:
        mention = next((a for a in actors if a.start < span.end_char and span.start_char < a.end), None)
        words = [t for t in span if not t.is_punct]
        if len(words) == 1 and words[0].lower_ in PRONOUNS:
            last = speaker.person if words[0].lower_ in {"he", "she", "i"} else speaker.group
            if last is not None:
                return last[0], last[2]
        name = _clean(span.text)
        if speaker.person is not None and len(words) == 1 and speaker.person[0].endswith(" " + name):
            name = speaker.person[0]  # "Kaplan" after "Daniel Kaplan"
        if mention is not None and mention.kind == "person":
            speaker.person = (name, mention.kind, mention)
        elif any(t.ent_type_ == "PERSON" for t in span):
            speaker.person = (name, "person", mention)
        else:
            speaker.group = (name, mention.kind if mention else "", mention)
        return name, mention

    def _kind(self, doc: Doc, sent: Span, name: str, mention: ActorMention | None, verb: Token | None,
              speaker: _Speaker) -> str:
        if self.opinion.search(sent.text) or speaker.kinds.get(name) == "opinion":
            speaker.kinds[name] = "opinion"
            return "opinion"
        if mention is not None and mention.kind in PARTY_KINDS:
            return "claim"
        verb_kind = self.cues.verbs.get(_lemma(verb), "report") if verb is not None else "report"
        official = {w.lower() for w in re.findall(r"[\w'-]+", name)} & self.cues.official_words
        if (mention is not None and mention.kind in STATE_KINDS) or official:
            return "statement"
        return verb_kind if verb_kind in {"claim", "opinion"} else "report"


def _first_token_after(doc: Doc, offset: int) -> int:
    return next((t.i for t in doc if t.idx >= offset), len(doc))


def _lemma(token: Token | None) -> str:
    if token is None:
        return ""
    return (token.lemma_ or token.lower_).lower()


def _subtree_span(doc: Doc, head: Token, sent: Span) -> Span:
    left = max(head.left_edge.i, sent.start)
    right = min(head.right_edge.i + 1, sent.end)
    return doc[left:right]


def _quote_for(verb: Token, sent: Span, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation a reporting verb introduces or closes: the nearest one touching the verb's
    sentence (quotes that run over several sentences end in the verb's sentence)."""
    best: tuple[int, int] | None = None
    for start, end in quotes:
        closes = sent.start_char - 1 <= end <= verb.idx
        opens = verb.idx < start <= sent.end_char and best is None
        if closes or opens:
            best = (start, end)
    return best


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return text.strip(" ,.;:\"“”'’")


@Language.factory("el_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(ReportingCues.load())

"""Sources, not actors: outlets, monitors and the people who write opinion pieces.

An outlet a report cites ("wrote in an opinion piece for the 'One World Outlook'") is often not
a named entity at all for the small model, so ``outlet_runs`` finds capitalised runs in
publishing contexts. ``source_context`` tells whether an organisation or person is used as a
source ("according to X", "X reported", "X told Reuters", "columnist X", "X wrote").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventledger.nlp.actor_cues import SourceCues

_QUOTES = {"'", "‘", "’", '"', "“", "”", "`", "``", "''"}
_LINKS = {"for", "in", "by", "on", "from", "to", "with", "at"}
_PARTICLES = {"of", "the", "and", "for", "on", "&", "de", "al"}
_SKIP_ENTS = {"DATE", "TIME", "GPE", "NORP", "LOC", "PERCENT", "MONEY", "ORDINAL"}


def _title(token: Token) -> bool:
    return (token.is_alpha and (token.is_title or token.is_upper)) or (token.like_num and token.is_title)


def _run_right(doc: Doc, i: int) -> tuple[int, int] | None:
    """A capitalised run starting at ``i`` (after an optional determiner and quotes)."""
    while i < len(doc) and (doc[i].lower_ in {"the", "a"} or doc[i].text in _QUOTES):
        i += 1
    start = end = i
    while end < len(doc) and (_title(doc[end]) or (doc[end].lower_ in _PARTICLES and end > start
                                                   and end + 1 < len(doc) and _title(doc[end + 1]))):
        end += 1
    return (start, end) if end > start else None


def _run_left(doc: Doc, end: int) -> tuple[int, int] | None:
    """A capitalised run ending just before ``end`` (closing quotes skipped)."""
    while end > 0 and doc[end - 1].text in _QUOTES:
        end -= 1
    start = end
    while start > 0 and _title(doc[start - 1]):
        start -= 1
    if start == end or (doc[start].is_sent_start and end - start < 2):
        return None
    return start, end


def _plausible(doc: Doc, run: tuple[int, int]) -> bool:
    tokens = doc[run[0]:run[1]]
    return not all(t.ent_type_ in _SKIP_ENTS for t in tokens) and any(t.is_alpha for t in tokens)


def outlet_runs(doc: Doc, cues: SourceCues, cue_tokens: list[int]) -> list[tuple[int, int]]:
    """Token ranges naming outlets where the text cites a publication or a writer's venue.
    ``cue_tokens``: positions of media nouns and writing verbs (found by the caller's scan)."""
    runs: list[tuple[int, int]] = []
    for i in cue_tokens:
        token = doc[i]
        lemma = token.lemma_.lower() or token.lower_
        media = token.pos_ in {"NOUN", "PROPN", ""} and lemma in cues.media_nouns
        if not (media or lemma in cues.author_verbs):
            continue
        nxt = token.i + 1
        if nxt < len(doc) and doc[nxt].lower_ in _LINKS:
            run = _run_right(doc, nxt + 1)
            if run and _plausible(doc, run):
                runs.append(run)
        if media:
            first = min([token.i, *(c.i for c in token.lefts
                                    if c.dep_ in {"compound", "amod"} and c.is_lower)])
            run = _run_left(doc, first)
            if run and _plausible(doc, run):
                runs.append(run)
    return runs


def source_context(span: Span, cues: SourceCues) -> bool:
    """Whether the text uses ``span`` (an organisation or a person) as a source."""
    root = span.root
    doc = span.doc
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        return True
    if span.start >= 2 and doc[span.start - 1].lower_ == "to" and doc[span.start - 2].lower_ == "according":
        return True
    reporting = cues.report_verbs | cues.author_verbs
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in reporting:
        return root.dep_ == "nsubj"
    if root.dep_ == "dative" and root.head.lemma_.lower() == "tell":
        return True  # "a commander told Reuters"
    nxt = span.end
    if nxt < len(doc) and doc[nxt].lemma_.lower() in cues.media_nouns and doc[nxt].pos_ in {"NOUN", "PROPN"}:
        return True  # "a Human Rights Watch report"
    return span[-1].text in cues.name_words


def author(span: Span, cues: SourceCues) -> bool:
    """Whether a person is presented as a writer or commentator: "Kaplan wrote", "wrote Kaplan",
    "columnist Jane Doe", "Jane Doe, an analyst at ..."."""
    root, doc = span.root, span.doc
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in cues.author_verbs:
        return True
    titles = cues.author_titles
    if any(c.lower_ in titles for c in root.children if c.dep_ in {"compound", "appos", "amod"}):
        return True
    if root.dep_ == "appos" and root.head.lower_ in titles:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and (before.lower_ in titles or before.lemma_.lower() in cues.author_verbs):
        return True
    return after is not None and after.lemma_.lower() in cues.author_verbs and after.pos_ in {"VERB", ""}

"""``el_actors``: every actor the article names → ``doc._.actors`` (``ActorMention``s, text order).

Steps, each in its own helper:
1. dictionary names (``NameFinder``), choosing between entries by the article's countries;
2. people and organisations the NER found that the dictionary does not list;
3. heads that belong to a named actor ("BLA militants", "Taliban commanders") and names
   given in parentheses ("Baloch Yakjehti Committee (BYC)"), whose acronym then stands for it;
4. outlets cited as venues ("an opinion piece for the 'One World Outlook'");
5. generic classes ("security forces", "gunmen", "students"), named for the article's country;
6. kinds and sources: unlisted organisations are armed groups when the text says so, sources
   when cited; writers of opinion pieces are sources; surnames resolve to full names;
7. responsibility cues (``actor_responsibility``).
"""

from __future__ import annotations

from pathlib import Path

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventledger.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventledger.nlp.actor_country import CountryFinder, packaged_country_table, top_country
from eventledger.nlp.actor_cues import ActorCues, ResponsibilityCues, load_cues
from eventledger.nlp.actor_dictionary import ActorDictionary, load_dictionary
from eventledger.nlp.actor_drafts import (
    ARMED_KINDS,
    DEFINED,
    DICTIONARY,
    GROUP,
    NAMED,
    ORG,
    OUTLET,
    PERSON,
    Draft,
    covered,
    entry_draft,
)
from eventledger.nlp.actor_generic import ClassHit, CountryIndex, generic_draft
from eventledger.nlp.actor_matching import CasedPhraseMatcher, Sentences, WordSet, any_between, longest_first
from eventledger.nlp.actor_names import NameFinder, NameHit, choose_entry
from eventledger.nlp.actor_people import resolve_people
from eventledger.nlp.actor_responsibility import CLAIMED, responsibility, role_token, strongest
from eventledger.nlp.actor_ruler import NAME_PARTICLES, ActorRuler
from eventledger.nlp.actor_sources import outlet_runs, source_context

_PAREN_MAX = 10
_ARMED_CLASS_KINDS = {"political_militia", "identity_militia", "rebel_group"}
_LOCATIVE = {"in", "near", "outside", "around", "across", "towards", "toward", "into", "inside", "between"}
_PLACE_NOUNS = {"district", "village", "province", "city", "town", "area", "county", "region", "tehsil",
                "state", "governorate", "municipality", "sub-district", "subdistrict", "valley"}
_ACTOR_LABELS = {"PERSON", "ORG"}
_LEADING = {"the", "a", "an"}
_POSSESSIVE = {"'s", "’s"}


class ActorsComponent:
    """Sets ``doc._.actors``. Holds its matchers; the dictionary and cues are read-only."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary, cues: ActorCues,
                 countries: CountryFinder, names: NameFinder | None = None) -> None:
        self.dictionary, self.cues, self.countries = dictionary, cues, countries
        self.names = names if names is not None else NameFinder(nlp, dictionary)
        self.classes: CasedPhraseMatcher[str] = CasedPhraseMatcher(nlp)
        self.classes.add_all((term, cls.id, False) for cls in dictionary.classes for term in cls.terms)
        strings = nlp.vocab.strings
        self._outlet_cues = WordSet(strings, cues.sources.media_nouns | cues.sources.author_verbs)
        rc = cues.responsibility
        self._claim_cues = WordSet(strings, rc.claim_verbs | rc.attribute_verbs | rc.deny_verbs)
        # A sentence without any of these words carries no responsibility cue: skip its mentions.
        self._responsibility_cues = WordSet(strings, (
            rc.claim_verbs | rc.deny_verbs | rc.attribute_verbs | rc.blame_verbs | rc.suspect_verbs
            | rc.hedge_modifiers | rc.hedge_adverbs | rc.involvement_nouns | rc.behind_words
            | {"hold", "accountable"}))
        self._statement_cues = WordSet(strings, rc.statement_verbs)
        self._self_cues = WordSet(strings, rc.self_references)

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")
        country_hits = self.countries.hits(doc)
        context = self.countries.context(doc, country_hits)
        index = CountryIndex.build(country_hits, top_country(context), self.countries.table)
        drafts, pending = self._named(doc, context)
        drafts += self._entities(doc, drafts, index)
        class_hits = self._class_hits(doc)
        self._absorb_heads(doc, drafts, class_hits)
        _absorb_parts(doc, drafts, self.cues.names.part_heads)
        _merge_adjacent(doc, drafts)
        defined = self._merge_parentheses(doc, drafts)
        drafts += self._defined(doc, drafts, pending, defined, context)
        # again, past the parentheses ("Revolutionary Armed Forces of Colombia (FARC) dissidents")
        # and for the acronyms the text defined ("FC officers")
        self._absorb_heads(doc, drafts, class_hits)
        drafts += self._outlets(doc, drafts)
        drafts += _titled_class_names(doc, drafts, class_hits)
        sentences = Sentences(doc)
        for hit in class_hits:
            if covered(drafts, hit.start, hit.end) is None:
                draft = generic_draft(doc, hit, drafts, self.dictionary, index, self.cues.names, sentences)
                if draft is not None and covered(drafts, draft.start, draft.end) is None:
                    drafts.append(draft)
        if parsed:
            verbs = self._claim_cues.positions(doc, LEMMA)
            drafts += _unnamed_claimants(doc, drafts, self.cues.responsibility, verbs)
        drafts = [d for d in drafts if not _in_dateline_credit(doc, d)]
        drafts.sort(key=lambda d: d.start)
        self._classify(doc, drafts, index.top)
        resolve_people(doc, drafts, self.cues.sources)
        self._responsibility(doc, drafts, parsed, sentences)
        doc._.actors = [draft.to_mention(doc) for draft in drafts]
        return doc

    # ------------------------------------------------------------ 1. dictionary names
    def _named(self, doc: Doc, context: dict[str, float]) -> tuple[list[Draft], list[NameHit]]:
        drafts: list[Draft] = []
        pending: list[NameHit] = []
        for hit in self.names.find(doc):
            entry = choose_entry(hit.candidates, context)
            if entry is None:
                pending.append(hit)  # an ambiguous acronym: kept if the text defines it
            else:
                drafts.append(entry_draft(hit.start, hit.end, entry))
        return drafts, pending

    # ------------------------------------------------------------ 2. NER people and organisations
    def _entities(self, doc: Doc, drafts: list[Draft], index: CountryIndex) -> list[Draft]:
        found: list[Draft] = []
        facilities = self.cues.names.facility_words
        # el_toponyms, when it ran first; a place inside a longer name ("the Delta Brigade",
        # role origin) does not make the name a place
        places = [(p.start, p.end) for p in doc._.places or [] if p.role != "origin"]
        for ent in doc.ents:
            if ent.label_ not in _ACTOR_LABELS or covered(drafts, ent.start, ent.end) is not None:
                continue
            if any(start < ent.end_char and ent.start_char < end for start, end in places):
                continue  # "Quetta" tagged ORG by the NER but resolved as a place
            start, end = _trim(ent)
            if end <= start:
                continue
            name = doc[start:end].text
            if not any(t.is_alpha for t in doc[start:end]):
                continue  # "01/12/2021" tagged ORG
            if self.countries.code_of(name) is not None or _place_like(doc, start, end, index, facilities):
                continue  # "Pakistan" or "Quetta" tagged ORG/PERSON: a place, not an actor
            if doc[end - 1].text in facilities:
                continue  # "Arbil International Airport": a target, not an actor
            organisation = any(t.text in self.cues.names.organisation_words for t in doc[start:end])
            if ent.label_ == "PERSON" and not organisation:  # "Ulster Volunteer Force" is no person
                found.append(Draft(start, end, name, "person", PERSON))
            else:
                country = self.countries.code_of(doc[ent.start].text) if start > ent.start else None
                found.append(Draft(start, end, name, "organisation", ORG, country=country))
        return found

    # ------------------------------------------------------------ 3. heads and parentheses
    def _class_hits(self, doc: Doc) -> list[ClassHit]:
        by_range: dict[tuple[int, int], str] = {}
        for hit in self.classes.find(doc):
            by_range.setdefault((hit.start, hit.end), hit.payload)
        hits = []
        for start, end in longest_first(by_range):
            cls = self.dictionary.actor_class(by_range[(start, end)])
            if cls is not None:
                hits.append(ClassHit(start, end, cls))
        return hits

    def _absorb_heads(self, doc: Doc, drafts: list[Draft], class_hits: list[ClassHit]) -> None:
        """"BLA militants", "Taliban commanders", "FARC dissidents" (a listed entry of its own)."""
        starts = {hit.start: hit for hit in class_hits if hit.cls.absorbable}
        heads = self.cues.names.absorb_heads
        drop: list[Draft] = []
        for draft in drafts:
            if draft.origin not in NAMED and draft.origin != PERSON:
                continue
            if draft.origin in NAMED:
                _absorb_titled_name(doc, draft, drafts, starts)
            while True:
                hit = starts.get(draft.end)
                end = hit.end if hit else draft.end + 1
                if hit is None and not (draft.end < len(doc) and doc[draft.end].lower_ in heads
                                        and doc[draft.end].pos_ in {"NOUN", ""}):
                    break
                if covered(drafts, draft.end, end) is not None or _title_of_person(doc, end):
                    break
                if hit is not None and draft.origin == ORG and hit.cls.kind == "state_forces":
                    drop.append(draft)  # "Karachi police": the NER's ORG is where the police are
                    break
                if draft.origin == PERSON:
                    if hit is not None and hit.cls.kind in _ARMED_CLASS_KINDS and len(draft.span(doc)) == 1:
                        # "Tiv militia": the NER took a community's name for a person's
                        draft.name = f"{draft.name} {doc[draft.end:end].text}"
                        draft.kind, draft.origin, draft.end = "identity_militia", GROUP, end
                    break
                self._specialise(doc, draft, end)
                if hit is not None and draft.origin == ORG and hit.cls.named_kind:
                    draft.kind = hit.cls.named_kind
                draft.end = end
        for draft in drop:
            drafts.remove(draft)
        _absorb_members(doc, drafts, class_hits)

    def _specialise(self, doc: Doc, draft: Draft, end: int) -> None:
        """"FARC" + "dissidents" → the entry listed as "FARC dissidents", when there is one."""
        entry = self.dictionary.entry(draft.entry_id) if draft.entry_id else None
        if entry is None:
            return
        head = doc[draft.end:end].text
        for form in (*entry.names, *entry.short_names):
            for candidate in self.dictionary.lookup(f"{form} {head}"):
                if candidate.id != entry.id:
                    draft.take_entry(candidate)
                    return

    def _merge_parentheses(self, doc: Doc, drafts: list[Draft]) -> dict[str, Draft]:
        """Fold "(BYC)" or "(Ansar Allah)" into the mention before it; returns the acronyms the
        text defines this way."""
        defined: dict[str, Draft] = {}
        for draft in sorted(drafts, key=lambda d: d.start):
            if draft not in drafts or draft.origin not in NAMED:
                continue
            close = _closing_paren(doc, draft.end)
            if close is None:
                continue
            inner = [d for d in drafts if draft.end < d.start and d.end <= close]
            if any(d.entry_id != draft.entry_id and d.origin in {DICTIONARY, DEFINED} and
                   draft.origin in {DICTIONARY, DEFINED} for d in inner):
                continue  # "(X)" names a different actor
            text = doc[draft.end + 1:close].text
            if _acronym(text):
                defined[text] = draft
            for d in inner:
                drafts.remove(d)
            draft.end = close + 1
        return defined

    def _defined(self, doc: Doc, drafts: list[Draft], pending: list[NameHit],
                 defined: dict[str, Draft], context: dict[str, float]) -> list[Draft]:
        """Later uses of acronyms the text defined, and ambiguous acronyms it defined."""
        found: list[Draft] = []
        for hit in pending:
            text = doc[hit.start:hit.end].text
            if covered(drafts + found, hit.start, hit.end) is not None:
                continue
            if text in defined:
                found.append(_copy(defined[text], hit.start, hit.end))
            else:
                entry = choose_entry(hit.candidates, context, defined=text in defined)
                if entry is not None:
                    found.append(entry_draft(hit.start, hit.end, entry))
        positions = WordSet(doc.vocab.strings, defined).positions(doc, ORTH) if defined else []
        for i in positions:
            token = doc[i]
            target = defined[token.text]
            existing = covered(drafts + found, token.i, token.i + 1)
            if existing is None:
                found.append(_copy(target, token.i, token.i + 1))
            elif existing.start == token.i and existing.end == token.i + 1 and existing.origin == DICTIONARY:
                # The text's own definition beats the dictionary's reading of an acronym.
                _adopt(existing, target)
        return found

    # ------------------------------------------------------------ 4. outlets
    def _outlets(self, doc: Doc, drafts: list[Draft]) -> list[Draft]:
        found: list[Draft] = []
        names: set[tuple[str, ...]] = set()
        cue_tokens = sorted(set(self._outlet_cues.positions(doc, LEMMA))
                            | set(self._outlet_cues.positions(doc, LOWER)))
        for start, end in outlet_runs(doc, self.cues.sources, cue_tokens):
            if doc[end - 1].text in self.cues.names.facility_words:
                continue
            existing = covered(drafts + found, start, end)
            if existing is None:
                found.append(Draft(start, end, doc[start:end].text, "organisation", OUTLET,
                                   source_only=True))
                names.add(tuple(t.text for t in doc[start:end]))
            elif existing.origin in {ORG, PERSON, OUTLET}:
                existing.source_only = True
        for words in names:
            for start in _occurrences(doc, words):
                if covered(drafts + found, start, start + len(words)) is None:
                    found.append(Draft(start, start + len(words), " ".join(words), "organisation",
                                       OUTLET, source_only=True))
        return found

    def _cue_positions(self, doc: Doc) -> list[int]:
        words = self._responsibility_cues
        return sorted(set(words.positions(doc, LEMMA)) | set(words.positions(doc, LOWER)))

    # ------------------------------------------------------------ 6. kinds and sources
    def _classify(self, doc: Doc, drafts: list[Draft], top: str | None) -> None:
        names = self.cues.names
        for draft in drafts:
            if draft.origin != ORG:
                continue
            span = draft.span(doc)
            if draft.kind == "organisation" and _armed_context(doc, draft, names.armed_modifiers,
                                                              names.armed_name_words):
                draft.kind = "rebel_group"
            elif draft.kind == "organisation" and _has_phrase(span, names.state_name_words):
                draft.kind, draft.country = "state_forces", draft.country or top
            if draft.kind == "organisation" and source_context(span, self.cues.sources):
                draft.source_only = True

    # ------------------------------------------------------------ 7. responsibility
    def _responsibility(self, doc: Doc, drafts: list[Draft], parsed: bool, sentences: Sentences) -> None:
        cues = self.cues.responsibility
        found_cues = self._cue_positions(doc)
        statements, selves = self._statement_cues.positions(doc, LEMMA), self._self_cues.positions(doc, LOWER)
        for draft in drafts:
            if draft.source_only or draft.origin == OUTLET:
                continue
            first, last = sentences.bounds(draft.start)[0], sentences.bounds(draft.end - 1)[1]
            if parsed and not any_between(found_cues, first, last) and not (
                    any_between(statements, first, last) and any_between(selves, first, last)):
                continue
            # Victim classes (civilians, students) are read from the parse only.
            found = responsibility(draft.core(doc), cues, parsed=parsed,
                                   surface=draft.kind in ARMED_KINDS or draft.origin in NAMED)
            draft.responsibility = strongest(draft.responsibility, found)
            if draft.responsibility == CLAIMED and draft.origin == ORG and draft.kind == "organisation":
                draft.kind = "rebel_group"  # an organisation claiming an attack is an armed group
        if parsed:
            _share_with_parents(doc, drafts, self.cues.names.part_heads, self.dictionary)


# ---------------------------------------------------------------------------- helpers
def _trim(ent: Span) -> tuple[int, int]:
    """Entity bounds without a leading article, a leading "Pakistan's" or a trailing "'s"."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and doc[start].lower_ in _LEADING:
        start += 1
    if start + 1 < end and doc[start + 1].text in _POSSESSIVE and doc[start].ent_type_ in {"GPE", "ORG"}:
        start += 2
    while end > start and (doc[end - 1].text in _POSSESSIVE | {"'", "’"} or doc[end - 1].is_punct):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return start, end


def _title_of_person(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "B"


def _closing_paren(doc: Doc, after: int) -> int | None:
    if after >= len(doc) or doc[after].text != "(":
        return None
    for i in range(after + 1, min(len(doc), after + _PAREN_MAX)):
        if doc[i].text == ")":
            return i if i > after + 1 else None
        if doc[i].text == "(":
            return None
    return None


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and " " not in text and sum(c.isupper() for c in letters) >= 2


def _copy(target: Draft, start: int, end: int) -> Draft:
    draft = Draft(start, end, target.name, target.kind, DEFINED, country=target.country,
                  source_only=target.source_only, entry_id=target.entry_id)
    return draft


def _adopt(draft: Draft, target: Draft) -> None:
    draft.name, draft.kind, draft.country = target.name, target.kind, target.country
    draft.source_only, draft.entry_id, draft.origin = target.source_only, target.entry_id, DEFINED


def _occurrences(doc: Doc, words: tuple[str, ...]) -> list[int]:
    n = len(words)
    firsts = WordSet(doc.vocab.strings, [words[0]]).positions(doc, ORTH)
    return [i for i in firsts if tuple(x.text for x in doc[i:i + n]) == words]


def _armed_context(doc: Doc, draft: Draft, modifiers: frozenset[str], name_words: frozenset[str]) -> bool:
    """"the militant group X", "X, a banned outfit", "... Liberation Army"."""
    if any(t.text in name_words for t in draft.span(doc)):
        return True
    window = doc[max(0, draft.start - 3):draft.start]
    if any(t.lower_ in modifiers for t in window) and not any(t.text in {".", ";"} for t in window):
        return True
    for appos in (c for c in draft.span(doc).root.children if c.dep_ == "appos"):
        if any(t.lower_ in modifiers for t in appos.subtree):
            return True
    return False


def _title_run(doc: Doc, end: int, drafts: list[Draft]) -> int:
    """Start of the run of capitalised, unclaimed tokens ending at ``end``."""
    start = end
    while start > 0 and doc[start - 1].is_title and covered(drafts, start - 1, start) is None:
        start -= 1
    return start


def _titled(doc: Doc, hit: ClassHit) -> bool:
    return all(t.is_title for t in doc[hit.start:hit.end] if t.is_alpha)


def _absorb_titled_name(doc: Doc, draft: Draft, drafts: list[Draft], starts: dict[int, ClassHit]) -> None:
    """"Mai Mai Bakata Katanga Militia": a named family, a capitalised name and a capitalised
    class word are one proper name of the family's entry."""
    end = draft.end
    while end < len(doc) and doc[end].is_title and end not in starts and \
            covered(drafts, end, end + 1) is None:
        end += 1
    hit = starts.get(end)
    if end > draft.end and hit is not None and _titled(doc, hit):
        draft.end = hit.end


def _titled_class_names(doc: Doc, drafts: list[Draft], class_hits: list[ClassHit]) -> list[Draft]:
    """Unlisted names ending in a capitalised class word ("Zero Guerrilla Force", "Katanga
    Militia"): proper names of armed groups rather than generic mentions."""
    found: list[Draft] = []
    for hit in class_hits:
        if not hit.cls.absorbable or not _titled(doc, hit) or covered(drafts + found, hit.start, hit.end):
            continue
        start = _title_run(doc, hit.start, drafts + found)
        while start < hit.start and doc[start].lower_ in _LEADING:
            start += 1
        if start < hit.start and not (start == hit.start - 1 and doc[start].is_sent_start):
            kind = hit.cls.named_kind or "rebel_group"
            found.append(Draft(start, hit.end, doc[start:hit.end].text, kind, ORG))
    return found


def _absorb_members(doc: Doc, drafts: list[Draft], class_hits: list[ClassHit]) -> None:
    """"Jihadists from ISWAP", "fighters of the Haqqani network": one mention of the named actor."""
    for hit in class_hits:
        if not hit.cls.absorbable or covered(drafts, hit.start, hit.end) is not None:
            continue
        i = hit.end
        if i < len(doc) and doc[i].lower_ in {"of", "from", "belonging"}:
            i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ in {"the", "to"})
            target = next((d for d in drafts if d.start == i and d.origin in NAMED), None)
            if target is not None and covered(drafts, hit.start, i) is None:
                target.start = hit.start


def _share_with_parents(doc: Doc, drafts: list[Draft], part_heads: frozenset[str],
                        dictionary: ActorDictionary) -> None:
    """"The X faction (Y) of Z claimed ...", "the ESN of IPOB": Z, named as the parent of the
    part that claimed, shares its responsibility (a part head word or the dictionary's parent)."""
    for draft in [d for d in drafts if d.responsibility]:
        role = role_token(draft.core(doc))
        entry = dictionary.entry(draft.entry_id) if draft.entry_id else None
        for token in {role, draft.core(doc).root}:
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    parent = covered(drafts, obj.i, obj.i + 1)
                    if parent is None or parent is draft or parent.origin not in NAMED:
                        continue
                    if role.lower_ in part_heads or (entry is not None and entry.parent == parent.entry_id):
                        parent.responsibility = strongest(parent.responsibility, draft.responsibility)


def _absorb_parts(doc: Doc, drafts: list[Draft], part_heads: frozenset[str]) -> None:
    """"the Sagaing Chapter of the People's Defence Force": the chapter is part of the named
    actor, so the mention starts at the chapter's name (and its role is the chapter's). A
    person or organisation the NER found inside the chapter's name ("Dagoberto Ramos Mobile
    Column of ...") is part of it."""
    for draft in list(drafts):
        if draft not in drafts or draft.origin not in NAMED:
            continue
        i = draft.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ != "of" or doc[i - 1].lower_ not in part_heads:
            continue
        start = i - 1
        while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ not in _LEADING:
            inner = covered(drafts, start - 1, start)
            if inner is not None and inner.origin not in {PERSON, ORG}:
                break
            start -= 1
        inside = [d for d in drafts if d is not draft and start <= d.start and d.end <= draft.start]
        if all(d.origin in {PERSON, ORG} for d in inside) and covered(
                [d for d in drafts if d not in inside and d is not draft], start, draft.start) is None:
            for d in inside:
                drafts.remove(d)
            draft.start = start


def _merge_adjacent(doc: Doc, drafts: list[Draft]) -> None:
    """"Islamic State West Africa Province-ISWAP": two names of one actor joined by a hyphen."""
    for draft in sorted(drafts, key=lambda d: d.start):
        if draft not in drafts or not draft.entry_id:
            continue
        nxt = next((d for d in drafts if d.start in {draft.end, draft.end + 1} and d is not draft), None)
        gap = doc[draft.end:nxt.start] if nxt is not None else None
        if nxt is not None and nxt.entry_id == draft.entry_id and gap is not None and len(gap) and \
                all(t.text in {"-", "–", "/"} for t in gap):
            draft.end = nxt.end
            drafts.remove(nxt)


def _unnamed_claimants(doc: Doc, drafts: list[Draft], cues: ResponsibilityCues,
                       verbs: list[int]) -> list[Draft]:
    """Names the NER missed in the claimant's seat: "Saraya Awliya al-Dam claimed
    responsibility", "sources attributed the attack to Jaish al-Fatah". ``verbs``: positions of
    claiming and attributing verbs."""
    found: list[Draft] = []
    for token in (t for i in verbs for t in _claimant_seats(doc[i], cues)):
        if token.pos_ != "PROPN" or not token.is_alpha or not token.is_title or token.dep_ == "compound":
            continue
        start = token.left_edge.i
        while start < token.i and doc[start].lower_ in _LEADING:
            start += 1
        span = doc[start:token.i + 1]
        if all(t.pos_ in {"PROPN", "PUNCT"} or t.lower_ in NAME_PARTICLES for t in span) and \
                covered(drafts + found, start, token.i + 1) is None:
            kind = "organisation" if token.head.lemma_.lower() in cues.deny_verbs else "rebel_group"
            found.append(Draft(start, token.i + 1, span.text, kind, ORG))
    return found


def _claimant_seats(verb: Token, cues: ResponsibilityCues) -> list[Token]:
    """The subject of "claimed responsibility" or "denied involvement"; the object of "to"
    after "attributed"."""
    lemma = verb.lemma_.lower()
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    if (lemma in cues.claim_verbs and objects & cues.responsibility_nouns) or (
            lemma in cues.deny_verbs and objects & (cues.responsibility_nouns | {"involvement", "role"})):
        return [c for c in verb.children if c.dep_ == "nsubj"]
    if lemma in cues.attribute_verbs:
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        return [obj for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "to"
                for obj in prep.children if obj.dep_ == "pobj"]
    return []


def _has_phrase(span: Span, phrases: frozenset[str]) -> bool:
    text = f" {span.text} "
    return any(f" {phrase} " in text for phrase in phrases)


def _place_like(doc: Doc, start: int, end: int, index: CountryIndex, facilities: frozenset[str]) -> bool:
    """An entity the NER called a person or organisation that the text uses as a place:
    "in Damasak", "attacked Alalay, Amhara, Ethiopia", "Bijapur district"."""
    possessive = end < len(doc) and doc[end].text in _POSSESSIVE
    if start > 0 and doc[start - 1].lower_ in _LOCATIVE and not possessive:
        return True
    if end < len(doc) and (doc[end].lower_ in _PLACE_NOUNS or doc[end].text.title() in facilities):
        return True
    return end + 1 < len(doc) and doc[end].text == "," and (end + 1) in index.by_start


@Language.factory("el_actors", default_config={"actors_path": "", "classes_path": "", "cues_path": ""})
def make_actors(nlp: Language, name: str, actors_path: str, classes_path: str,
                cues_path: str) -> ActorsComponent:
    """Paths replace the packaged data files (empty: packaged). When ``el_actor_ruler`` runs in
    the same pipeline on the same files, its name matcher is shared instead of built twice."""
    dictionary = load_dictionary(Path(actors_path) if actors_path else None,
                                 Path(classes_path) if classes_path else None)
    cues = load_cues(Path(cues_path) if cues_path else None)
    countries = CountryFinder(nlp, packaged_country_table(cues.countries))
    rulers = [pipe for _, pipe in nlp.pipeline if isinstance(pipe, ActorRuler)]
    shared = next((r.names for r in rulers if r.names.dictionary.entries == dictionary.entries), None)
    return ActorsComponent(nlp, dictionary, cues, countries, names=shared)


def _in_dateline_credit(doc: Doc, draft: Draft) -> bool:
    """Whether ``draft`` lies in the dateline's credit ("TURBAT, March 4 (AP) -", "(PTI)"): the
    agency that filed the story, never an actor of it."""
    dateline = doc._.dateline
    if dateline is None or not dateline.agency:
        return False
    credit_start = max(dateline.place_end or 0, dateline.date_end or 0)
    span = doc[draft.start:draft.end]
    return bool(credit_start <= span.start_char and span.end_char <= dateline.end)

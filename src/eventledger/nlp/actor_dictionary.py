"""The actor dictionary: named actors and generic actor classes, loaded from data files.

``data/actors.csv`` lists named actors (armed groups, state forces, parties, NGOs, outlets) with
their aliases, short names (acronyms), ACLED actor kind and country. ``data/actor_classes.csv``
lists generic classes ("security forces", "gunmen", "students") and the ACLED-style name each
maps to once the article's country is known ("Military Forces of {country}"). Both files are
checked against their schema when loaded, so a typo in a kind or a dangling parent id fails at
start-up instead of silently mis-coding events. Adding an actor or an alias never needs code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventledger.errors import DataFileError

# ACLED's eight actor kinds plus our two for non-armed parties (DESIGN.md, "Event taxonomy").
ACTOR_KINDS = frozenset({
    "state_forces", "rebel_group", "political_militia", "identity_militia", "rioters",
    "protesters", "civilians", "external", "person", "organisation",
})
# What sort of body an entry is; informs later steps (a party organises protests, an outlet
# only reports) without changing the ACLED kind.
CATEGORIES = frozenset({
    "state", "armed_group", "party", "movement", "union", "ngo", "monitor", "outlet", "agency",
    "un", "igo", "court", "commission", "government_body", "company", "community", "person",
})
ENTITY_LABELS = frozenset({"ORG", "NORP", "PERSON", "GPE"})

ACTOR_COLUMNS = ("id", "name", "kind", "country", "category", "aliases", "short_names", "parent",
                 "source_only", "ambiguous", "label", "generic_for", "notes")
CLASS_COLUMNS = ("id", "terms", "kind", "name", "named_kind", "absorbable", "source_only", "notes")

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


def normalise_name(text: str) -> str:
    """A lookup key: lower case, straight apostrophes, hyphens as spaces, no leading "the"."""
    key = text.translate(_APOSTROPHES).lower()
    key = re.sub(r"[-\s]+", " ", key).strip(" .,")
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True)
class ActorEntry:
    """One named actor. ``aliases`` match case-insensitively where the alias is written in
    lower case and with the alias's capitals otherwise; ``short_names`` (acronyms) match
    exactly or in all capitals. ``ambiguous`` short names count only when the entry's country
    is in the article's context or the text defines the short name itself."""

    id: str
    name: str
    kind: str
    country: str | None
    category: str
    aliases: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()
    parent: str | None = None
    source_only: bool = False
    ambiguous: bool = False
    label: str = "ORG"
    generic_for: tuple[str, ...] = ()
    notes: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ActorClass:
    """A generic actor class: the words that name it and the ACLED-style name it maps to.

    ``name`` may hold ``{country}``, filled with the article's country ("Military Forces of
    {country}"). ``named_kind`` is the kind an unlisted organisation gets when this class word
    is its head ("the Kurdish Front militants" → rebel_group); ``absorbable`` says whether the
    word merges into a preceding named actor ("BLA militants" is one mention of the BLA).
    """

    id: str
    terms: tuple[str, ...]
    kind: str
    name: str
    named_kind: str | None = None
    absorbable: bool = False
    source_only: bool = False
    notes: str = ""

    def display_name(self, country_name: str | None, term: str = "") -> str:
        """The class's name for a country, or without the country part when none is known.
        ``{Term}`` stands for the words the text used, capitalised ("Anarchists (Greece)")."""
        name = self.name.replace("{Term}", term[:1].upper() + term[1:])
        if country_name:
            return name.replace("{country}", country_name)
        return re.sub(r"\s*\(\{country\}\)|\s+of \{country\}|\{country\}", "", name).strip()


class ActorDictionary:
    """Named actors and generic classes with their lookups. Immutable after construction."""

    def __init__(self, entries: Sequence[ActorEntry], classes: Sequence[ActorClass] = ()) -> None:
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        self.classes: tuple[ActorClass, ...] = tuple(classes)
        self._by_id = {entry.id: entry for entry in self.entries}
        self._classes = {cls.id: cls for cls in self.classes}
        self._by_key: dict[str, list[ActorEntry]] = {}
        self._generic: dict[tuple[str, str], ActorEntry] = {}
        for entry in self.entries:
            for text in (*entry.names, *entry.short_names):
                bucket = self._by_key.setdefault(normalise_name(text), [])
                if entry not in bucket:
                    bucket.append(entry)
            for class_id in entry.generic_for:
                if entry.country:
                    self._generic.setdefault((class_id, entry.country), entry)
        _check_references(self)

    def entry(self, entry_id: str) -> ActorEntry | None:
        return self._by_id.get(entry_id)

    def actor_class(self, class_id: str) -> ActorClass | None:
        return self._classes.get(class_id)

    def lookup(self, text: str) -> tuple[ActorEntry, ...]:
        """Entries whose name, alias or short name normalises to ``text``'s key, file order."""
        return tuple(self._by_key.get(normalise_name(text), ()))

    def generic_entry(self, class_id: str, country: str | None) -> ActorEntry | None:
        """The entry that stands for a generic class in a country ("police" in PK)."""
        return self._generic.get((class_id, country)) if country else None


def _check_references(dictionary: ActorDictionary) -> None:
    for entry in dictionary.entries:
        if entry.parent and dictionary.entry(entry.parent) is None:
            raise DataFileError(f"actor {entry.id!r}: parent {entry.parent!r} is not an actor id")
        for class_id in entry.generic_for:
            if dictionary.actor_class(class_id) is None:
                raise DataFileError(f"actor {entry.id!r}: generic_for {class_id!r} is not a class id")


# ---------------------------------------------------------------------------------- loading
def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _flag(value: str, where: str) -> bool:
    text = value.strip().lower()
    if text in {"", "0", "false", "no"}:
        return False
    if text in {"1", "true", "yes"}:
        return True
    raise DataFileError(f"{where}: expected 0 or 1, got {value!r}")


def _kind(value: str, where: str) -> str:
    if value not in ACTOR_KINDS:
        raise DataFileError(f"{where}: unknown actor kind {value!r}")
    return value


def _read_rows(text: str, columns: tuple[str, ...], source: str) -> list[tuple[str, dict[str, str]]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    if tuple(reader.fieldnames or ()) != columns:
        raise DataFileError(f"{source}: columns must be {', '.join(columns)}; got {reader.fieldnames}")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise DataFileError(f"{source} row {number}: wrong number of fields")
        rows.append((f"{source} row {number}", {k: (v or "").strip() for k, v in row.items()}))
    return rows


def parse_entry(row: Mapping[str, str], where: str) -> ActorEntry:
    """One ``actors.csv`` row as an entry, checking every field."""
    if not _ID.match(row["id"]):
        raise DataFileError(f"{where}: bad id {row['id']!r}")
    if not row["name"]:
        raise DataFileError(f"{where}: empty name")
    country = row["country"] or None
    if country is not None and not _ISO2.match(country):
        raise DataFileError(f"{where}: country must be an ISO 3166-1 alpha-2 code, got {country!r}")
    if row["category"] not in CATEGORIES:
        raise DataFileError(f"{where}: unknown category {row['category']!r}")
    label = row["label"] or ("PERSON" if row["kind"] == "person" else "ORG")
    if label not in ENTITY_LABELS:
        raise DataFileError(f"{where}: label must be one of {sorted(ENTITY_LABELS)}")
    return ActorEntry(
        id=row["id"], name=row["name"], kind=_kind(row["kind"], where), country=country,
        category=row["category"], aliases=_split(row["aliases"]), short_names=_split(row["short_names"]),
        parent=row["parent"] or None, source_only=_flag(row["source_only"], where),
        ambiguous=_flag(row["ambiguous"], where), label=label, generic_for=_split(row["generic_for"]),
        notes=row["notes"])


def parse_class(row: Mapping[str, str], where: str) -> ActorClass:
    """One ``actor_classes.csv`` row as a class, checking every field."""
    if not _ID.match(row["id"]):
        raise DataFileError(f"{where}: bad id {row['id']!r}")
    terms = _split(row["terms"])
    if not terms or not row["name"]:
        raise DataFileError(f"{where}: a class needs terms and a name")
    named_kind = _kind(row["named_kind"], where) if row["named_kind"] else None
    return ActorClass(
        id=row["id"], terms=tuple(t.lower() for t in terms), kind=_kind(row["kind"], where),
        name=row["name"], named_kind=named_kind, absorbable=_flag(row["absorbable"], where),
        source_only=_flag(row["source_only"], where), notes=row["notes"])


def _unique(ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise DataFileError(f"{what}: duplicate id {item!r}")
        seen.add(item)


def parse_dictionary(actors_csv: str, classes_csv: str, *, source: str = "actors.csv",
                     classes_source: str = "actor_classes.csv") -> ActorDictionary:
    """A dictionary from the two files' text; raises ``DataFileError`` on any schema break."""
    entries = [parse_entry(row, where) for where, row in _read_rows(actors_csv, ACTOR_COLUMNS, source)]
    classes = [parse_class(row, where)
               for where, row in _read_rows(classes_csv, CLASS_COLUMNS, classes_source)]
    _unique((e.id for e in entries), source)
    _unique((c.id for c in classes), classes_source)
    return ActorDictionary(entries, classes)


def _packaged(name: str) -> str:
    return resources.files("eventledger.data").joinpath(name).read_text(encoding="utf-8")


def load_dictionary(actors_path: Path | str | None = None,
                    classes_path: Path | str | None = None) -> ActorDictionary:
    """The packaged dictionary, or one read from the given files (same schema)."""
    try:
        actors = Path(actors_path).read_text(encoding="utf-8") if actors_path else _packaged("actors.csv")
        classes = (Path(classes_path).read_text(encoding="utf-8") if classes_path
                   else _packaged("actor_classes.csv"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read the actor dictionary: {exc}") from exc
    return parse_dictionary(actors, classes, source=str(actors_path or "actors.csv"),
                            classes_source=str(classes_path or "actor_classes.csv"))

"""What the analysis components find, as plain records the event coder reads.

Every mention carries character offsets into the article text (``start``/``end``) so each coded
field can point at its evidence. These records are set on the spaCy ``Doc`` by the components in
this package (see ``extensions.py`` for the attribute names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventledger.gazetteer.place import Place


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved to a span of days.

    ``precision`` is ``day``, ``week``, ``month``, ``year`` or ``unknown`` (contract). ``start``
    and ``end`` are inclusive; both ``None`` when the text gives no resolvable date.
    ``background`` is true for past-context phrasing ("in 2023", "since the early 2000s",
    "last year") that marks an event as context rather than news.
    """

    start: int
    end: int
    text: str
    first_day: date | None
    last_day: date | None
    precision: str
    background: bool = False
    relative: bool = False


@dataclass(frozen=True)
class Quantity:
    """A counted figure: "dozens of fighters were killed" → low 12, about fighters, outcome killed.

    ``low``/``high`` follow the vague-number rules (DESIGN.md); ``high`` is ``None`` for a single
    figure. ``qualifier`` is ``at_least``, ``more_than``, ``up_to``, ``about`` or ``None``.
    ``about`` names what is counted (people, fighters, soldiers, police, civilians, children,
    cities, sites, ...); ``outcome`` is what happened to them (killed, injured, abducted,
    arrested, missing, displaced) or ``None``. ``vague`` is true for word counts such as
    "dozens" or "several". ``included`` is true for a breakdown of a larger figure given beside
    it ("five people, including two police officers, were killed": the 2 is included in the 5)
    so totals never double count. ``implicit`` is true for a count the text gives without a
    number ("a soldier was killed", "Zaman and two other passengers were killed" → 3).
    ``background`` is true for a figure of an earlier event recalled as context ("in
    retaliation for the deaths of two activists", "killed two people in 1997").
    """

    start: int
    end: int
    text: str
    low: int | None
    high: int | None
    about: str | None
    outcome: str | None
    vague: bool = False
    qualifier: str | None = None
    head_start: int | None = None
    head_end: int | None = None
    included: bool = False
    implicit: bool = False
    background: bool = False


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in the text, resolved when possible.

    ``place`` is the chosen gazetteer entry (``None`` when unresolved); ``alternatives`` the
    other candidates considered, best first. ``feature`` is the contract's feature class.
    ``role`` tells how the text uses it: ``location`` (where something is/happens), ``origin``
    (a demonym-like or modifier use), ``dateline``, or ``qualifier`` (a later member of a comma
    chain, "Turbat, Balochistan, Pakistan": it says where the first member is; see
    ``eventledger.gazetteer.most_specific``).
    """

    start: int
    end: int
    text: str
    place: Place | None
    alternatives: tuple[Place, ...] = ()
    feature: str = "other"
    score: float = 0.0
    role: str = "location"


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the text, mapped to the actor dictionary when it is in it.

    ``kind`` is one of ACLED's eight actor kinds or ``person``/``organisation``; ``source_only``
    is true for monitors, outlets and commentators, which are never perpetrators.
    ``responsibility`` is ``claimed`` ("X claimed responsibility"), ``attributed`` ("sources
    attributed the attack to X", "suspected X militants"), ``denied`` or ``None``.
    """

    start: int
    end: int
    text: str
    name: str
    kind: str
    country: str | None = None
    source_only: bool = False
    generic: bool = False
    entry_id: str | None = None
    responsibility: str | None = None


@dataclass(frozen=True)
class Attribution:
    """Who says what a stretch of text says: "Pakistani authorities reported that ...".

    ``claimant`` is the speaker's name as written (``None`` for the outlet's own voice);
    ``kind`` is the contract's ``reported_by.kind``: report, opinion, claim or statement.
    ``scope_start``/``scope_end`` is the reported content the attribution covers.
    """

    claimant: str | None
    kind: str
    start: int
    end: int
    scope_start: int
    scope_end: int
    cue: str = ""
    actor: ActorMention | None = None
    extra: dict[str, str] = field(default_factory=dict)

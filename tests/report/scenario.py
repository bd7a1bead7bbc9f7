"""The report tests' ledger: a week of reports from eastern DR Congo (our own sentences) and the week
before, with a background mention, a rejected event, a disputed toll and one sentence naming two
places. ``PERIOD`` is the reporting week."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import update

from eventledger.report import Period
from eventledger.store import Database, schema
from tests.report.ledger import Claim, Ev, article, write

PERIOD = Period(date(2026, 3, 9), date(2026, 3, 15))

CLASH = Ev("Fighters attacked an army post in Bunia on Tuesday; the army said seven attackers died while "
           "a civil society group counted 15 dead.", day="2026-03-10", place="Bunia", best=7, low=7, high=15,
           disputed=True, claims=[Claim(7, "seven", "the army", "fighters"), Claim(15, "15", "a civil society group")])
RECALLED = Ev("Residents recalled that the same post had been overrun earlier this month.", place="Bunia",
              day="2026-03-01", end="2026-03-31", precision="month", background=True)
ATTACK = Ev("Gunmen killed three farmers in their fields outside Beni on Thursday.", "Attack",
            "Violence against civilians", day="2026-03-12", place="Beni", best=3, low=3, high=3,
            claims=[Claim(3, "three", None, "farmers")])
PROTEST = Ev("Hundreds of students marched peacefully through Goma on Friday.", "Peaceful protest", "Protests",
             day="2026-03-13", place="Goma")
SHELLING = ("Rebels shelled Beni and Bunia on Saturday, killing 12 people in all, the governor said, although "
            "the rebels denied hitting civilians.")


def shelling(place: str) -> Ev:
    return Ev(SHELLING, "Shelling/artillery/missile attack", "Explosions/Remote violence", day="2026-03-14",
              place=place, best=6, low=6, high=6, disputed=True,
              claims=[Claim(6, "12 people", "the governor", share_of=12), Claim(None, "denied", "the rebels")])


EARLIER = [Ev("Soldiers and militiamen clashed in Djugu territory on Wednesday, leaving two dead.", place="Djugu",
              day="2026-03-04", best=2, low=2, high=2, claims=[Claim(2, "two", None)]),
           Ev("A second clash was reported near Bunia on Friday.", place="Bunia", day="2026-03-06")]
REJECTED = Ev("A riot was wrongly reported in Goma on Monday.", "Violent demonstration", "Riots", day="2026-03-09",
              place="Goma")


def documents() -> list[dict[str, Any]]:
    return [
        article("okapi-bunia", [CLASH, RECALLED], published="2026-03-11"),
        article("actualite-beni", [ATTACK, PROTEST], source="Actualite", published="2026-03-13"),
        article("okapi-shelling", [shelling("Beni"), shelling("Bunia")], published="2026-03-15"),
        article("okapi-djugu", EARLIER, published="2026-03-07"),
        article("wrong-riot", [REJECTED], source="Rumour Mill", published="2026-03-10"),
    ]


def build(db: Database) -> None:
    write(db, documents())
    with db.begin_write() as conn:
        conn.execute(update(schema.events).where(schema.events.c.event_type == "Riots").values(status="rejected"))

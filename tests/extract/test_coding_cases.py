"""The full pipeline on sentences whose coding turns on one cue (our own writing): what the cue
words mean depends on what they act on and who acts."""

from __future__ import annotations

from datetime import date

import pytest

from eventledger.extract import Extractor
from eventledger.ingest import Article
from eventledger.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings.load())


@pytest.mark.parametrize(("text", "sub_event_type"), [
    # a crowd burning shops is mob violence, not an armed group's attack on civilians
    ("Shops and a petrol pump were torched in Kalyani on Sunday as a crowd went on the rampage after a "
     "student was found dead.", "Mob violence"),
    # storming a building is an attack; only a town, base or district stormed is taken over
    ("Gunmen stormed a church near the town of Kaya in Burkina Faso on Sunday, killing 15 worshippers, "
     "the government said.", "Attack"),
    # heavy weapons are used in clashes too: alone they do not make it shelling
    ("Heavy clashes with heavy weapons erupted between two militias in the Janzour district of Tripoli on "
     "Tuesday, killing four fighters, residents said.", "Armed clash"),
    # violent clashes between armed groups are a battle, not a riot
    ("Violent clashes between the Kilo Brigade and the Rapid Intervention Force shook the Souq al-Juma area "
     "of Tripoli on Friday, leaving three fighters dead.", "Armed clash"),
])
def test_sub_event_type(extractor: Extractor, text: str, sub_event_type: str) -> None:
    doc = extractor.extract(Article(id="t", text=text, published=date(2025, 6, 2)))
    assert doc["events"], text
    assert doc["events"][0]["sub_event_type"] == sub_event_type, doc["events"][0]


def test_a_named_group_tells_which_namesake_town_is_meant(extractor: Extractor) -> None:
    # No country named: the Awami League is Bangladeshi, so Gopalganj is the Bangladeshi town.
    text = ("Three people were killed when Awami League activists attacked a rally in Gopalganj town on "
            "Wednesday, officials said.")
    doc = extractor.extract(Article(id="g", text=text, published=date(2025, 7, 17)))
    assert [p["country_code"] for p in doc["places"] if p["name"].startswith("Gop")] == ["BD"]

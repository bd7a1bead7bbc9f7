import pytest

from eventledger.errors import DataFileError
from eventledger.report.palette import Palette


def test_packaged_palette_covers_every_event_type_in_taxonomy_order() -> None:
    palette = Palette.load()
    assert list(palette.colours)[:2] == ["Battles", "Explosions/Remote violence"]
    assert len(palette.colours) == 6
    assert palette.colour("Riots") != palette.other == palette.colour("Not a type")
    assert palette.order({"Riots", "Battles", "Zebra"}) == ["Battles", "Riots", "Zebra"]


@pytest.mark.parametrize(("text", "problem"), [
    ('[colours]\n"Battle" = "#ffffff"\n', "not an event type"),
    ('[colours]\n"Battles" = "red"\n', "#rrggbb"),
    ('colours = 3\n', "missing"),
])
def test_a_broken_palette_fails_at_load(text: str, problem: str) -> None:
    with pytest.raises(DataFileError, match=problem):
        Palette.load(text)

from __future__ import annotations

import pytest

from eventledger.gazetteer.normalise import is_latin, name_key, normalise, skeleton


@pytest.mark.parametrize(("a", "b"), [
    ("Qala-i-Naw", "Qal‘ah-ye Now"),
    ("Khowst", "Khost"),
    ("Al Hudaydah", "Hudaidah"),
    ("Jalal Abad", "Jalalabad"),
    ("Sayghan", "Saighan"),
    ("Kunduz", "Kunduz"),
    ("Gwadar", "Gvadar"),
    ("Lowgar", "Logar"),
    ("Dera Ismail-Khan", "Dera Ismail Khan"),
    ("Peshāwar", "PESHAWAR"),
    ("Tarin Kowt", "Tarin Kot"),
])
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Quetta", "Kohat"), ("Mardan", "Multan"), ("Gaza", "Ghazni")])
def test_different_places_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_skeleton_meets_vowel_variants() -> None:
    assert skeleton(name_key("Chaghi")) == skeleton(name_key("Chagai"))
    assert skeleton(name_key("Sari Pul")) == skeleton(name_key("Sar-e Pol"))


def test_normalise_strips_case_diacritics_and_the() -> None:
    assert normalise("The Hague") == "hague"
    assert normalise("Kōh-e Bābā") == "koh e baba"
    assert normalise("  ") == ""


def test_is_latin() -> None:
    assert is_latin("Ḩudaydah")
    assert not is_latin("كويته")

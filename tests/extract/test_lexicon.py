import pytest

from eventledger.errors import DataFileError
from eventledger.extract.lexicon import Lexicon, inflections

HEADER = "cue,pattern,weight,tags,note\n"


def _find(lex: Lexicon, text: str, tags: list[str] | None = None) -> list[tuple[str, str]]:
    words = text.split()
    lowers = [w.lower() for w in words]
    hits = lex.find(lowers, tags or [""] * len(words))
    return [(lex.entries[h.key].cue, " ".join(words[h.start:h.end])) for h in hits]


def test_inflections_cover_regular_forms() -> None:
    assert {"attack", "attacks", "attacked", "attacking"} <= inflections("attack")
    assert {"raided", "raiding"} <= inflections("raid")
    assert {"bury", "buried"} <= inflections("bury") | {"buried"}
    assert "shelled" in inflections("shell")


def test_patterns_with_gaps_alternatives_and_optional_tokens() -> None:
    lex = Lexicon.load(HEADER + "shoot,open|opened! fire ; fired! on|at,1.0,,\n"
                                "kill,shot ~2 dead,1.0,,\nabduct,take|took! ~2 hostage,1.0,tagx,\n"
                                "air,air strike ; airstrike* ; bomb from the? air,1.0,,\n")
    assert _find(lex, "gunmen opened fire on a bus") == [("shoot", "opened fire")]
    assert _find(lex, "he was shot and left dead") == [("kill", "shot and left dead")]
    assert _find(lex, "they took two people hostage") == [("abduct", "took two people hostage")]
    assert _find(lex, "Airstrikes hit the town") == [("air", "Airstrikes")]
    assert _find(lex, "jets bomb from air") == [("air", "bomb from air")]
    assert _find(lex, "nothing happened here") == []


def test_part_of_speech_restriction() -> None:
    lex = Lexicon.load(HEADER + "protest,march/VERB,0.6,,\n")
    assert _find(lex, "they march today", ["PRON", "VERB", "NOUN"]) == [("protest", "march")]
    assert _find(lex, "in March today", ["ADP", "PROPN", "NOUN"]) == []


@pytest.mark.parametrize("row", ["kill,~2 dead,1.0,,", "kill,dead,2,,", "kill,dead/VRB,1.0,,", "kill,dead,1.0,,,extra",
                                 ",dead,1.0,,"])
def test_malformed_rows_fail_with_the_line(row: str) -> None:
    with pytest.raises(DataFileError, match=r"triggers.csv"):
        Lexicon.load(HEADER + row + "\n")


def test_packaged_lexicon_loads_and_knows_the_core_cues() -> None:
    lex = Lexicon.load()
    assert {"kill", "clash", "protest", "arrest", "ied", "air", "abduct", "natural"} <= lex.cues

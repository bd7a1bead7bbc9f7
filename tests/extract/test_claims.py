from eventledger.extract.claims import figures, split_total
from eventledger.extract.event import Claim


def claim(low: int | None, claimant: str | None, group: int = 0, high: int | None = None) -> Claim:
    return Claim(low, high, str(low), claimant, "people", "killed", 0, 1, group=group)


def test_one_source_one_figure() -> None:
    f = figures([claim(5, None)])
    assert (f.best, f.low, f.high, f.disputed) == (5, 5, 5, False)


def test_figures_in_one_sentence_add_up_and_restatements_do_not() -> None:
    f = figures([claim(4, None, 0), claim(4, None, 0), claim(8, None, 100)])
    assert (f.best, f.disputed) == (8, False)


def test_conflicting_sources_lowest_credible_is_best() -> None:
    f = figures([claim(12, "authorities", 0), claim(40, "the group", 100)])
    assert (f.best, f.low, f.high, f.disputed) == (12, 12, 40, True)


def test_words_against_a_figure_are_a_dispute() -> None:
    f = figures([claim(12, "authorities"), claim(None, "BLA")])
    assert f.disputed and f.best == 12


def test_range_claim() -> None:
    f = figures([claim(10, "police", high=15)])
    assert (f.best, f.low, f.high) == (10, 10, 15)


def test_no_claims() -> None:
    assert figures([]) == figures([])
    assert figures([]).best is None and not figures([]).disputed


def test_split_total_remainder_to_first() -> None:
    assert split_total(10, 3) == [4, 3, 3]
    assert split_total(None, 2) == [None, None]
    assert split_total(7, 1) == [7]

"""TF-IDF vectors of the reports' evidence words, and their cosine (a small implementation of our own).

Document frequencies come from the reports at hand (a resolve chunk and the already resolved
events around its dates), counted once per *article* because an article's events share their
sentences. Words every report of the period uses (the template of a wire service, "killed",
"police") then weigh little, and what tells events apart — the village, the target, the group's
name — weighs most. With few reports at hand the weights tend to plain word counts, which is
still a fair comparison.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from eventledger.resolve.report import Report

Vector = dict[str, float]


class Vectorizer:
    """Fitted on the reports of one resolve step; ``vector`` gives a unit-length TF-IDF vector."""

    def __init__(self, reports: Iterable[Report]) -> None:
        words_by_article: dict[int, set[str]] = {}
        for report in reports:
            words_by_article.setdefault(report.article_id, set()).update(report.words.split())
        self.n_articles = len(words_by_article)
        self.df: Counter[str] = Counter(w for words in words_by_article.values() for w in words)

    def idf(self, word: str) -> float:
        return math.log((1 + self.n_articles) / (1 + self.df.get(word, 0))) + 1.0

    def vector(self, words: str) -> Vector:
        counts = Counter(words.split())
        weights = {w: (1.0 + math.log(n)) * self.idf(w) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {w: v / norm for w, v in weights.items()} if norm else {}

    def fill(self, reports: Iterable[Report]) -> None:
        """Give every report its vector (reports of one article share one computation)."""
        cache: dict[str, Vector] = {}
        for report in reports:
            if report.words not in cache:
                cache[report.words] = self.vector(report.words)
            report.vector = cache[report.words]

    def rare_words(self, report: Report, max_df: int) -> list[str]:
        """The report's words that few articles use (for blocking reports that have no place)."""
        return [w for w in set(report.words.split()) if self.df.get(w, 0) <= max_df]


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())

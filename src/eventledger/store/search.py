"""Full-text search over article titles and texts and evidence text.

SQLite uses the FTS5 tables, PostgreSQL the ``search_vector`` columns (``fulltext.py``). User text
is never passed as query syntax: on SQLite each word becomes a quoted FTS5 term (all must match);
on PostgreSQL ``websearch_to_tsquery`` reads it the way a search box would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from eventledger.errors import StoreError


@dataclass(frozen=True)
class SearchHit:
    """``kind`` is ``article`` or ``evidence``; ``snippet`` marks matches with [brackets]."""

    kind: str
    article_id: int
    event_id: int | None
    title: str | None
    snippet: str
    rank: float


_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(user_text: str) -> str:
    """Words → ``"w1" "w2"`` (implicit AND), so quotes, stars or NEAR in input are not syntax."""
    return " ".join(f'"{w}"' for w in _WORD.findall(user_text))


_SQLITE_ARTICLES = text("""
SELECT 'article' AS kind, a.id AS article_id, NULL AS event_id, a.title AS title,
       snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, bm25(articles_fts, 5.0, 1.0) AS rank
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit
""")
_SQLITE_EVIDENCE = text("""
SELECT 'evidence' AS kind, e.article_id AS article_id, v.event_id AS event_id, a.title AS title,
       snippet(evidence_fts, 0, '[', ']', '…', 16) AS snippet, bm25(evidence_fts) AS rank
FROM evidence_fts JOIN evidence v ON v.id = evidence_fts.rowid
JOIN events e ON e.id = v.event_id JOIN articles a ON a.id = e.article_id
WHERE evidence_fts MATCH :q ORDER BY rank LIMIT :limit
""")
_HEADLINE = "'StartSel=[, StopSel=], MaxWords=30, MinWords=10, MaxFragments=1'"
_PG_ARTICLES = text(f"""
SELECT 'article' AS kind, a.id AS article_id, NULL AS event_id, a.title AS title,
       ts_headline('english', left(a.text, 100000), q, {_HEADLINE}) AS snippet,
       -ts_rank(a.search_vector, q) AS rank
FROM articles a, websearch_to_tsquery('english', :q) q
WHERE a.search_vector @@ q ORDER BY rank LIMIT :limit
""")
_PG_EVIDENCE = text(f"""
SELECT 'evidence' AS kind, e.article_id AS article_id, v.event_id AS event_id, a.title AS title,
       ts_headline('english', v.text, q, {_HEADLINE}) AS snippet, -ts_rank(v.search_vector, q) AS rank
FROM evidence v JOIN events e ON e.id = v.event_id JOIN articles a ON a.id = e.article_id,
     websearch_to_tsquery('english', :q) q
WHERE v.search_vector @@ q ORDER BY rank LIMIT :limit
""")


def search(conn: Connection, user_text: str, limit: int = 20) -> list[SearchHit]:
    """Best matches among articles, then among evidence spans (each list ranked, at most ``limit``)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        query = fts5_query(user_text)
        statements = (_SQLITE_ARTICLES, _SQLITE_EVIDENCE)
    elif dialect == "postgresql":
        query = user_text
        statements = (_PG_ARTICLES, _PG_EVIDENCE)
    else:
        raise StoreError(f"full-text search is not available on {dialect}")
    if not query.strip():
        return []
    hits: list[SearchHit] = []
    for stmt in statements:
        for row in conn.execute(stmt, {"q": query, "limit": limit}):
            hits.append(SearchHit(row.kind, int(row.article_id), row.event_id, row.title, row.snippet or "",
                                  float(row.rank)))
    return hits

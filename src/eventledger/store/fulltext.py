"""Full-text search objects, which differ by dialect (created by the migrations, not ``schema.py``).

SQLite: FTS5 tables with external content (``content="articles"``) kept in step by triggers, the
layout Datasette recognises, so its search box works on the ``articles`` and ``evidence`` tables.
PostgreSQL: a generated ``search_vector`` tsvector column with a GIN index on each table. A tsvector
is limited to 1 MB, so only the first ``PG_TSVECTOR_CHARS`` characters of a text are indexed.
"""

from __future__ import annotations

PG_TSVECTOR_CHARS = 200_000
FTS_TABLES = ("articles_fts", "evidence_fts")
PG_SEARCH_COLUMN = "search_vector"

# (fts table, content table, indexed columns)
_SQLITE_FTS = (("articles_fts", "articles", ("title", "text")), ("evidence_fts", "evidence", ("text",)))


def _sqlite_fts(fts: str, table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f'CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content="{table}", content_rowid="id", '
        "tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
    ]


def _pg_vector(table: str, expression: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ADD COLUMN {PG_SEARCH_COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED",
        f"CREATE INDEX ix_{table}_{PG_SEARCH_COLUMN} ON {table} USING gin ({PG_SEARCH_COLUMN})",
    ]


def create_statements(dialect: str) -> list[str]:
    """DDL that adds full-text search for ``dialect`` (``sqlite`` or ``postgresql``)."""
    if dialect == "sqlite":
        return [stmt for spec in _SQLITE_FTS for stmt in _sqlite_fts(*spec)]
    if dialect == "postgresql":
        n = PG_TSVECTOR_CHARS
        article = (f"setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
                   f"setweight(to_tsvector('english'::regconfig, left(text, {n})), 'B')")
        return [*_pg_vector("articles", article),
                *_pg_vector("evidence", f"to_tsvector('english'::regconfig, left(text, {n}))")]
    return []


def drop_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TABLE IF EXISTS {fts}" for fts in FTS_TABLES] + [
            f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for fts in FTS_TABLES for suffix in ("ai", "ad", "au")]
    if dialect == "postgresql":
        return [f"ALTER TABLE {t} DROP COLUMN IF EXISTS {PG_SEARCH_COLUMN}" for t in ("articles", "evidence")]
    return []


def is_fulltext_object(name: str | None) -> bool:
    """True for names the migrations add outside ``schema.py`` (ignored when comparing schemas)."""
    return bool(name) and (name == PG_SEARCH_COLUMN or str(name).startswith(FTS_TABLES)
                           or str(name).endswith(f"_{PG_SEARCH_COLUMN}"))

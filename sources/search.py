"""Full-text search through the database's index: source texts here, and the word
matching that ``editorial.claims.search`` uses for claim statements.

PostgreSQL: ``to_tsvector``/``to_tsquery`` against the GIN index on the source texts made
in ``sources/migrations/0004_search_and_list_indexes``. SQLite: FTS5 tables kept in step
with their rows by triggers made in the same migrations (so every write path, services,
``loaddata`` and the admin alike, keeps them current).

Each word of the search must occur in the text; a word also matches longer words it
begins (``coal`` finds "coalition"), as the lists' old ``icontains`` did. Only letters
and digits count: nothing a person types becomes search syntax.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

#: The text-search configuration of the PostgreSQL indexes; queries must name the same.
PG_CONFIG = "english"

#: The SQLite FTS5 table of revision bodies.
REVISION_FTS = "sources_revision_fts"

_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, in order, without repeats or punctuation."""
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(text or "")))


def fts5_query(words: list[str]) -> str:
    """An FTS5 query that every word must match as a prefix: ``"coal"* "nation"*``.

    Each word is a quoted string, so no word can be read as an operator (AND, NEAR, a
    column filter); ``\\w`` never holds a double quote, so none needs escaping.
    """
    return " ".join(f'"{word}"*' for word in words)


def tsquery(words: list[str]) -> str:
    """A raw PostgreSQL tsquery that every word must match as a prefix: ``'coal':* & 'nation':*``."""
    return " & ".join(f"'{word}':*" for word in words)


def ids_matching(table: str, column: str, fts_table: str, words: list[str]):
    """A subquery of the primary keys whose ``column`` holds every word."""
    if connection.vendor == "postgresql":
        return RawSQL(
            # The configuration is written into the SQL, not bound: the planner uses
            # the index only for the very expression it was built on.
            f"SELECT id FROM {table} WHERE to_tsvector('{PG_CONFIG}'::regconfig, "
            f"{column}) @@ to_tsquery('{PG_CONFIG}'::regconfig, %s)",
            (tsquery(words),),
        )
    if connection.vendor == "sqlite":
        return RawSQL(
            f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s",
            (fts5_query(words),),
        )
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")


def revisions_matching(words: list[str]):
    """Revision ids whose body holds every word (a subquery for ``__in``)."""
    return ids_matching("sources_revision", "body", REVISION_FTS, words)


def filter_sources(queryset: QuerySet, text: str) -> QuerySet:
    """Sources whose current text holds every word of ``text``, or whose title or
    publisher contains it; all of them when it has no words.

    Titles and publishers are short, so matching them directly costs little; the texts
    are what needs the full-text index.
    """
    words = search_words(text)
    if not words:
        return queryset
    return queryset.filter(
        source_named(text) | Q(current_revision_id__in=revisions_matching(words))
    )


def source_named(text: str, *, via: str = "") -> Q:
    """The condition that a source's title or publisher contains ``text`` as one phrase
    (case-insensitive; ``%`` and ``_`` match themselves). ``via`` is the lookup path to
    the source from the queried model, ending in ``__`` (``"highlight__source__"``).

    The sources list and the claims list's Source field match names alike.
    """
    phrase = text.strip()
    return Q(**{f"{via}title__icontains": phrase}) | Q(
        **{f"{via}publisher__icontains": phrase}
    )

"""Writing a batch of new objects in few statements: SQLite's multi-row INSERT, COPY.

``bulk_create`` builds an ``INSERT`` with one placeholder per value, so SQLite's limit
on a statement's variables cuts a batch of 1,000 highlights into twenty statements,
each compiled by the ORM value by value; on a desk of 100,000 highlights that
compiling was most of an import's time. The loader's new objects that come with their
primary keys (every file exported with history) need nothing back from the database,
so they can go in faster:

- on SQLite, as statements of up to a hundred rows each, prepared once for each size
  (SQLite's own statement cache), the ORM not involved;
- on PostgreSQL, as one ``COPY … FROM STDIN`` stream, through psycopg's ``copy()``.

The values are prepared exactly as ``bulk_create`` prepares them (each field's
``pre_save`` then ``get_db_prep_save``), so the rows written are the same; the
database enforces the same constraints, and a refusal is a ``DatabaseError`` as with
``bulk_create`` (the loader then writes the batch again one object at a time to name
the one refused). Objects without a primary key still go through ``bulk_create``,
which hands the new keys back.

Must run inside ``transaction.atomic`` (a refusal must undo the whole batch).
"""

from __future__ import annotations

import contextlib
import sqlite3
from itertools import chain

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections


def insertable(objects: list) -> bool:
    """Whether ``objects`` can be written here: each brings its primary key."""
    return all(obj.pk is not None for obj in objects)


def insert(model, objects: list) -> None:
    """Insert ``objects`` (new ones of ``model``, each with its primary key)."""
    if not objects:
        return
    # The connection itself, not the proxy that ``django.db.connection`` is: the
    # fields ask it for its operations once per value.
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    rows = [
        tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)
        for obj in objects
    ]
    insert_rows(model._meta.db_table, [f.column for f in fields], rows)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Write ``rows`` (values prepared for the database) into ``table``'s ``columns``."""
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's cursor wrapper has no copy(); its psycopg cursor has. Errors are
            # turned into Django's, as for any other statement.
            with connection.wrap_database_errors:
                sql = f"COPY {quote(table)} ({names}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
        else:
            # Many rows a statement: SQLite's full-text tables (claims, revisions)
            # write what their triggers gave them at the end of each statement, so
            # one statement a row (``executemany``) cost them a write each.
            one = "(" + ", ".join(["%s"] * len(columns)) + ")"
            per = _rows_per_statement(connection, len(columns))
            head = f"INSERT INTO {quote(table)} ({names}) VALUES "
            for start in range(0, len(rows), per):
                part = rows[start : start + per]
                cursor.execute(
                    head + ", ".join([one] * len(part)),
                    list(chain.from_iterable(part)),
                )


#: Rows in one SQLite statement at most: more saves little, and each size of statement
#: SQLite keeps prepared (in its cache) grows with it.
ROWS_PER_STATEMENT = 100


def _rows_per_statement(connection, columns: int) -> int:
    """As many rows as SQLite's limit on a statement's values allows, up to 100."""
    try:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except (AttributeError, sqlite3.Error):
        limit = connection.features.max_query_params
    return max(1, min(ROWS_PER_STATEMENT, limit // columns))


def taken(model, pks: list) -> list:
    """Which of ``pks`` exist: first by range, which costs nothing on an empty table."""
    if not pks or not all(type(pk) is int for pk in pks):
        return pks
    if max(pks) - min(pks) >= 4 * len(pks):  # far apart: the range may hold many
        return pks
    found = model._base_manager.filter(pk__range=(min(pks), max(pks)))
    return list(set(pks).intersection(found.values_list("pk", flat=True)))


#: SQLite's page cache during a load, in KiB (its default is 2,000): the rows of a
#: large import no longer spill from the cache to the write-ahead log and back.
LOAD_CACHE_KIB = 32_768


@contextlib.contextmanager
def larger_cache():
    """SQLite's page cache made larger for the load, and put back after.

    Only the cache's size: durability (journal, synchronous) is never touched.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def reset_sequences(models: list) -> None:
    """Point PostgreSQL's id sequences past the ids the files brought (as ``loaddata``)."""
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

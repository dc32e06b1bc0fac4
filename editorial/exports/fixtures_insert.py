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
import sys
import threading
from itertools import chain

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction


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
                _copy(cursor.cursor, quote(table), names, rows)
        else:
            _sqlite_insert(connection, table, names, len(columns), rows)


def _copy(cursor, table: str, names: str, rows) -> None:
    """PostgreSQL's ``COPY … FROM STDIN`` through a psycopg cursor."""
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _sqlite_insert(connection, table: str, names: str, width: int, rows) -> None:
    """Many rows a statement: SQLite's full-text tables (claims, revisions) write what
    their triggers gave them at the end of each statement, so one statement a row
    (``executemany``) cost them a write each. Written with SQLite's own placeholders on
    its own connection: Django's cursor would rewrite every statement's thousand "%s"
    (a regular expression over the whole statement, a tenth of a large import)."""
    one = "(" + ", ".join(["?"] * width) + ")"
    per = _rows_per_statement(connection, width)
    head = f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES "
    full = head + ", ".join([one] * per)
    execute = connection.connection.execute
    with connection.wrap_database_errors:
        for start in range(0, len(rows), per):
            part = rows[start : start + per]
            sql = full if len(part) == per else head + ", ".join([one] * len(part))
            execute(sql, list(chain.from_iterable(part)))


class Writer:
    """A batch of rows written while the loader goes on (a thread of its own).

    SQLite does its work without Python's lock, and PostgreSQL's ``COPY`` mostly waits
    for the server, so while one batch is written the loader checks it and reads the
    next. One batch at a time, each in a savepoint of
    its own: a refused batch leaves nothing, and :meth:`finish` hands it back so the
    loader writes it again its usual way, which names the object refused. The
    connection is never used by both threads at once (SQLite would then wait for a
    lock while holding Python's, and Python for Python's while holding SQLite's): the
    loader's own queries wait for the batch (:meth:`guard`). On PostgreSQL the thread
    waits for the server's ``COPY`` (its indexes, its checks) while the loader goes on.
    With ``THREAD`` off, :meth:`start` writes at once and raises what the database
    refuses.
    """

    #: Whether batches are written beside the loader (off: at once, in its thread).
    THREAD = True
    SAVEPOINT = '"fixtures_writer"'

    def __init__(self):
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.thread = None
        self.batch = None
        self.refused = None
        self.error = None

    def start(self, table: str, columns: list[str], rows, batch) -> None:
        """Write ``rows``; ``batch`` is what :meth:`finish` hands back if refused."""
        connection = self.connection
        if not self.THREAD:
            with transaction.atomic():
                insert_rows(table, columns, rows)
            return
        if self.thread is not None or self.batch is not None:
            raise RuntimeError("the batch before is not finished")
        connection.ensure_connection()
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        self.batch = batch
        self.thread = threading.Thread(
            target=self._write, args=(table, names, len(columns), rows), daemon=True
        )
        self.thread.start()

    def guard(self, execute, sql, params, many, context):
        """A query of the loader's (``connection.execute_wrapper``) waits for the batch
        being written: the connection is never used by both at once."""
        self._join()
        return execute(sql, params, many, context)

    def finish(self):
        """Wait for the batch being written: None once it is in, or the batch refused."""
        self._join()
        batch, refused, error = self.batch, self.refused, self.error
        self.batch = self.refused = self.error = None
        if error is not None:
            raise error
        return batch if refused is not None else None

    def finish_quietly(self) -> None:
        """Wait for the thread (the load failed elsewhere: its error is the one told)."""
        self._join()
        self.batch = self.refused = self.error = None

    def _join(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def _write(self, table, names, width, rows) -> None:
        connection = self.connection
        raw = connection.connection
        refusals = (DatabaseError, connection.Database.Error)
        try:
            with contextlib.closing(raw.cursor()) as cursor:
                cursor.execute(f"SAVEPOINT {self.SAVEPOINT}")
                try:
                    if connection.vendor == "postgresql":
                        _copy(cursor, connection.ops.quote_name(table), names, rows)
                    else:
                        _sqlite_insert(connection, table, names, width, rows)
                except refusals as refused:
                    cursor.execute(f"ROLLBACK TO SAVEPOINT {self.SAVEPOINT}")
                    self.refused = refused
                cursor.execute(f"RELEASE SAVEPOINT {self.SAVEPOINT}")
        except BaseException as error:  # noqa: BLE001 - raised by finish(), in the loader
            self.error = error


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


class Keys:
    """Whether a batch's primary keys are past every row its table has: then none of
    its objects exists, and no query need say so.

    The highest key is read once a model, then raised by what the fast way writes; a
    batch written another way makes it read again. A row some other way wrote (a
    signal's) that a batch then meets is refused by the database, and the batch is
    written the usual way.
    """

    def __init__(self):
        self.highest: dict = {}

    def beyond(self, model, pks) -> bool:
        if not pks or not all(type(pk) is int for pk in pks):
            return False
        if model not in self.highest:
            last = model._base_manager.order_by("-pk").values_list("pk", flat=True)
            found = last.first()  # None: an empty table
            self.highest[model] = float("-inf") if found is None else found
        highest = self.highest[model]
        return type(highest) in (int, float) and min(pks) > highest

    def wrote(self, model, pks) -> None:
        if type(self.highest.get(model)) in (int, float):
            self.highest[model] = max(self.highest[model], max(pks))

    def forget(self, model) -> None:
        self.highest.pop(model, None)


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


#: How often, in seconds, Python lets another thread run during a load (its default is
#: 5 ms): the writer's thread then takes up its next statement soon after SQLite is done.
LOAD_SWITCH_INTERVAL = 0.0005


@contextlib.contextmanager
def quick_turns():
    """Threads take turns more often for the load (``sys.setswitchinterval``), then as
    before."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, LOAD_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def reset_sequences(models: list) -> None:
    """Point PostgreSQL's id sequences past the ids the files brought (as ``loaddata``)."""
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

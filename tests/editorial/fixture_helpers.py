"""Helpers for the fixture export and import tests: a fresh database inside a test."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from core import roles
from editorial.exports.fixtures_export import export_desk, file_names


def fresh_database() -> None:
    """Empty every table, then put back what migrations create (the desk's groups).

    Inside the test's transaction PostgreSQL refuses to truncate tables with pending
    deferred foreign-key checks, so those run first.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for name in (roles.EDITORS, roles.REVIEWERS):
        Group.objects.get_or_create(name=name)


def exported(folder: Path, *, with_history: bool = False) -> dict[str, bytes]:
    """Export into ``folder`` and return every file's bytes by name."""
    export_desk(folder, with_history=with_history)
    return {
        name: (folder / name).read_bytes()
        for name in file_names(with_history=with_history)
    }


def loaddata(folder: Path, *, with_history: bool = False) -> None:
    for name in file_names(with_history=with_history):
        call_command("loaddata", str(folder / name), verbosity=0)


def record_inserts(monkeypatch) -> list[str]:
    """The tables ``import_fixtures`` writes through its fast insert, in order: whole
    batches of rows (``Writer.start``) and the usual way's new objects (``insert_rows``).
    """
    from editorial.exports import fixtures_insert, fixtures_load

    written: list[str] = []
    original = fixtures_load.insert_rows
    start = fixtures_insert.Writer.start

    def insert_rows(table, columns, rows):
        written.append(table)
        return original(table, columns, rows)

    def started(writer, table, columns, rows, batch):
        written.append(table)
        return start(writer, table, columns, rows, batch)

    monkeypatch.setattr(fixtures_load, "insert_rows", insert_rows)
    monkeypatch.setattr(fixtures_insert.Writer, "start", started)
    return written

"""The fixture loader's reading: each file's objects in order, turned into rows ahead.

Reading a large export is two kinds of work: parsing JSON and turning each object into
its row (:mod:`editorial.exports.fixtures_rows`), which need nothing but the files; and
writing and checking, which need the database. On an export of 100,000 highlights the
first is half an import's time. :class:`Reader` hands the loader the objects of one file
after another, each with its row when it could be converted:

- in the loader's own process, as it asks for them (the default; also in a process
  with other threads, which must not fork);
- or, when asked (``import_fixtures --read-ahead``), from a child process forked at the
  start, which reads and converts while the loader writes and checks, and sends each
  batch through a pipe. The child never touches the database. What it sends is what the
  loader would have made itself: the same batches, the same rows, in the same order,
  and a problem it meets (a file that is not JSON, not there) is raised by the loader
  when it reaches that point, in the same words. On two cores it saves a fifth of a
  large import's time, for about 50 MB more memory (the child's own pages).

A converted object is sent without its JSON (the row holds everything written); the
rare step that wants the object itself (it turned out to exist already, or the database
refused its batch) reads it again from the file (:meth:`Reader.entry`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from editorial.exports.fixtures_checks import FixtureError, entries
from editorial.exports.fixtures_rows import Entry, Rows

#: Never exported, so never loaded: a token in a file could only bring back a revoked
#: or deleted one, or plant a key someone else knows.
NEVER_LOADED = {"editorial.apitoken", "editorial.historicalapitoken"}

#: Objects written, checked or given history per database round trip: also the size
#: of the loader's batches, which the groups below follow.
BATCH = 1000
#: How much the child may read ahead of the loader: its pipe's buffer, in bytes.
PIPE_BYTES = 2**20

_END, _ERROR, _FAILED = "end", "error", "failed"
ROWS, ENTRIES = "rows", "entries"


def label_of(entry) -> object:
    """The entry's ``model`` (None when the entry is not an object)."""
    return entry.get("model") if isinstance(entry, dict) else None


def never_loaded(label) -> bool:
    return str(label).lower() in NEVER_LOADED


def convert(rows: Rows, entry, refused: bool) -> tuple | None:
    """``(pk, row, values)`` of ``entry`` (see ``Rows.row``), or None: deserialize it
    (``refused``: the loader refuses it, naming it)."""
    converted = None if refused else rows.row(entry)
    return None if converted is None else converted[1:]


def groups(path: Path, rows: Rows) -> Iterator[tuple]:
    """The file's objects in the loader's batches: consecutive objects of one label,
    ``BATCH`` at most (counted from the first of the label).

    A batch whose objects were all converted comes as ``(ROWS, label, indexes, pks,
    rows, values)``, the loader's quick way; any other as ``(ENTRIES, [(index, label,
    entry, converted), ...])``, which the loader takes one object at a time.
    """
    group: list = []
    whole = True  # every object of the group converted
    refused = False
    for index, entry in entries(path):
        label = entry.get("model") if type(entry) is dict else label_of(entry)
        if group and (label != group[-1][1] or len(group) >= BATCH):
            yield _group(group, whole)
            group, whole = [], True
        if not group:
            refused = never_loaded(label)
        converted = convert(rows, entry, refused)
        if converted is None:
            whole = False
            group.append((index, label, entry, None))
        else:
            group.append((index, label, None, converted))
    if group:
        yield _group(group, whole)


def _group(group: list, whole: bool) -> tuple:
    if not whole:
        return (ENTRIES, group)
    pks, values, kept = zip(*(one[3] for one in group), strict=True)
    return (ROWS, group[0][1], [one[0] for one in group], pks, values, kept)


def group_entries(group: tuple, model) -> list:
    """A ``ROWS`` group's objects as the loader's entries (taken the usual way)."""
    _, label, indexes, pks, values, kept = group
    return [
        Entry(label, index, None, model, pk, None, row, one)
        for index, pk, row, one in zip(indexes, pks, values, kept, strict=True)
    ]


class Reader:
    """Each file's batches (see :func:`groups`), file after file."""

    def __init__(self, paths: list[Path], rows: Rows, ahead: bool = False):
        self.paths = paths
        self.rows = rows
        self.child = _Child(paths, rows) if ahead and _may_fork() else None
        self._again: dict[int, list] = {}  # file -> its entries read again

    def file(self, number: int) -> Iterator[tuple]:
        if self.child is not None:
            return self.child.file(number)
        return groups(self.paths[number], self.rows)

    def entry(self, number: int, index: int, entry=None):
        """Object ``index`` of file ``number``: ``entry`` itself, or read again."""
        if entry is not None:
            return entry
        again = self._again.get(number)
        if again is None or again[0] > index:
            again = self._again[number] = [-1, entries(self.paths[number]), None]
        while again[0] < index:
            again[0], again[2] = next(again[1])
        return again[2]

    def close(self) -> None:
        if self.child is not None:
            self.child.close()
            self.child = None
        self._again.clear()


def _may_fork() -> bool:
    """A process with other threads (a web server's) is never forked: a lock another
    thread holds would stay held in the child for ever."""
    return hasattr(os, "fork") and threading.active_count() == 1


class _Child:
    """A forked process reading and converting the files, its answers in a pipe."""

    def __init__(self, paths: list[Path], rows: Rows):
        read, write = os.pipe()
        with contextlib.suppress(OSError):  # a larger buffer where Linux allows it
            fcntl.fcntl(read, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child; checked by what it sends
            try:
                os.close(read)
                _child_main(paths, rows, Connection(write, readable=False))
            finally:
                os._exit(1)  # never back into the caller's code
        os.close(write)
        self.pipe = Connection(read, writable=False)

    def file(self, number: int) -> Iterator:
        while True:
            message = self._next()
            kind = message[0]
            if kind == _END:
                return
            if kind == _ERROR:
                raise FixtureError(message[1])
            if kind == _FAILED:
                raise RuntimeError(f"reading the fixtures failed:\n{message[1]}")
            yield message

    def _next(self):
        try:
            return pickle.loads(self.pipe.recv_bytes())
        except EOFError:
            raise RuntimeError(
                "reading the fixtures failed: the reading process ended early"
            ) from None

    def close(self) -> None:
        self.pipe.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


def _child_main(paths, rows, pipe) -> None:  # pragma: no cover - runs in the child
    status = 0
    try:
        for number, path in enumerate(paths):
            for group in groups(path, rows):
                pipe.send_bytes(pickle.dumps(group, protocol=5))
            pipe.send_bytes(pickle.dumps((_END, number)))
    except FixtureError as error:
        _send_last(pipe, (_ERROR, str(error)))
    except BrokenPipeError:
        status = 1  # the loader stopped listening: it failed or is done
    except BaseException:  # noqa: BLE001 - told to the loader, which raises it
        _send_last(pipe, (_FAILED, traceback.format_exc()))
        status = 1
    finally:
        os._exit(status)


def _send_last(pipe, message) -> None:  # pragma: no cover - runs in the child
    try:
        pipe.send_bytes(pickle.dumps(message))
    except OSError:
        pass

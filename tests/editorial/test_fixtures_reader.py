"""A large import's work shared out: batches written beside the loader (a thread), and,
when asked, the files read and converted by a child process (fixtures_reader).

What is loaded, and what is refused in what words, is the same either way.
"""

import json
import os
import threading
from pathlib import Path

import pytest

from editorial.exports import fixtures_insert, fixtures_reader
from editorial.exports.fixtures_reader import Reader, groups
from editorial.exports.fixtures_reader import _may_fork as may_fork_here
from editorial.exports.fixtures_rows import Rows
from editorial.models import Highlight

from .fixture_helpers import fresh_database
from .test_fixtures_rows import files, history_export  # noqa: F401 - a fixture
from .test_import_fixtures import break_object, every_row, refused, run


@pytest.fixture(autouse=True)
def may_fork(monkeypatch):
    """The suite's earlier tests may leave threads behind (a server's, a pool's), and
    the loader forks only a process without any; these tests' children read files."""
    monkeypatch.setattr(fixtures_reader, "_may_fork", lambda: True)


def test_a_process_with_other_threads_reads_the_files_itself():
    """A lock another thread holds at the fork would stay held in the child."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not may_fork_here()
    finally:
        stop.set()
        other.join()


def read_ahead(*paths, **options):
    run(*paths, read_ahead=True, **options)


def test_the_child_hands_the_loader_the_batches_it_would_have_read_itself(
    history_export,  # noqa: F811 - the fixture
):
    kinds = set()
    for path in map(Path, files(history_export)):
        mine = list(groups(path, Rows()))
        kinds.update(group[0] for group in mine)
        reader = Reader([path], Rows(), ahead=True)
        assert reader.child is not None
        try:
            theirs = list(reader.file(0))
        finally:
            reader.close()
        # Compared as written out: PostgreSQL's JSON values are wrapped (psycopg's
        # Jsonb), and the wrappers compare by identity.
        assert repr(theirs) == repr(mine)
    assert kinds == {fixtures_reader.ROWS, fixtures_reader.ENTRIES}


def test_an_import_read_ahead_writes_every_row_an_import_reads_itself(
    history_export,  # noqa: F811
):
    run(*files(history_export))
    itself = every_row()
    assert itself["editorial.Highlight"]
    fresh_database()
    read_ahead(*files(history_export))
    assert every_row() == itself


def test_a_broken_file_read_ahead_is_refused_in_the_same_words_and_changes_nothing(
    history_export,  # noqa: F811
    tmp_path,
):
    history = history_export / "history.json"
    text = history.read_text()
    history.write_text(text[: len(text) // 2])
    message = refused(tmp_path, files(history_export), "history.json: not valid JSON")
    with pytest.raises(Exception) as caught:
        read_ahead(*files(history_export))
    assert str(caught.value) == message
    assert Highlight.objects.count() == 0


def test_a_reading_process_that_dies_fails_the_import_and_changes_nothing(
    history_export,  # noqa: F811
    monkeypatch,
):
    original = fixtures_reader.groups
    test = os.getpid()

    def dying(path, rows):
        assert os.getpid() != test, "the files were not read by a child"
        if path.name == "history.json":
            os._exit(3)  # the child, half way through
        yield from original(path, rows)

    monkeypatch.setattr(fixtures_reader, "groups", dying)
    with pytest.raises(RuntimeError, match="ended early"):
        read_ahead(*files(history_export))
    assert Highlight.objects.count() == 0


def test_objects_that_exist_are_read_again_from_their_file_when_read_ahead(
    history_export,  # noqa: F811
    tmp_path,
):
    """A converted object comes from the child without its JSON; one that turns out to
    exist is read again from the file, to be compared and kept."""
    run(*files(history_export))
    before = every_row()
    read_ahead(*files(history_export))
    assert every_row() == before


def test_batches_are_written_beside_the_loader(
    history_export,  # noqa: F811
    monkeypatch,
):
    """SQLite's inserts and PostgreSQL's COPY run in a thread of their own."""
    threads = []
    for name in ("_sqlite_insert", "_copy"):
        original = getattr(fixtures_insert, name)

        def recorded(*args, original=original):
            threads.append(threading.current_thread())
            return original(*args)

        monkeypatch.setattr(fixtures_insert, name, recorded)
    run(*files(history_export))
    assert any(thread is not threading.main_thread() for thread in threads)


@pytest.mark.parametrize("beside", [True, False])
def test_a_batch_the_database_refuses_is_named_and_changes_nothing(
    history_export,  # noqa: F811
    tmp_path,
    monkeypatch,
    beside,
):
    """Two highlights with one uid: the batch is refused as it is written (beside the
    loader, or at once), then written again one by one to name the object."""
    monkeypatch.setattr(fixtures_insert.Writer, "THREAD", beside)
    highlights = [
        entry
        for entry in json.loads((history_export / "editorial.json").read_text())
        if entry["model"] == "editorial.highlight"
    ]
    uid = highlights[0]["fields"]["uid"]
    second = highlights[1]["pk"]
    break_object(
        history_export,
        "editorial.json",
        lambda o: o["model"] == "editorial.highlight" and o["pk"] == second,
        lambda fields: fields.update({"uid": uid}),
    )
    message = refused(
        tmp_path, files(history_export), "editorial.json", "the database refused it"
    )
    assert f"editorial.highlight {uid}" in message

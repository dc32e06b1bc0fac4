"""Objects turned straight into rows are checked as their batch goes in (fixtures_verify).

The checks and their words are those of the read-back at the end; what cannot be
settled when a batch goes in (a row a later file brings, rows changed afterwards) is
still checked at the end.
"""

import json

import pytest

from editorial.exports import fixtures_verify
from editorial.exports.fixtures_export import file_names
from editorial.exports.fixtures_rows import Rows
from editorial.models import Highlight
from sources.models import Revision

from .fixture_helpers import exported, fresh_database, record_inserts
from .test_import_fixtures import break_object, refused, run


@pytest.fixture
def history_export(shipped_desk, tmp_path):
    folder = tmp_path / "with-history"
    exported(folder, with_history=True)
    fresh_database()
    return folder


def files(folder, names=None):
    return [str(folder / name) for name in names or file_names(with_history=True)]


def is_highlight(obj):
    return obj["model"] == "editorial.highlight"


def test_a_quote_that_does_not_match_is_refused_as_its_batch_goes_in_in_the_same_words(
    history_export, tmp_path, monkeypatch
):
    """Refused before the history file is read, with the read-back's message."""
    break_object(
        history_export, "editorial.json", is_highlight, lambda f: f.update(start=1)
    )
    written = record_inserts(monkeypatch)
    message = refused(tmp_path, files(history_export), "editorial.json, object")
    assert not any(table.startswith("editorial_historical") for table in written)
    # Checked only at the end, read back: the same words.
    monkeypatch.setattr(fixtures_verify.Verifier, "check_new", lambda *a: None)
    assert refused(tmp_path, files(history_export)) == message


def test_objects_pointing_at_rows_a_later_file_brings_are_checked_once_all_is_in(
    history_export, tmp_path
):
    """Highlights before their sources: not refused as their batch goes in, checked
    (and passed) once the sources are in."""
    order = ["accounts.json", "editorial.json", "sources.json", "history.json"]
    assert set(order) <= set(file_names(with_history=True))
    run(*files(history_export, order))
    assert Highlight.objects.count() == 8


def test_a_later_change_to_a_revision_its_highlights_were_checked_against_is_caught(
    history_export, tmp_path
):
    """A file that moves a revision to another source after its highlights were
    checked against it: everything is checked again at the end, and the highlights no
    longer agree with their revision."""
    objects = json.loads((history_export / "sources.json").read_text())
    revisions = [o for o in objects if o["model"] == "sources.revision"]
    quoted = {
        o["fields"]["revision"]
        for o in json.loads((history_export / "editorial.json").read_text())
        if is_highlight(o)
    }
    revision = next(o for o in revisions if o["pk"] in quoted)
    source = next(
        o
        for o in objects
        if o["model"] == "sources.source" and o["pk"] == revision["fields"]["source"]
    )
    other = next(
        o["fields"]["source"]
        for o in revisions
        if o["fields"]["source"] != revision["fields"]["source"]
    )
    # Its source no longer names it as current (so the source's own check passes).
    source["fields"]["current_revision"] = None
    revision["fields"].update(source=other, number=999)
    later = tmp_path / "later.json"
    later.write_text(json.dumps([source, revision]))
    refused(
        tmp_path,
        [*files(history_export), str(later)],
        "editorial.json, object",
        "The revision belongs to another source.",
    )
    assert not Revision.objects.exists()


def test_a_row_is_checked_from_the_values_a_query_would_give(history_export):
    """The instance built from a row's values is the one read back from the database."""
    run(*files(history_export))
    entry = next(
        o
        for o in json.loads((history_export / "editorial.json").read_text())
        if is_highlight(o)
    )
    rows = Rows()
    model, pk, _, values = rows.row(entry)
    built = rows.layout(model).instance(values)
    read = Highlight.objects.get(pk=pk)
    for field in Highlight._meta.concrete_fields:
        assert getattr(built, field.attname) == getattr(read, field.attname), field
    assert not built._state.adding


def test_sqlite_takes_many_rows_a_statement_and_indexes_every_claims_words(
    history_export, monkeypatch
):
    """Claims go in a few rows a statement: their full-text index writes what its
    trigger gave it once a statement (one statement a row cost 12 of 50 s on 100,000
    highlights), and the search finds each of them."""
    from django.db import connection

    from editorial.exports import fixtures_insert
    from editorial.models import Claim

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's statements")
    monkeypatch.setattr(fixtures_insert, "ROWS_PER_STATEMENT", 3)
    statements = []
    connection.ensure_connection()
    connection.connection.set_trace_callback(statements.append)
    try:
        run(*files(history_export))
    finally:
        connection.connection.set_trace_callback(None)
    claims = Claim.objects.count()
    index_writes = [s for s in statements if "'editorial_claim_fts_idx'" in s]
    assert claims > 3 and len(index_writes) <= -(-claims // 3)
    with connection.cursor() as cursor:
        for claim in Claim.objects.all():
            word = max(claim.statement.split(), key=len).strip(".,;:!?()\"'’“”")
            cursor.execute(
                "SELECT rowid FROM editorial_claim_fts WHERE editorial_claim_fts "
                "MATCH ?",
                [f'"{word}"'],
            )
            assert claim.pk in {row[0] for row in cursor.fetchall()}, word

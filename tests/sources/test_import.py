"""import_sources: plain-text articles in, duplicates reported and never copied."""

import io

import pytest
from django.core.management import CommandError, call_command

from sources.models import Revision, Source

from ..conftest import SEEDS


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_sources", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_seed_with_title_from_first_line_and_metadata_from_sidecar(db):
    path = SEEDS / "002_2ca0e659cadc8dd3.txt"
    out, _ = run(path)
    source = Source.objects.get()
    assert source.title == path.read_text(encoding="utf-8").splitlines()[0]
    assert source.current_revision.body == path.read_text(encoding="utf-8")
    assert source.published_on.isoformat() == "2026-01-06"
    assert "Tuesday" in source.published_on_note
    assert source.imported_by.username == "system"
    assert "1 imported, 0 skipped" in out


def test_importing_again_reports_the_duplicate_and_creates_nothing(db):
    run(*sorted(SEEDS.glob("*.txt")))
    out, _ = run(SEEDS / "003_4226081c53cb6bec.txt")
    assert "duplicate, skipped" in out and "0 imported, 1 skipped" in out
    assert Source.objects.count() == 5
    assert Revision.objects.count() == 5
    assert Source.history.count() == 5


def test_metadata_options_override_the_sidecar(db, tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("A title\nbody text", encoding="utf-8")
    run(
        article,
        "--kind",
        "press_release",
        "--published-on",
        "2025-03-02",
        "--publisher",
        "MoD",
    )
    source = Source.objects.get()
    assert (source.kind, source.publisher, str(source.published_on)) == (
        "press_release",
        "MoD",
        "2025-03-02",
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x00\x01binary", "binary"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
    ],
    ids=["empty", "binary", "latin-1"],
)
def test_bad_files_are_refused_with_a_reason_and_the_rest_import(
    db, tmp_path, content, message
):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Good title\nGood text.", encoding="utf-8")
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_sources", str(bad), str(good), stdout=out, stderr=err)
    assert message in err.getvalue()
    assert list(Source.objects.values_list("title", flat=True)) == ["Good title"]

"""import_sources with Markdown, saved web pages and whole folders."""

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from editorial.highlights.services import highlight_create
from editorial.models import Highlight
from sources.models import Revision, Source

ARTICLES = Path(__file__).parent / "articles"


def run(*args, expect_failure=False):
    out, err = io.StringIO(), io.StringIO()
    if expect_failure:
        with pytest.raises(CommandError):
            call_command("import_sources", *map(str, args), stdout=out, stderr=err)
    else:
        call_command("import_sources", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_markdown_and_html_forms_of_an_imported_article_are_duplicates(db):
    out, _ = run(ARTICLES / "coalition.txt")
    assert "1 imported" in out
    out, _ = run(ARTICLES / "coalition.md", ARTICLES / "coalition.html")
    assert out.count("duplicate, skipped") == 2
    assert "0 imported, 2 skipped as duplicates" in out
    assert Source.objects.count() == Revision.objects.count() == 1


def test_html_import_keeps_the_page_s_metadata_file_name_and_sha256(db):
    run(ARTICLES / "coalition.html")
    source = Source.objects.get()
    data = (ARTICLES / "coalition.html").read_bytes()
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.file_name == "coalition.html"
    assert (source.title, source.author, source.publisher) == (
        "Coalition pledges troops",
        "Jane Reporter",
        "Daily Example",
    )
    assert source.url == "https://news.example.com/2026/01/06/coalition-pledges"
    assert str(source.published_on) == "2026-01-06"
    assert source.current_revision.body == (ARTICLES / "coalition.txt").read_text(
        encoding="utf-8"
    )
    assert source.current_revision.file_sha256 == source.sha256


def test_a_folder_imports_its_articles_and_refuses_bad_files_with_reasons(db, tmp_path):
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(ARTICLES / "coalition.html", folder / "page.html")
    (folder / "note.txt").write_text("A note\nIts body.", encoding="utf-8")
    (folder / "note.json").write_text(json.dumps({"publisher": "MoD"}), "utf-8")
    (folder / "nested" / "brief.md").write_text("# Brief\n\nShort brief.", "utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.md").write_bytes(b"")
    (folder / "latin.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    out, err = run(folder, expect_failure=True)
    assert "3 imported, 0 skipped as duplicates, 0 new revisions, 4 refused." in out
    assert sorted(Source.objects.values_list("title", flat=True)) == [
        "A note",
        "Brief",
        "Coalition pledges troops",
    ]
    assert Source.objects.get(title="A note").publisher == "MoD"
    refused = err.split("Refused:")[1]
    assert "photo.txt: this is a binary file" in refused
    assert "empty.md: the file is empty" in refused
    assert "latin.txt: not UTF-8" in refused
    assert "scan.pdf: not an article file (.pdf)" in refused
    assert ".DS_Store" not in err


def test_a_folder_import_shows_a_progress_bar_when_asked(db, tmp_path, capsys):
    for number in range(3):
        (tmp_path / f"a{number}.txt").write_text(f"Title {number}\nBody.", "utf-8")
    run(tmp_path, "--progress", "always")
    bar = capsys.readouterr().err
    assert "Importing" in bar and "3/3" in bar


def test_a_newer_page_at_the_same_address_becomes_a_revision_and_highlights_follow(
    db, tmp_path, editor
):
    run(ARTICLES / "coalition.html")
    source = Source.objects.get()
    body = source.current_revision.body
    start = body.index("26 countries")
    highlight = highlight_create(
        source=source, start=start, end=start + 12, user=editor, reason="test"
    )
    newer = tmp_path / "coalition-updated.html"
    newer.write_text(
        (ARTICLES / "coalition.html")
        .read_text("utf-8")
        .replace("<p>French", "<p>Updated: talks resumed.</p>\n<p>French"),
        "utf-8",
    )
    out, _ = run(newer, "--reason", "Publisher's update")
    assert "0 imported, 0 skipped as duplicates, 1 new revisions" in out
    assert "0 highlights stayed, 1 highlight moved, 0 highlights orphaned" in out
    source.refresh_from_db()
    assert source.current_revision.number == 2
    assert source.current_revision.file_name == "coalition-updated.html"
    assert Source.objects.count() == 1
    highlight.refresh_from_db()
    assert highlight.revision == source.current_revision
    assert highlight.exact == "26 countries"
    assert highlight.anchoring == Highlight.Anchoring.MOVED


def test_revision_of_imports_a_file_as_a_chosen_source_s_new_text(db, tmp_path):
    run(ARTICLES / "coalition.txt")
    source = Source.objects.get()
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(
        source.current_revision.body.replace("Tuesday", "Wednesday"), "utf-8"
    )
    out, _ = run(corrected, "--revision-of", source.pk)
    assert "Saved revision 2" in out
    assert Revision.objects.filter(source=source).count() == 2
    assert "Tuesday" in Revision.objects.get(source=source, number=1).body


def test_revision_of_refuses_several_files_and_unknown_sources(db, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("A\nB", "utf-8")
    second.write_text("C\nD", "utf-8")
    with pytest.raises(CommandError, match="exactly one file"):
        run(first, second, "--revision-of", 1)
    with pytest.raises(CommandError, match="No source with id 999"):
        run(first, "--revision-of", 999)
    assert not Source.objects.exists()

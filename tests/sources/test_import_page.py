"""The import page: upload or paste, review what was read, then save."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sources.metadata import METADATA_FIELDS
from sources.models import Revision, Source

ARTICLES = Path(__file__).parent / "articles"
URL = reverse("sources:import")


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, data if data is not None else (ARTICLES / name).read_bytes()
    )


def review_data(response, **changes) -> dict:
    """The review form's fields as the browser would post them, with ``changes``."""
    formset = response.context["formset"]
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count()),
        f"{formset.prefix}-INITIAL_FORMS": "0",
        "reason": "Imported for the desk",
        "save": "1",
    }
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "revision_of":
                value = value.pk if value else ""
            if name == "include":
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = "" if value is None else str(value)
    data.update(changes)
    return data


def test_readers_who_are_not_editors_cannot_import(client, user_factory):
    client.force_login(user_factory("reader"))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"files": [upload("coalition.txt")]})
    assert response.status_code == 403
    assert not Source.objects.exists()


def test_uploads_are_read_and_shown_for_review_before_anything_is_saved(editor_client):
    response = editor_client.post(
        URL, {"files": [upload("coalition.html"), upload("coalition.md")]}
    )
    assert response.status_code == 200
    assert not Source.objects.exists()
    page = response.content.decode()
    assert "Review before saving" in page
    assert page.count("French President Emmanuel Macron said on Tuesday") == 2
    assert 'value="2026-01-06"' in page and 'value="Jane Reporter"' in page
    assert "Saved web page (HTML)" in page and "coalition.md" in page


def test_saving_the_review_imports_with_the_editor_s_changes_and_the_file_s_sha256(
    editor_client, editor
):
    response = editor_client.post(URL, {"files": [upload("coalition.html")]})
    data = review_data(
        response, **{"article-0-title": "Coalition pledges troops (Daily Example)"}
    )
    response = editor_client.post(URL, data)
    source = Source.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sources:detail", args=[source.pk])
    assert source.title == "Coalition pledges troops (Daily Example)"
    assert source.author == "Jane Reporter"
    assert source.file_name == "coalition.html"
    assert len(source.sha256) == 64 and source.sha256 != source.current_revision.sha256
    assert source.imported_by == editor
    assert source.history.get().history_change_reason == "Imported for the desk"


def test_pasted_text_is_imported_exactly(editor_client):
    text = "Pasted title\nFirst line.\n\n  Indented second line.\n"
    response = editor_client.post(
        URL, {"pasted": text.replace("\n", "\r\n"), "pasted_format": "text"}
    )
    editor_client.post(URL, review_data(response))
    assert Source.objects.get().current_revision.body == text


def test_bad_files_are_refused_with_reasons_and_the_good_ones_go_to_review(
    editor_client,
):
    response = editor_client.post(
        URL,
        {
            "files": [
                upload("coalition.txt"),
                upload("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
                upload("empty.md", b""),
                upload("latin.txt", "Caf\u00e9".encode("latin-1")),
            ]
        },
    )
    page = response.content.decode()
    assert "Review before saving" in page
    assert "photo.txt</strong>: this is a binary file" in page
    assert "empty.md</strong>: the file is empty" in page
    assert "latin.txt</strong>: not UTF-8" in page
    assert len(response.context["articles"]) == 1


def test_nothing_readable_stays_on_the_upload_form_with_the_reasons(editor_client):
    response = editor_client.post(URL, {"files": [upload("x.txt", b"\x00\x01")]})
    assert response.status_code == 400
    assert "Nothing could be read" in response.content.decode()
    assert "binary" in response.content.decode()
    assert not Source.objects.exists()


def test_an_empty_submission_asks_for_files_or_text(editor_client):
    response = editor_client.post(URL, {"pasted": "   "})
    assert "Choose one or more files, or paste a text." in response.content.decode()


def test_a_duplicate_is_flagged_in_review_and_left_unticked(editor_client, editor):
    editor_client.post(
        URL,
        review_data(editor_client.post(URL, {"files": [upload("coalition.txt")]})),
    )
    response = editor_client.post(URL, {"files": [upload("coalition.md")]})
    assert "The desk already has this" in response.content.decode()
    assert response.context["formset"].forms[0].initial["include"] is False


def test_a_page_with_a_known_address_is_offered_as_a_new_revision(
    editor_client, source_factory
):
    source = source_factory(
        "Coalition pledges troops\nAn older text.",
        url="https://news.example.com/2026/01/06/coalition-pledges",
    )
    response = editor_client.post(URL, {"files": [upload("coalition.html")]})
    assert "has the same address" in response.content.decode()
    response = editor_client.post(URL, review_data(response))
    assert response.url == reverse("sources:revision", args=[source.pk, 2])
    source.refresh_from_db()
    assert source.current_revision.number == 2
    assert source.current_revision.file_name == "coalition.html"


def test_a_bad_address_in_review_saves_nothing_and_says_why(editor_client):
    response = editor_client.post(
        URL,
        {
            "files": [
                upload("other.txt", b"Other\nAnother text."),
                upload("coalition.html"),
            ]
        },
    )
    data = review_data(
        response,
        **{"article-0-title": "Other title", "article-1-url": "javascript:alert(1)"},
    )
    response = editor_client.post(URL, data)
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert "http:// or https://" in response.content.decode()
    assert not Source.objects.exists() and not Revision.objects.exists()


def test_saving_twice_does_not_import_twice(editor_client):
    response = editor_client.post(URL, {"files": [upload("coalition.txt")]})
    data = review_data(response)
    editor_client.post(URL, data)
    response = editor_client.post(URL, data, follow=True)
    assert "Nothing is waiting to be imported" in response.content.decode()
    assert Source.objects.count() == 1


def test_the_sources_list_links_to_the_import_page_for_editors_only(
    editor_client, client, user_factory
):
    link = f'href="{URL}"'
    assert link in editor_client.get(reverse("sources:list")).content.decode()
    client.force_login(user_factory("reader"))
    assert link not in client.get(reverse("sources:list")).content.decode()


def test_the_review_offers_every_metadata_field_and_saves_each(editor_client):
    """The review's fields are the source's metadata list, so nothing an editor may set
    on a source is missing at import (the language was, before the list was shared)."""
    response = editor_client.post(URL, {"files": [upload("coalition.txt")]})
    form = response.context["formset"].forms[0]
    assert set(METADATA_FIELDS) <= set(form.fields)
    data = review_data(
        response, **{"article-0-language": "fr", "article-0-author": "A. Writer"}
    )
    editor_client.post(URL, data)
    source = Source.objects.get()
    assert (source.language, source.author) == ("fr", "A. Writer")


def _offered(response, form: int = 0) -> list[str]:
    field = response.context["formset"].forms[form]["revision_of"]
    return [str(value) for value, _ in field.field.widget.choices if value != ""]


def _review_on_a_busy_desk(client, source_factory, older: str, pasted: str):
    """The older source, more sources than the menu holds, then the pasted review."""
    from sources.selectors import OFFERED_SOURCES

    first = source_factory(older)
    for number in range(OFFERED_SOURCES + 3):
        source_factory(f"Unrelated report {number}\nSomething else happened.")
    return first, client.post(URL, {"pasted": pasted, "pasted_format": "text"})


def test_the_revision_menu_offers_likely_sources_not_the_whole_desk(
    editor_client, source_factory
):
    from sources.selectors import OFFERED_SOURCES

    older, response = _review_on_a_busy_desk(
        editor_client,
        source_factory,
        "Harbour strike ends\nThe strike ended on Monday.",
        "Harbour strike ends\nThe strike ended on Tuesday.",
    )
    offered = _offered(response)
    assert len(offered) == OFFERED_SOURCES
    assert offered[0] == str(older.pk)


def test_a_source_not_in_the_menu_can_still_be_chosen_by_its_id(
    editor_client, source_factory
):
    first, response = _review_on_a_busy_desk(
        editor_client,
        source_factory,
        "First report\nAn older text of the story.",
        "Corrected report\nThe newer text.",
    )
    assert str(first.pk) not in _offered(response)
    data = review_data(response, **{"article-0-revision_of": str(first.pk)})
    response = editor_client.post(URL, data)
    assert response.url == reverse("sources:revision", args=[first.pk, 2])

"""Revision pages: list, any revision's text, word diff, new revision, orphan actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editorial.highlights.services import highlight_create
from editorial.intake.services import revision_create
from editorial.models import Highlight

BODY = (
    "Coalition pledges troops\n"
    "Macron said on Thursday that 26 countries have committed troops.\n"
    "Talks continue in Paris next month.\n"
)


@pytest.fixture
def source(source_factory):
    return source_factory(BODY)


def add_highlight(source, quote, user):
    body = source.current_revision.body
    start = body.index(quote)
    return highlight_create(
        source=source, start=start, end=start + len(quote), user=user, reason="t"
    )


@pytest.fixture
def revised(source, editor):
    add_highlight(source, "26 countries", editor)
    add_highlight(source, "Talks continue in Paris", editor)
    revision_create(
        source=source,
        body=BODY.replace("Thursday", "Wednesday").replace(
            "Talks continue in Paris next month.\n", "No talks are planned.\n"
        ),
        user=editor,
        reason="Publisher's correction",
    )
    source.refresh_from_db()
    return source


def test_the_revision_list_shows_each_revision_with_its_summary(
    editor_client, revised, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = editor_client.get(reverse("sources:revisions", args=[revised.pk]))
    page = response.content.decode()
    assert 'Revision 2</a> <span class="badge">current</span>' in page
    assert "Publisher&#x27;s correction" in page
    assert "0 stayed</span> · <span>1 moved</span>" in page
    assert "1 orphaned" in page


def test_any_revision_s_text_is_shown_exactly(editor_client, revised):
    response = editor_client.get(reverse("sources:revision", args=[revised.pk, 1]))
    assert response.context["revision"].body == BODY
    assert "Talks continue in Paris next month." in response.content.decode()
    response = editor_client.get(reverse("sources:revision", args=[revised.pk, 2]))
    page = response.content.decode()
    assert "No talks are planned." in page
    assert "Orphaned</span> “Talks continue in Paris”" in page


def test_an_unknown_revision_is_not_found(editor_client, revised):
    url = reverse("sources:revision", args=[revised.pk, 9])
    assert editor_client.get(url).status_code == 404
    compare = reverse("sources:revision-compare", args=[revised.pk])
    assert editor_client.get(compare + "?from=1&to=9").status_code == 404
    assert editor_client.get(compare + "?from=x").status_code == 404


def test_the_word_diff_marks_removed_and_added_words(editor_client, revised):
    url = reverse("sources:revision-compare", args=[revised.pk]) + "?from=1&to=2"
    page = editor_client.get(url).content.decode()
    assert "<del>Thursday</del><ins>Wednesday</ins>" in page
    assert "<del>Talks continue in Paris next month</del>" in page
    assert "<ins>No talks are planned</ins>" in page


def test_the_new_revision_form_starts_from_the_current_text(editor_client, source):
    response = editor_client.get(reverse("sources:revision-new", args=[source.pk]))
    assert response.context["form"]["body"].value() == BODY
    assert response.context["form"]["expected_number"].value() == 1


def test_a_corrected_text_keeps_its_line_breaks_and_shows_the_summary(
    editor_client, source, editor
):
    add_highlight(source, "26 countries", editor)
    corrected = BODY.replace("Thursday", "Wednesday")
    response = editor_client.post(
        reverse("sources:revision-new", args=[source.pk]),
        {
            "body": corrected.replace("\n", "\r\n"),
            "reason": "Day corrected",
            "expected_number": 1,
        },
        follow=True,
    )
    source.refresh_from_db()
    assert source.current_revision.body == corrected
    assert response.redirect_chain[-1][0] == reverse(
        "sources:revision", args=[source.pk, 2]
    )
    page = response.content.decode()
    assert "0 highlights stayed, 1 highlight moved, 0 highlights orphaned" in page


def test_a_newer_version_can_be_uploaded_as_a_file(editor_client, source):
    newer = SimpleUploadedFile(
        "newer.md", (b"# Coalition pledges troops\n\nA newer text.\n")
    )
    editor_client.post(
        reverse("sources:revision-new", args=[source.pk]),
        {"body": BODY, "file": newer, "reason": "Newer", "expected_number": 1},
    )
    source.refresh_from_db()
    assert source.current_revision.body == "Coalition pledges troops\nA newer text."
    assert source.current_revision.file_name == "newer.md"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"body": BODY, "reason": "x", "expected_number": 1}, "same as revision 1"),
        ({"body": BODY + "x", "reason": "", "expected_number": 1}, "required"),
        ({"body": BODY + "x", "reason": "x", "expected_number": 0}, "newer text"),
        (
            {
                "body": BODY,
                "reason": "x",
                "expected_number": 1,
                "file": SimpleUploadedFile("a.txt", b"\x00\x01"),
            },
            "binary",
        ),
    ],
    ids=["unchanged", "no-reason", "stale", "binary-file"],
)
def test_a_refused_revision_says_why_and_saves_nothing(
    editor_client, source, data, message
):
    response = editor_client.post(
        reverse("sources:revision-new", args=[source.pk]), data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert source.revisions.count() == 1


def test_only_editors_make_revisions(client, user_factory, source):
    client.force_login(user_factory("reader"))
    url = reverse("sources:revision-new", args=[source.pk])
    assert client.get(url).status_code == 403
    client.post(url, {"body": BODY + "x", "reason": "x", "expected_number": 1})
    assert source.revisions.count() == 1


def test_an_orphan_is_re_attached_to_selected_words(editor_client, revised):
    orphan = Highlight.objects.get(anchoring="orphaned")
    body = revised.current_revision.body
    start = body.index("No talks")
    response = editor_client.post(
        reverse("sources:highlight-reattach", args=[revised.pk, orphan.pk]),
        {"quote": "No talks", "start": start, "end": start + 8, "reason": "Reworded"},
    )
    assert response.url.endswith(f"#highlight-{orphan.pk}")
    orphan.refresh_from_db()
    assert (orphan.anchoring, orphan.start, orphan.exact) == (
        "anchored",
        start,
        "No talks",
    )


def test_typed_words_that_appear_once_are_found_without_offsets(editor_client, revised):
    orphan = Highlight.objects.get(anchoring="orphaned")
    editor_client.post(
        reverse("sources:highlight-reattach", args=[revised.pk, orphan.pk]),
        {"quote": "talks are planned", "reason": "Reworded"},
    )
    orphan.refresh_from_db()
    assert orphan.exact == "talks are planned"


def test_typed_words_that_appear_several_times_are_refused(editor_client, revised):
    orphan = Highlight.objects.get(anchoring="orphaned")
    response = editor_client.post(
        reverse("sources:highlight-reattach", args=[revised.pk, orphan.pk]),
        {"quote": "t", "reason": "x"},
        follow=True,
    )
    assert "Select the words in the text" in response.content.decode()
    orphan.refresh_from_db()
    assert orphan.anchoring == "orphaned"


def test_retiring_from_the_panel_needs_a_reason(editor_client, revised):
    orphan = Highlight.objects.get(anchoring="orphaned")
    url = reverse("sources:highlight-retire", args=[revised.pk, orphan.pk])
    response = editor_client.post(url, {"reason": ""}, follow=True)
    assert "give a reason" in response.content.decode()
    orphan.refresh_from_db()
    assert orphan.anchoring == "orphaned"
    editor_client.post(url, {"reason": "Claim withdrawn"})
    orphan.refresh_from_db()
    assert orphan.anchoring == "retired"


def test_orphan_actions_refuse_other_sources_highlights(
    editor_client, revised, source_factory
):
    other = source_factory("Other\nText.")
    orphan = Highlight.objects.get(anchoring="orphaned")
    url = reverse("sources:highlight-retire", args=[other.pk, orphan.pk])
    assert editor_client.post(url, {"reason": "x"}).status_code == 404


def test_the_reader_lists_orphans_with_their_claims_and_actions(
    editor_client, revised, editor
):
    from editorial.claims.services import claim_create, claim_link_highlight

    orphan = Highlight.objects.get(anchoring="orphaned")
    claim = claim_create(statement="Talks are in Paris", user=editor, reason="t")
    claim_link_highlight(claim=claim, highlight=orphan, user=editor, reason="t")
    page = editor_client.get(reverse("sources:detail", args=[revised.pk]))
    html = page.content.decode()
    assert 'id="orphaned-highlights"' in html
    assert "“Talks continue in Paris”" in html
    assert "Talks are in Paris" in html
    assert reverse("sources:highlight-reattach", args=[revised.pk, orphan.pk]) in html
    assert reverse("sources:highlight-retire", args=[revised.pk, orphan.pk]) in html
    assert "Revision 2 (latest of 2)" in html


def test_readers_see_orphans_but_no_actions(client, user_factory, revised):
    client.force_login(user_factory("reader"))
    html = client.get(reverse("sources:detail", args=[revised.pk])).content.decode()
    assert "“Talks continue in Paris”" in html
    assert "Re-attach" not in html and "Retire" not in html


def test_the_reader_has_no_orphan_panel_when_every_highlight_is_placed(
    editor_client, source, editor
):
    add_highlight(source, "26 countries", editor)
    html = editor_client.get(reverse("sources:detail", args=[source.pk])).content
    assert b"orphaned-highlights" not in html


def test_pages_answer_only_the_methods_they_use(editor_client, revised):
    pages = {
        reverse("sources:import"): "put",
        reverse("sources:revision-new", args=[revised.pk]): "delete",
        reverse("sources:revisions", args=[revised.pk]): "post",
        reverse("sources:revision", args=[revised.pk, 1]): "post",
        reverse("sources:revision-compare", args=[revised.pk]): "post",
    }
    for url, method in pages.items():
        assert getattr(editor_client, method)(url).status_code == 405, url
    assert revised.revisions.count() == 2

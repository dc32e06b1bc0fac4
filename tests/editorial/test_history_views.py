"""History pages as editors use them: timelines, diffs, as-of, recent changes, revert, restore, conflicts."""

import threading

import pytest
from django.db import close_old_connections
from django.urls import reverse

from core import conflicts
from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.models import Claim
from sources.models import Source


@pytest.fixture
def claim(source_factory, editor, reviewer):
    source = source_factory("Title\nBritish Prime Minister Rishi Sunak met Macron.")
    highlight = highlight_services.highlight_create(
        source=source, start=6, end=40, user=editor, reason="mark"
    )
    claim = claim_services.claim_create(
        statement="Rishi Sunak was prime minister.", user=editor, reason="new claim"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="link the words"
    )
    claim = claim_services.claim_update(
        claim=claim,
        statement="Rishi Sunak was British prime minister.",
        user=editor,
        reason="precise",
    )
    return claim_services.claim_set_status(
        claim=claim,
        status="false",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="GOV.UK says Starmer",
    )


def test_claim_history_page_shows_who_when_why_and_word_diffs(editor_client, claim):
    page = editor_client.get(reverse("history:claim", args=[claim.pk])).content.decode()
    for text in [
        "GOV.UK says Starmer",
        "precise",
        "link the words",
        "new claim",
        "rev",
        "ed",
    ]:
        assert text in page
    assert "<ins>British </ins>" in page
    assert (
        "<del>in_review</del>" not in page
        and "<del>unverified</del>" in page
        and "<ins>false</ins>" in page
    )


def test_history_pages_need_a_login(client, claim):
    response = client.get(reverse("history:claim", args=[claim.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_history_page_query_count_does_not_grow_with_versions(
    editor_client, claim, reviewer, django_assert_max_num_queries
):
    url = reverse("history:claim", args=[claim.pk])
    editor_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        editor_client.get(url)
    for n in range(6):
        claim = claim_services.claim_update(
            claim=claim, verdict_note=f"note {n}", user=reviewer, reason=f"r{n}"
        )
    with CaptureQueriesContext(connection) as after:
        editor_client.get(url)
    assert len(after) == len(before)


def test_as_of_view_by_version_and_by_time(editor_client, claim):
    first = claim.history.order_by("history_id").first()
    page = editor_client.get(
        reverse("history:claim-as-of", args=[claim.pk]), {"version": first.history_id}
    ).content.decode()
    assert "Rishi Sunak was prime minister." in page and "Unverified" in page
    assert "No highlight was linked" in page
    at = claim.history.order_by("-history_id").first().history_date.isoformat()
    page = editor_client.get(
        reverse("history:claim-as-of", args=[claim.pk]), {"at": at}
    ).content.decode()
    assert "British Prime Minister Rishi Sunak" in page and "False" in page
    assert (
        editor_client.get(
            reverse("history:claim-as-of", args=[claim.pk]), {"at": "2001-01-01T00:00"}
        ).status_code
        == 404
    )


def test_revert_from_the_history_page_needs_a_reason(reviewer_client, claim):
    first = claim.history.order_by("history_id").first()
    url = reverse("history:claim-revert", args=[claim.pk])
    response = reviewer_client.post(
        url,
        {"history_id": first.history_id, "version": claim.version, "reason": ""},
        follow=True,
    )
    assert "Give a reason" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).version == claim.version
    reviewer_client.post(
        url,
        {
            "history_id": first.history_id,
            "version": claim.version,
            "reason": "too early",
        },
    )
    reverted = Claim.objects.get(pk=claim.pk)
    assert (reverted.statement, reverted.status, reverted.version) == (
        "Rishi Sunak was prime minister.",
        "unverified",
        claim.version + 1,
    )


def test_recent_changes_lists_filters_and_links_to_diffs(
    editor_client, claim, reviewer
):
    url = reverse("history:changes")
    page = editor_client.get(url).content.decode()
    assert "GOV.UK says Starmer" in page and "Test source" in page
    assert (
        reverse(
            "history:change",
            args=["claim", claim.history.order_by("-history_id").first().history_id],
        )
        in page
    )
    only_reviewer = editor_client.get(url, {"user": reviewer.pk}).content.decode()
    assert (
        "GOV.UK says Starmer" in only_reviewer and "link the words" not in only_reviewer
    )
    only_links = editor_client.get(url, {"kind": "link"}).content.decode()
    assert "link the words" in only_links and "GOV.UK" not in only_links
    bad = editor_client.get(url, {"since": "2026-02-01", "until": "2026-01-01"})
    assert bad.status_code == 400 and "before its start" in bad.content.decode()
    assert (
        "No change matches"
        in editor_client.get(url, {"until": "2001-01-01"}).content.decode()
    )


def test_recent_changes_of_sources_named_in_words(editor_client, claim, source_factory):
    source_factory("Harbour strike ends\nThe strike ended on Monday.")
    url = reverse("history:changes")
    named = editor_client.get(url, {"source_named": "harbour strike"})
    page = named.content.decode()
    assert "Harbour strike ends" in page and "GOV.UK says Starmer" not in page
    theirs = editor_client.get(url, {"source_named": "title"}).content.decode()
    assert "GOV.UK says Starmer" in theirs and "Harbour strike" not in theirs
    nothing = editor_client.get(url, {"source_named": "no such source"})
    assert "No change matches" in nothing.content.decode()
    unknown = editor_client.get(url, {"source": "999999"})
    assert unknown.status_code == 400
    assert "There is no source with that number" in unknown.content.decode()


def test_recent_changes_paginate(editor_client, claim, reviewer):
    for n in range(55):
        claim_services.claim_update(
            claim=claim, verdict_note=f"n{n}", user=reviewer, reason=f"edit {n}"
        )
    first = editor_client.get(reverse("history:changes")).content.decode()
    second = editor_client.get(reverse("history:changes"), {"page": 2}).content.decode()
    assert "edit 54" in first and "edit 54" not in second and "Page 2 of 2" in second


def test_change_detail_shows_the_diff_and_links_back(editor_client, claim):
    row = claim.history.filter(history_change_reason="precise").get()
    page = editor_client.get(
        reverse("history:change", args=["claim", row.history_id])
    ).content.decode()
    assert "<ins>British </ins>" in page and "The version before" in page
    assert (
        editor_client.get(reverse("history:change", args=["nothing", 1])).status_code
        == 404
    )


def test_deleted_page_lists_and_restores(editor_client, claim, editor, reviewer):
    claim_id = claim.pk
    claim_services.claim_delete(claim=claim, user=editor, reason="duplicate of another")
    page = editor_client.get(reverse("history:deleted")).content.decode()
    assert (
        "duplicate of another" in page
        and "Rishi Sunak was British prime minister." in page
    )
    refused = editor_client.post(
        reverse("history:restore", args=["claim", claim_id]),
        {"reason": ""},
        follow=True,
    )
    assert (
        "Give a reason" in refused.content.decode()
        and not Claim.objects.filter(pk=claim_id).exists()
    )
    # The claim had a verdict: a reviewer restores it.
    editor_client.force_login(reviewer)
    editor_client.post(
        reverse("history:restore", args=["claim", claim_id]),
        {"reason": "not a duplicate"},
    )
    restored = Claim.objects.get(pk=claim_id)
    assert restored.highlights.count() == 1
    assert (
        "Nothing has been deleted"
        in editor_client.get(reverse("history:deleted")).content.decode()
    )


def test_stale_claim_edit_shows_both_versions_and_saves_nothing(
    client, claim, reviewer
):
    # The claim has a verdict, so the edits are a reviewer's.
    client.force_login(reviewer)
    url = reverse("history:claim-edit", args=[claim.pk])
    started_from = claim.version
    claim_services.claim_update(
        claim=claim,
        statement="Sunak was PM in 2026, the article says.",
        user=reviewer,
        reason="theirs",
    )
    response = client.post(
        url,
        {
            "statement": "Rishi Sunak was UK prime minister.",
            "verdict_note": claim.verdict_note,
            "version": started_from,
            "reason": "mine",
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this claim" in page
    assert (
        "Sunak was PM in 2026, the article says." in page
        and "Rishi Sunak was UK prime minister." in page
    )
    assert (
        Claim.objects.get(pk=claim.pk).statement
        == "Sunak was PM in 2026, the article says."
    )
    assert f'name="version" value="{started_from + 1}"' in page
    redo = client.post(
        url,
        {
            "statement": "Rishi Sunak was UK prime minister.",
            "verdict_note": claim.verdict_note,
            "version": started_from + 1,
            "reason": "mine, again",
        },
    )
    assert redo.status_code == 302
    assert (
        Claim.objects.get(pk=claim.pk).statement == "Rishi Sunak was UK prime minister."
    )


def test_claim_edit_without_reason_is_refused(editor_client, claim):
    response = editor_client.post(
        reverse("history:claim-edit", args=[claim.pk]),
        {"statement": "x", "version": claim.version, "reason": ""},
    )
    assert response.status_code == 400 and "Give a reason" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).statement == claim.statement


def test_stale_source_metadata_edit_is_refused_with_both_versions(
    client, source_factory, editor, reviewer
):
    from sources.services import source_update_metadata

    source = source_factory("Title\ntext")
    client.force_login(editor)
    url = reverse("history:source-edit", args=[source.pk])
    source_update_metadata(
        source=source, user=reviewer, reason="theirs", publisher="Reuters"
    )
    data = {
        "title": "Title",
        "publisher": "AFP",
        "url": "",
        "kind": "news_article",
        "language": "en",
        "published_on": "",
        "published_on_note": "",
        "version": 1,
        "reason": "mine",
    }
    response = client.post(url, data)
    assert (
        response.status_code == 409
        and "Reuters" in response.content.decode()
        and "AFP" in response.content.decode()
    )
    assert Source.objects.get(pk=source.pk).publisher == "Reuters"
    assert client.post(url, {**data, "version": 2}).status_code == 302
    assert Source.objects.get(pk=source.pk).publisher == "AFP"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_from_the_same_version_exactly_one_wins(user_factory):
    """Two editors save at once from version 1: one save lands, the other is refused, nothing is lost."""
    from core import roles

    editor = user_factory("one", group=roles.EDITORS)
    other = user_factory("two", group=roles.EDITORS)
    claim = claim_services.claim_create(
        statement="Original.", user=editor, reason="new"
    )
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, words):
        try:
            barrier.wait()
            claim_services.claim_update(
                claim=claim,
                statement=words,
                user=user,
                reason="edit",
                expected_version=1,
            )
            outcomes[user.username] = "saved"
        except conflicts.EditConflict:
            outcomes[user.username] = "conflict"
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=save, args=(u, w))
        for u, w in [(editor, "One's words."), (other, "Two's words.")]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, result in outcomes.items() if result == "saved")
    stored = Claim.objects.get(pk=claim.pk)
    assert (
        stored.version == 2
        and stored.statement == {"one": "One's words.", "two": "Two's words."}[winner]
    )
    assert list(
        stored.history.order_by("history_id").values_list("version", flat=True)
    ) == [1, 2]


def test_reader_and_claim_page_lead_to_history_and_edits(editor_client, claim):
    source = claim.highlights.get().source
    reader = editor_client.get(
        reverse("sources:detail", args=[source.pk])
    ).content.decode()
    assert reverse("history:source", args=[source.pk]) in reader
    assert reverse("history:source-edit", args=[source.pk]) in reader
    page = editor_client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert reverse("history:claim-edit", args=[claim.pk]) in page
    assert reverse("history:claim", args=[claim.pk]) in page


def test_history_pages_offer_restore_on_earlier_versions_only(
    editor_client, claim, editor
):
    from sources.services import source_update_metadata

    page = editor_client.get(reverse("history:claim", args=[claim.pk])).content.decode()
    assert (
        "Restore version 1" in page and f"Restore version {claim.version}<" not in page
    )
    assert reverse("history:claim-as-of", args=[claim.pk]) + "?version=" in page
    source = claim.highlights.get().source
    source_update_metadata(source=source, user=editor, reason="outlet", publisher="AFP")
    page = editor_client.get(
        reverse("history:source", args=[source.pk])
    ).content.decode()
    assert "Restore version 1" in page and "Restore version 2<" not in page

"""The claims list and the claim page: filters, quotes in context, status, evidence, history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.highlights import services as highlight_services
from editorial.models import Claim, Evidence


@pytest.fixture
def desk(source_factory, claim_factory, editor, reviewer):
    kyiv = source_factory(
        "Kyiv report\nOn Tuesday the U.S. Special Envoy met officials in Kyiv to "
        "discuss the coalition of 26 nations and its plans."
    )
    paris = source_factory("Paris report\nIn Paris, 35 nations joined the coalition.")
    envoy = claim_factory(
        kyiv, "U.S. Special Envoy met officials", "An envoy met officials", user=editor
    )
    twenty_six = claim_factory(kyiv, "26 nations", "26 nations joined", user=editor)
    thirty_five = claim_factory(
        paris, "35 nations joined", "35 nations joined", user=editor
    )
    claim_services.claim_set_status(
        claim=twenty_six,
        status="false",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Counted",
    )
    claim_services.claim_update(
        claim=envoy, assigned_to=reviewer, user=editor, reason="Assign"
    )
    dispute = dispute_services.dispute_open(
        question="How many nations joined?",
        claims=[twenty_six, thirty_five],
        user=editor,
        reason="They differ",
    )
    return {
        "kyiv": kyiv,
        "paris": paris,
        "envoy": envoy,
        "twenty_six": twenty_six,
        "thirty_five": thirty_five,
        "dispute": dispute,
    }


def listed(client, **params):
    response = client.get(reverse("claims:list"), params)
    assert response.status_code == 200
    return {claim.pk for claim in response.context["page"].object_list}


def test_claims_list_filters_by_status_source_dispute_assignee_and_words(
    editor_client, desk, reviewer
):
    all_ids = {desk[k].pk for k in ("envoy", "twenty_six", "thirty_five")}
    assert listed(editor_client) == all_ids
    assert listed(editor_client, status="false") == {desk["twenty_six"].pk}
    assert listed(editor_client, source=desk["paris"].pk) == {desk["thirty_five"].pk}
    assert listed(editor_client, dispute=desk["dispute"].pk) == {
        desk["twenty_six"].pk,
        desk["thirty_five"].pk,
    }
    assert listed(editor_client, assignee=reviewer.pk) == {desk["envoy"].pk}
    assert listed(editor_client, assignee="none") == all_ids - {desk["envoy"].pk}
    assert listed(editor_client, q="NATIONS joined") == {
        desk["twenty_six"].pk,
        desk["thirty_five"].pk,
    }
    assert listed(editor_client, q="nations", status="unverified") == {
        desk["thirty_five"].pk
    }


def test_claims_list_says_what_to_do_when_empty_and_when_nothing_matches(
    editor_client, db
):
    html = editor_client.get(reverse("claims:list")).content.decode()
    assert "No claims yet" in html and "Add claim" in html
    html = editor_client.get(reverse("claims:list"), {"q": "zebra"}).content.decode()
    assert "No claim matches these filters" in html


def test_claims_list_counts_what_matches_in_good_english(editor_client, desk):
    def said(**filters):
        return editor_client.get(reverse("claims:list"), filters).content.decode()

    assert "1 claim matches these filters." in said(source=desk["paris"].pk)
    assert "2 claims match these filters." in said(dispute=desk["dispute"].pk)


def test_claims_list_ignores_a_bad_filter_and_says_so(editor_client, desk):
    response = editor_client.get(reverse("claims:list"), {"status": "bogus"})
    assert response.status_code == 200
    assert "were not understood" in response.content.decode()


def test_claims_list_is_paginated_with_a_fixed_number_of_queries(
    editor_client, source_factory, editor, claim_factory, django_assert_num_queries
):
    source = source_factory("Title\n" + " ".join(f"w{i}." for i in range(30)))
    for i in range(30):
        claim_factory(source, f"w{i}.", f"Claim number {i}", user=editor)
    editor_client.get(reverse("claims:list"))
    # session, user, assignees, count, claims, links+highlights+sources, disputes,
    # tags and the masthead's unread count (no menu of sources or disputes: a source
    # is typed, one source or dispute comes from a link)
    with django_assert_num_queries(9):
        response = editor_client.get(reverse("claims:list"), {"page": 2})
    assert len(response.context["page"].object_list) == 5
    assert response.context["page"].number == 2
    html = response.content.decode()
    assert 'rel="prev"' in html and "Page 2 of 2" in html


def test_claim_page_quotes_each_highlight_in_context_with_a_link_into_the_reader(
    editor_client, desk
):
    claim = desk["envoy"]
    highlight = claim.highlights.get()
    response = editor_client.get(reverse("claims:detail", args=[claim.pk]))
    html = response.content.decode()
    assert "<mark>U.S. Special Envoy met officials</mark>" in html
    assert "Tuesday the " in html and " in Kyiv to" in html
    reader = reverse("sources:detail", args=[desk["kyiv"].pk])
    assert f'href="{reader}#highlight-{highlight.pk}"' in html
    dispute_link = reverse("disputes:detail", args=[desk["dispute"].pk])
    assert dispute_link in editor_client.get(reverse("claims:list")).content.decode()
    assert (
        dispute_link
        in editor_client.get(
            reverse("claims:detail", args=[desk["twenty_six"].pk])
        ).content.decode()
    )


def test_claim_page_makes_a_fixed_number_of_queries(
    editor_client, source_factory, editor, claim_factory, django_assert_num_queries
):
    source = source_factory("Title\n" + " ".join(f"w{i}." for i in range(10)))
    claim = claim_factory(source, "w0.", "One claim", user=editor)
    url = reverse("claims:detail", args=[claim.pk])
    editor_client.get(url)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            editor_client.get(url)
        return len(queries)

    before = count()
    for i in range(1, 8):
        start = source.current_revision.body.index(f"w{i}.")
        highlight = highlight_services.highlight_create(
            source=source,
            start=start,
            end=start + len(f"w{i}."),
            user=editor,
            reason="T",
        )
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, user=editor, reason="T"
        )
        claim_services.evidence_add(
            claim=claim,
            supports=bool(i % 2),
            citation=f"Book {i}",
            user=editor,
            reason="T",
        )
    assert count() == before


def test_reviewer_changes_status_with_a_reason_and_history_shows_it(
    reviewer_client, desk, reviewer
):
    claim = desk["envoy"]
    claim.refresh_from_db()
    response = reviewer_client.post(
        reverse("claims:status", args=[claim.pk]),
        {
            "status": "verified",
            "reason": "Named in the release",
            "verdict_note": "Release of 6 Jan",
            "version": claim.version,
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.verdict_note, claim.reviewed_by) == (
        "verified",
        "Release of 6 Jan",
        reviewer,
    )
    html = reviewer_client.get(response.url).content.decode()
    assert "Named in the release" in html
    assert "The claim is now verified." in html


def test_status_change_needs_a_reason(editor_client, desk):
    claim = desk["envoy"]
    response = editor_client.post(
        reverse("claims:status", args=[claim.pk]),
        {"status": "in_review", "reason": " ", "version": claim.version},
    )
    assert response.status_code == 400
    assert "Give a reason" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_editor_sees_no_verdicts_and_a_forged_verdict_gets_403(editor_client, desk):
    claim = desk["envoy"]
    html = editor_client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    select = html.split('name="status"')[1].split("</select>")[0]
    assert 'value="in_review"' in select and 'value="disputed"' in select
    assert 'value="verified"' not in select and 'value="false"' not in select
    response = editor_client.post(
        reverse("claims:status", args=[claim.pk]),
        {"status": "verified", "reason": "Forged", "version": claim.version},
    )
    assert response.status_code == 403
    assert "Only reviewers can give a verdict" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_stale_status_change_is_409_and_shows_the_current_state(
    editor_client, desk, editor
):
    claim = desk["envoy"]
    old = claim.version
    claim_services.claim_update(
        claim=claim, statement="An envoy met them", user=editor, reason="Edit"
    )
    response = editor_client.post(
        reverse("claims:status", args=[claim.pk]),
        {"status": "in_review", "reason": "x", "version": old},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed by someone else" in html
    assert "An envoy met them" in html
    claim.refresh_from_db()
    assert claim.status == "unverified"


def test_a_reader_without_a_role_cannot_change_status_or_add_evidence(
    client, desk, user_factory
):
    client.force_login(user_factory())
    claim = desk["envoy"]
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Change status" not in html
    response = client.post(
        reverse("claims:status", args=[claim.pk]),
        {"status": "in_review", "reason": "x", "version": claim.version},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("claims:evidence", args=[claim.pk]),
        {"supports": "true", "url": "https://a.example/"},
    )
    assert response.status_code == 403
    assert Evidence.objects.count() == 0


def test_editor_adds_evidence_that_supports_or_refutes(editor_client, desk, editor):
    claim = desk["envoy"]
    url = reverse("claims:evidence", args=[claim.pk])
    response = editor_client.post(
        url, {"supports": "false", "url": "https://state.example/release"}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.supports, evidence.added_by) == (False, editor)
    html = editor_client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Refutes" in html and "https://state.example/release" in html


@pytest.mark.parametrize(
    "data",
    [
        {"supports": "true"},
        {"supports": "true", "url": "javascript:alert(1)"},
        {"url": "https://a.example/"},
    ],
)
def test_bad_evidence_is_refused_with_a_message(editor_client, desk, data):
    response = editor_client.post(
        reverse("claims:evidence", args=[desk["envoy"].pk]), data
    )
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert Evidence.objects.count() == 0


def test_missing_claim_is_404(editor_client, db):
    assert editor_client.get(reverse("claims:detail", args=[999999])).status_code == 404
    assert Claim.objects.count() == 0

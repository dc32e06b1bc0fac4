"""The dispute pages: positions side by side, resolve and reopen for reviewers, opening from a claim."""

import pytest
from django.test import Client
from django.urls import reverse

from editorial.models import Claim, Dispute


@pytest.fixture
def envoy(shipped_desk):
    return Dispute.objects.get(question__startswith="Who was the US special envoy")


def test_the_list_shows_each_dispute_with_its_positions_and_sources(
    shipped_desk, editor_client, django_assert_num_queries
):
    # The four of the list, its count for the pages, and the masthead's unread count.
    with django_assert_num_queries(6):
        response = editor_client.get(reverse("disputes:list"))
    page = response.content.decode()
    assert "Who was the US special envoy" in page
    assert "How many nations joined" in page
    resolved = editor_client.get(reverse("disputes:list"), {"status": "resolved"})
    assert "No dispute matches" in resolved.content.decode()


def test_the_page_sets_positions_side_by_side_with_every_source_and_quote(
    envoy, editor_client, django_assert_num_queries
):
    # The page's thirteen (the add menu's two: the same stories', then the newest), the
    # masthead's unread count, the thread, the Follow button.
    with django_assert_num_queries(16):
        response = editor_client.get(reverse("disputes:detail", args=[envoy.pk]))
    page = response.content.decode()
    assert page.count('class="position card"') == 2
    assert "Special Envoy Steve Witkoff</mark>" in page
    assert "appointed by President Trump</mark>" in page
    assert '<time datetime="2026-01-06">6 Jan 2026</time>' in page
    assert "publisher unknown" in page
    assert "Lists Special Envoy Steve Witkoff and Jared Kushner" in page  # evidence
    assert "Only reviewers resolve disputes." in page
    assert "Resolve the dispute" not in page


def test_the_query_count_does_not_grow_with_positions(
    shipped_desk, editor_client, django_assert_num_queries
):
    nations = Dispute.objects.get(question__startswith="How many nations")
    with django_assert_num_queries(16):
        editor_client.get(reverse("disputes:detail", args=[nations.pk]))


def test_a_reviewer_resolves_from_the_page_in_one_step(envoy, reviewer_client):
    witkoff = envoy.claims.get(statement__startswith="Steve Witkoff")
    unnamed = envoy.claims.exclude(pk=witkoff.pk).get()
    page = reviewer_client.get(reverse("disputes:detail", args=[envoy.pk]))
    assert "Resolve the dispute" in page.content.decode()
    response = reviewer_client.post(
        reverse("disputes:resolve", args=[envoy.pk]),
        {
            "chosen": witkoff.pk,
            f"verdict_{unnamed.pk}": "misleading",
            f"verdict_{witkoff.pk}": "false",
            "note": "The Élysée statement names Witkoff.",
            "reason": "joint statement",
            "version": envoy.version,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "The dispute is resolved" in response.content.decode()
    witkoff.refresh_from_db()
    unnamed.refresh_from_db()
    assert (witkoff.status, unnamed.status) == ("verified", "misleading")
    assert "Reopen the dispute" in response.content.decode()
    assert "Resolved" in response.content.decode()


def test_a_stale_form_gets_a_conflict_and_changes_nothing(envoy, reviewer_client):
    witkoff = envoy.claims.get(statement__startswith="Steve Witkoff")
    response = reviewer_client.post(
        reverse("disputes:resolve", args=[envoy.pk]),
        {"chosen": witkoff.pk, "note": "n", "reason": "r", "version": 99},
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert Dispute.objects.get(pk=envoy.pk).status == "open"


def test_an_editor_cannot_resolve_and_bad_input_changes_nothing(
    envoy, editor, reviewer_client
):
    witkoff = envoy.claims.get(statement__startswith="Steve Witkoff")
    data = {"chosen": witkoff.pk, "note": "n", "reason": "r", "version": 1}
    editor_client = Client()
    editor_client.force_login(editor)
    forbidden = editor_client.post(reverse("disputes:resolve", args=[envoy.pk]), data)
    assert forbidden.status_code == 403
    assert "Only reviewers can resolve a dispute." in forbidden.content.decode()
    missing_note = reviewer_client.post(
        reverse("disputes:resolve", args=[envoy.pk]), {**data, "note": ""}
    )
    assert missing_note.status_code == 400
    assert Dispute.objects.get(pk=envoy.pk).status == "open"


def test_reopening_from_the_page_shows_every_step_in_the_history(
    envoy, reviewer_client, reviewer
):
    from editorial.disputes import services as dispute_services

    witkoff = envoy.claims.get(statement__startswith="Steve Witkoff")
    dispute_services.dispute_resolve(
        dispute=envoy, chosen=witkoff, note="n", user=reviewer, reason="settled"
    )
    response = reviewer_client.post(
        reverse("disputes:reopen", args=[envoy.pk]),
        {"reason": "new footage", "version": 2},
        follow=True,
    )
    page = response.content.decode()
    assert "The dispute is open again" in page
    assert "“settled”" in page and "“new footage”" in page
    assert page.count("Position added") == 2
    witkoff.refresh_from_db()
    assert witkoff.status == "disputed"


def test_opening_a_dispute_from_a_claim_and_adding_a_position(
    shipped_desk, editor_client
):
    sunak = Claim.objects.get(statement__startswith="Rishi Sunak")
    witkoff = Claim.objects.get(statement__startswith="Steve Witkoff")
    form = editor_client.get(reverse("disputes:open"), {"claim": sunak.pk})
    assert f'value="{sunak.pk}" id="id_claims_' in form.content.decode().replace(
        " checked", ""
    )
    assert "checked" in form.content.decode()
    refused = editor_client.post(
        reverse("disputes:open"),
        {"question": "Who led Britain?", "claims": [sunak.pk], "reason": "x"},
    )
    assert refused.status_code == 400
    response = editor_client.post(
        reverse("disputes:open"),
        {
            "question": "Who was at the Paris meeting?",
            "claims": [sunak.pk, witkoff.pk],
            "reason": "attendance differs",
        },
    )
    dispute = Dispute.objects.get(question="Who was at the Paris meeting?")
    assert response.url == reverse("disputes:detail", args=[dispute.pk])
    other = Claim.objects.get(statement__startswith="26 nations")
    editor_client.post(
        reverse("disputes:add-claim", args=[dispute.pk]),
        {"claim": other.pk, "reason": "also there", "version": 1},
    )
    assert set(dispute.claims.values_list("pk", flat=True)) == {
        sunak.pk,
        witkoff.pk,
        other.pk,
    }


def test_people_outside_the_desk_cannot_open_disputes(
    shipped_desk, client, user_factory
):
    client.force_login(user_factory())
    assert client.get(reverse("disputes:open")).status_code == 403
    assert client.get(reverse("disputes:list")).status_code == 200

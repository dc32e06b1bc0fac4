"""The suggestions page and the reader's button: run, read, accept and dismiss from the desk."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Dispute, Suggestion
from sources.models import Source
from tests.conftest import FIXTURES


@pytest.fixture
def desk(shipped_desk):
    fixtures_load(paths=[FIXTURES / "reference.json"])


def source_named(start):
    return Source.objects.get(title__startswith=start)


def test_the_reader_button_runs_the_checks_for_one_source(desk, editor_client):
    paris = source_named("US Pledges")
    page = editor_client.get(reverse("sources:detail", args=[paris.pk])).content
    assert b"Run the checks on this source" in page
    response = editor_client.post(
        reverse("suggestions:run", args=[paris.pk]), follow=True
    )
    text = response.content.decode()
    assert "Checks done:" in text
    assert "German Chancellor Olaf Scholz</mark>" in text
    assert Suggestion.objects.filter(source=paris).exists()
    # Only this source's findings and the groups it belongs to, not every source's.
    assert not Suggestion.objects.filter(
        source=source_named("Multinational"), group=""
    ).exists()


def test_an_undated_source_says_why_it_has_no_anachronism_findings(desk, editor_client):
    undated = source_named("26 Nations Pledge")
    response = editor_client.post(
        reverse("suggestions:run", args=[undated.pk]), follow=True
    )
    text = response.content.decode()
    assert (
        "This source has no publication date, so the office anachronism check" in text
    )
    assert "No office anachronism check for" in text


def test_accept_and_dismiss_from_the_page_with_a_reason(
    desk, editor_client, django_assert_max_num_queries
):
    call_command("check_sources", stdout=open("/dev/null", "w"))
    paris = source_named("US Pledges")
    # 8, 4 to list the titles not in the reference data (its 3 tables, the text),
    # and 3 for triage: the groups on the page, their count, the counts by kind.
    with django_assert_max_num_queries(15):
        page = editor_client.get(reverse("suggestions:list"), {"source": paris.pk})
    assert page.status_code == 200
    scholz = Suggestion.objects.get(exact="German Chancellor Olaf Scholz")
    response = editor_client.post(
        reverse("suggestions:accept", args=[scholz.pk]),
        {"reason": "Merz since May 2025", "stance": "assert", "source": paris.pk},
        follow=True,
    )
    assert "Accepted: the words" in response.content.decode()
    scholz.refresh_from_db()
    assert scholz.status == "accepted" and scholz.claim is not None
    again = Suggestion.objects.get(exact="German Chancellor Scholz")
    refused = editor_client.post(
        reverse("suggestions:dismiss", args=[again.pk]), {"reason": ""}, follow=True
    )
    assert "Give a reason" in refused.content.decode()
    editor_client.post(
        reverse("suggestions:dismiss", args=[again.pk]), {"reason": "same person again"}
    )
    again.refresh_from_db()
    assert (again.status, again.decision_reason) == ("dismissed", "same person again")


def test_accepting_a_proposed_dispute_opens_it(desk, editor_client):
    call_command("check_sources", stdout=open("/dev/null", "w"))
    envoy = Suggestion.objects.get(exact="U.S. Special Envoy")
    response = editor_client.post(
        reverse("suggestions:group-accept"),
        {"group": envoy.group, "reason": "the articles disagree"},
    )
    # The dispute the positions are in: a new one, or the open one they joined.
    dispute = Dispute.objects.get(suggestions=envoy)
    assert response.url == reverse("disputes:detail", args=[dispute.pk])


def test_people_outside_the_desk_can_read_but_not_decide(desk, user_factory):
    call_command("check_sources", stdout=open("/dev/null", "w"))
    client = Client()
    client.force_login(user_factory())
    scholz = Suggestion.objects.get(exact="German Chancellor Olaf Scholz")
    page = client.get(reverse("suggestions:list")).content.decode()
    assert "German Chancellor Olaf Scholz" in page and ">Accept</button>" not in page
    response = client.post(
        reverse("suggestions:accept", args=[scholz.pk]), {"reason": "x"}, follow=True
    )
    assert response.status_code == 403
    assert Suggestion.objects.get(pk=scholz.pk).status == "open"
    source = source_named("US Pledges")
    assert client.post(reverse("suggestions:run", args=[source.pk])).status_code == 403


def test_the_sources_list_and_the_reader_count_disputes(shipped_desk, editor_client):
    listing = editor_client.get(reverse("sources:list")).content.decode()
    paris = source_named("UK, France to deploy")
    assert f'href="/disputes/?source={paris.pk}">2 open</a>' in listing
    reader = editor_client.get(reverse("sources:detail", args=[paris.pk])).content
    assert b"2 open disputes</a>" in reader
    filtered = editor_client.get(reverse("disputes:list"), {"source": paris.pk})
    assert filtered.content.decode().count('href="/disputes/') >= 2


def test_claim_page_and_reader_offer_grouping_into_a_dispute(
    shipped_desk, editor_client
):
    from editorial.models import Claim

    sunak = Claim.objects.get(statement__startswith="Rishi Sunak")
    page = editor_client.get(reverse("claims:detail", args=[sunak.pk])).content.decode()
    assert f'href="/disputes/new/?claim={sunak.pk}">Group into a dispute</a>' in page
    form = editor_client.get(reverse("disputes:open"), {"claim": sunak.pk})
    assert "Or add “Rishi Sunak" in form.content.decode()
    assert "Add as a position" in form.content.decode()

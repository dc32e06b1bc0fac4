"""Assignment (assignee, priority, due date) and My desk: what is mine to do, overdue first."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import roles
from editorial import events
from editorial.claims import services as claim_services
from editorial.models import Claim
from editorial.queue import selectors as queue_selectors

TODAY = timezone.localdate()


def _assign(claim, user, **changes):
    return claim_services.claim_update(
        claim=claim, user=user, reason="Assigning", **changes
    )


def test_assigning_sets_assignee_priority_and_due_date_in_history(
    source_factory, claim_factory, editor, reviewer
):
    claim = claim_factory(source_factory(), "Some body")
    due = TODAY + datetime.timedelta(days=2)
    _assign(
        claim, editor, assigned_to=reviewer, priority=Claim.Priority.URGENT, due_on=due
    )
    claim.refresh_from_db()
    assert (claim.assigned_to, claim.priority, claim.due_on) == (reviewer, 4, due)
    latest = claim.history.first()
    assert latest.history_user == editor and latest.history_change_reason == "Assigning"


def test_a_claim_goes_only_to_active_people_on_the_desk(
    source_factory, claim_factory, editor, user_factory
):
    claim = claim_factory(source_factory(), "Some body")
    outsider = user_factory("outsider")
    gone = user_factory("gone", group=roles.EDITORS, is_active=False)
    for person in (outsider, gone):
        with pytest.raises(ValidationError, match="not on the desk"):
            _assign(claim, editor, assigned_to=person)
    claim.refresh_from_db()
    assert claim.assigned_to is None and claim.version == 1


def test_a_new_due_date_cannot_be_in_the_past(source_factory, claim_factory, editor):
    claim = claim_factory(source_factory(), "Some body")
    with pytest.raises(ValidationError, match="cannot be in the past"):
        _assign(claim, editor, due_on=TODAY - datetime.timedelta(days=1))


def test_the_new_assignee_hears_of_it_but_not_of_their_own_assignment(
    source_factory, claim_factory, editor, reviewer, django_capture_on_commit_callbacks
):
    heard = []
    events.listen(heard.append)
    try:
        claim = claim_factory(source_factory(), "Some body")
        with django_capture_on_commit_callbacks(execute=True):
            _assign(claim, editor, assigned_to=reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            _assign(Claim.objects.get(pk=claim.pk), editor, priority=3)
    finally:
        events._listeners.remove(heard.append)
    assigned = [event for event in heard if event.kind == "claim.assigned"]
    assert len(assigned) == 1
    assert assigned[0].data["assignee_id"] == reviewer.pk
    assert assigned[0].actor == editor


def test_the_claim_page_assigns_with_a_version_and_refuses_a_stale_form(
    editor_client, source_factory, claim_factory, reviewer
):
    claim = claim_factory(source_factory(), "Some body")
    url = reverse("queue:assign", args=[claim.pk])
    form = {
        "assigned_to": "rev",
        "priority": "3",
        "due_on": (TODAY + datetime.timedelta(days=1)).isoformat(),
        "reason": "Reviewer knows the story",
        "version": "1",
    }
    response = editor_client.post(url, form, follow=True)
    assert "Assigned to rev." in response.content.decode()
    # The form shows the due date it has, as the date field reads it.
    assert f'value="{form["due_on"]}"' in response.content.decode()
    claim.refresh_from_db()
    assert claim.assigned_to == reviewer and claim.priority == 3
    stale = editor_client.post(url, {**form, "priority": "1"}, follow=True)
    assert "Someone changed this claim" in stale.content.decode()
    claim.refresh_from_db()
    assert claim.priority == 3


def test_the_reader_panel_offers_assignment_for_editors(
    editor_client, source_factory, claim_factory
):
    source = source_factory()
    claim = claim_factory(source, "Some body")
    page = editor_client.get(reverse("sources:detail", args=[source.pk]))
    assert b"data-assign-template" in page.content
    panel = editor_client.get(
        reverse("api:source-highlights", args=[source.pk]),
        {"ids": claim.links.get().highlight_id},
    ).json()
    shown = panel["highlights"][0]["claims"][0]
    assert shown["priorityLabel"] == "Normal" and shown["assignedTo"] is None
    assert shown["version"] == claim.version


# The overdue due date is written directly: the service refuses a past due date, as
# it should, so a claim becomes overdue only by time passing.
@pytest.mark.history_exempt
def test_my_desk_lists_my_claims_overdue_first_then_by_due_date(
    source_factory, claim_factory, editor, client
):
    source = source_factory("T\nalpha beta gamma delta")
    later, overdue, undated = (
        claim_factory(source, word) for word in ("alpha", "beta", "gamma")
    )
    _assign(
        later, editor, assigned_to=editor, due_on=TODAY + datetime.timedelta(days=3)
    )
    _assign(undated, editor, assigned_to=editor, priority=4)
    _assign(
        overdue, editor, assigned_to=editor, due_on=TODAY + datetime.timedelta(days=1)
    )
    Claim.objects.filter(pk=overdue.pk).update(
        due_on=TODAY - datetime.timedelta(days=2)
    )
    order = [claim.pk for claim in queue_selectors.assigned_to_me(editor)]
    assert order == [overdue.pk, later.pk, undated.pk]
    client.force_login(editor)
    page = client.get(reverse("queue:desk")).content.decode()
    assert "overdue" in page
    assert page.index("beta") < page.index("alpha") < page.index("gamma")


def test_a_reviewers_desk_shows_claims_awaiting_review(
    source_factory, claim_factory, reviewer_client, editor
):
    claim = claim_factory(source_factory(), "Some body", "Waiting claim")
    claim_services.claim_set_status(
        claim=claim, status="in_review", user=editor, reason="Ready"
    )
    page = reviewer_client.get(reverse("queue:desk")).content.decode()
    assert "Awaiting review" in page and "Waiting claim" in page


def test_an_editors_desk_has_no_review_queue(editor_client):
    page = editor_client.get(reverse("queue:desk")).content.decode()
    assert "Awaiting review" not in page
    assert "No open claim is assigned to you." in page


def _desk_at_size(size, source_factory, claim_factory, editor):
    source = source_factory("T\n" + " ".join(f"word{n}" for n in range(size)))
    for number in range(size):
        claim = claim_factory(source, f"word{number}")
        _assign(claim, editor, assigned_to=editor, priority=1 + number % 4)
        claim_services.claim_set_status(
            claim=Claim.objects.get(pk=claim.pk),
            status="in_review",
            user=editor,
            reason="Ready",
        )


def test_my_desk_costs_the_same_queries_as_it_grows(
    source_factory, claim_factory, reviewer, client, django_assert_num_queries
):
    client.force_login(reviewer)
    _desk_at_size(2, source_factory, claim_factory, reviewer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("queue:desk"))
    _desk_at_size(12, source_factory, claim_factory, reviewer)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("queue:desk"))

"""Verdicts in the admin: only reviewers give, change or restore them, as on the desk.

The admin saves claims through the claim services (``claim_set_status``,
``claim_update``) and reverts them through ``claim_revert``, so the change form, the
add form and the history page's revert all obey the reviewer rule. A refusal is shown
as an error message and changes nothing.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core import roles
from editorial.claims import services as claim_services
from editorial.models import Claim

CLAIM_PERMISSIONS = ("view_claim", "change_claim", "add_claim", "delete_claim")


def _staff(user_factory, username, group):
    user = user_factory(username, group=group, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=CLAIM_PERMISSIONS)
    )
    return user


@pytest.fixture
def staff_editor(user_factory):
    """Staff with every claim permission, an editor but not a reviewer."""
    return _staff(user_factory, "deskhand", roles.EDITORS)


@pytest.fixture
def staff_reviewer(user_factory):
    return _staff(user_factory, "senior", roles.REVIEWERS)


@pytest.fixture
def claim(editor):
    return claim_services.claim_create(
        statement="26 nations signed", user=editor, reason="From the article"
    )


def change_form(claim, **changes):
    return {
        "statement": claim.statement,
        "status": claim.status,
        "verdict_note": claim.verdict_note,
        "assigned_to": claim.assigned_to_id or "",
        "priority": claim.priority,
        "due_on": "",
        "change_reason": "Checked in the admin",
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        **changes,
    }


def post_change(client, claim, **changes):
    return client.post(
        reverse("admin:editorial_claim_change", args=[claim.pk]),
        change_form(claim, **changes),
        follow=True,
    )


def snapshot(claim) -> tuple:
    claim = Claim.objects.get(pk=claim.pk)
    return (
        claim.status,
        claim.verdict_note,
        claim.reviewed_by_id,
        claim.version,
        claim.history.count(),
    )


def test_an_editor_cannot_give_a_verdict_in_the_claim_change_form(
    client, staff_editor, claim
):
    client.force_login(staff_editor)
    before = snapshot(claim)
    response = post_change(client, claim, status="verified", verdict_note="Confirmed")
    assert "Only reviewers can give a verdict" in response.content.decode()
    assert snapshot(claim) == before


def test_an_editor_cannot_change_a_reviewers_verdict_in_the_change_form(
    client, staff_editor, reviewer, claim
):
    claim = claim_services.claim_set_status(
        claim=claim,
        status="verified",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Confirmed",
    )
    client.force_login(staff_editor)
    before = snapshot(claim)
    response = post_change(client, claim, status="false")
    assert "Only reviewers can give a verdict" in response.content.decode()
    assert snapshot(claim) == before


def test_an_editor_cannot_add_a_claim_with_a_verdict(client, staff_editor):
    client.force_login(staff_editor)
    response = client.post(
        reverse("admin:editorial_claim_add"),
        {
            **change_form(Claim(statement="A new claim")),
            "status": "verified",
            "created_at_0": "2026-01-01",
            "created_at_1": "10:00:00",
        },
        follow=True,
    )
    assert "Only reviewers can give a verdict" in response.content.decode()
    assert not Claim.objects.exists()
    assert not Claim.history.exists()


def test_an_editor_still_edits_a_claims_wording_in_the_change_form(
    client, staff_editor, claim
):
    client.force_login(staff_editor)
    post_change(client, claim, statement="26 nations signed the accord")
    claim.refresh_from_db()
    assert claim.statement == "26 nations signed the accord"
    assert claim.status == "unverified"
    row = claim.history.order_by("-history_id").first()
    assert row.history_user == staff_editor
    assert row.history_change_reason == "Checked in the admin"


def test_a_reviewer_gives_a_verdict_in_the_change_form_and_is_named_for_it(
    client, staff_reviewer, claim
):
    client.force_login(staff_reviewer)
    post_change(client, claim, status="verified", verdict_note="Two agencies")
    claim.refresh_from_db()
    assert claim.status == "verified"
    assert claim.verdict_note == "Two agencies"
    assert claim.reviewed_by == staff_reviewer
    assert claim.reviewed_at is not None
    row = claim.history.order_by("-history_id").first()
    assert row.history_user == staff_reviewer
    assert row.history_change_reason == "Checked in the admin"


@pytest.fixture
def verdict_taken_back(claim, reviewer):
    """A claim a reviewer verified, then sent back to review; returns the verified row."""
    claim_services.claim_set_status(
        claim=claim,
        status="verified",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Confirmed",
    )
    verified = claim.history.order_by("-history_id").first()
    claim_services.claim_set_status(
        claim=claim, status="in_review", user=reviewer, reason="New doubts"
    )
    return verified


def revert(client, claim, row):
    return client.post(
        reverse("admin:editorial_claim_simple_history", args=[claim.pk, row.pk]),
        {
            "statement": row.statement,
            "status": row.status,
            "verdict_note": row.verdict_note,
            "change_reason": "The doubts were unfounded",
            "links-TOTAL_FORMS": 0,
            "links-INITIAL_FORMS": 0,
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
        },
        follow=True,
    )


def test_an_editor_cannot_restore_a_verdict_through_the_admins_history_revert(
    client, staff_editor, claim, verdict_taken_back
):
    client.force_login(staff_editor)
    before = snapshot(claim)
    response = revert(client, claim, verdict_taken_back)
    assert response.status_code == 200
    assert "Only reviewers can restore a verdict" in response.content.decode()
    assert snapshot(claim) == before


def test_an_editor_cannot_slip_a_verdict_into_a_revert_of_another_version(
    client, staff_editor, claim
):
    """The revert brings back the version as it was; edits posted with it are ignored."""
    claim_services.claim_update(
        claim=claim, statement="26 nations joined", user=claim.created_by, reason="R"
    )
    first = claim.history.order_by("history_id").first()
    client.force_login(staff_editor)
    response = client.post(
        reverse("admin:editorial_claim_simple_history", args=[claim.pk, first.pk]),
        {
            "statement": first.statement,
            "status": "verified",
            "verdict_note": "Slipped in",
            "change_reason": "Back to the first wording",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.statement == "26 nations signed"
    assert claim.status == "unverified"
    assert claim.reviewed_by is None


def test_a_reviewer_restores_a_verdict_through_the_admins_history_revert(
    client, staff_reviewer, reviewer, claim, verdict_taken_back
):
    client.force_login(staff_reviewer)
    revert(client, claim, verdict_taken_back)
    claim.refresh_from_db()
    assert claim.status == "verified"
    # The reviewer who brings a verdict back answers for it.
    assert claim.reviewed_by == staff_reviewer
    row = claim.history.order_by("-history_id").first()
    assert row.history_user == staff_reviewer
    assert row.history_change_reason.endswith(": The doubts were unfounded")


def test_staff_outside_the_desk_cannot_bulk_delete_a_claim_and_its_verdict(
    client, user_factory, reviewer, claim
):
    """The changelist's bulk path deletes through ``claim_delete``, editors only."""
    claim_services.claim_set_status(
        claim=claim,
        status="verified",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Confirmed",
    )
    clerk = _staff(user_factory, "clerk", None)
    client.force_login(clerk)
    before = snapshot(claim)
    response = client.post(
        reverse("admin:editorial_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [claim.pk], "post": "yes"},
        follow=True,
    )
    assert "Only editors and reviewers" in response.content.decode()
    assert snapshot(claim) == before


def test_staff_outside_the_desk_cannot_take_a_verdict_back_with_the_list_action(
    client, user_factory, reviewer, claim
):
    """The list's only status action, "mark in review", goes through claim_set_status."""
    claim_services.claim_set_status(
        claim=claim,
        status="verified",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Confirmed",
    )
    clerk = _staff(user_factory, "clerk", None)
    client.force_login(clerk)
    before = snapshot(claim)
    response = client.post(
        reverse("admin:editorial_claim_changelist"),
        {"action": "mark_in_review", "_selected_action": [claim.pk]},
        follow=True,
    )
    assert "Only editors and reviewers" in response.content.decode()
    assert snapshot(claim) == before

"""A claim's verdict changes only by a reviewer, and is always given with a note.

The statement, the verdict note and the status of a claim with a verdict change only by
a reviewer, on every path: the claim's pages, the API, the admin, reverts, restores of
deleted claims (fixture imports and annotations have their own test modules). An
editor is refused with a 403 that says why, and nothing changes.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import roles
from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.history import services as history_services
from editorial.models import Claim

NOTE = "Keir Starmer has been prime minister since 5 July 2024."


@pytest.fixture
def verdict(editor, reviewer):
    """A claim rated false by a reviewer, with its note."""
    claim = claim_services.claim_create(
        statement="Rishi Sunak was British prime minister on 6 January 2026.",
        user=editor,
        reason="From the article",
    )
    return claim_services.claim_set_status(
        claim=claim, status="false", verdict_note=NOTE, user=reviewer, reason="Checked"
    )


def snapshot(claim) -> tuple:
    claim = Claim.objects.get(pk=claim.pk)
    return (
        claim.statement,
        claim.verdict_note,
        claim.status,
        claim.reviewed_by_id,
        claim.version,
        claim.history.count(),
    )


# Services --------------------------------------------------------------------------


def test_an_editor_cannot_change_the_statement_under_a_verdict(verdict, editor):
    before = snapshot(verdict)
    with pytest.raises(PermissionDenied) as refused:
        claim_services.claim_update(
            claim=verdict,
            statement="Keir Starmer was British prime minister on 6 January 2026.",
            user=editor,
            reason="Fix",
        )
    assert str(refused.value) == claim_services.VERDICT_LOCKED
    assert snapshot(verdict) == before
    # The assignee stays an editor's to change, the words as they are.
    claim = claim_services.claim_update(
        claim=verdict,
        statement=verdict.statement,
        verdict_note=verdict.verdict_note,
        assigned_to=editor,
        user=editor,
        reason="Mine to follow",
    )
    assert (claim.assigned_to, claim.status) == (editor, "false")


def test_a_reviewer_changes_the_statement_under_a_verdict_and_is_named_for_it(
    verdict, user_factory
):
    other = user_factory("rev2", group=roles.REVIEWERS)
    claim = claim_services.claim_update(
        claim=verdict, statement="Sunak was PM in 2026.", user=other, reason="Shorter"
    )
    assert (claim.statement, claim.reviewed_by) == ("Sunak was PM in 2026.", other)


def test_a_reviewer_cannot_empty_the_note_of_a_verdict(verdict, reviewer):
    before = snapshot(verdict)
    with pytest.raises(ValidationError) as refused:
        claim_services.claim_update(
            claim=verdict, verdict_note="  ", user=reviewer, reason="Drop it"
        )
    assert "verdict_note" in refused.value.message_dict
    assert snapshot(verdict) == before


def test_an_editor_cannot_take_a_verdict_back_to_unverified(verdict, editor):
    before = snapshot(verdict)
    for status in ("unverified", "in_review", "disputed"):
        with pytest.raises(PermissionDenied) as refused:
            claim_services.claim_set_status(
                claim=verdict, status=status, user=editor, reason="Not sure"
            )
        assert str(refused.value) == claim_services.VERDICT_LOCKED
    assert snapshot(verdict) == before


def test_a_reviewer_takes_a_verdict_back_and_the_stamp_is_cleared_in_history(
    verdict, reviewer
):
    claim = claim_services.claim_set_status(
        claim=verdict, status="in_review", user=reviewer, reason="New evidence"
    )
    assert (claim.status, claim.reviewed_by, claim.reviewed_at) == (
        "in_review",
        None,
        None,
    )
    latest = claim.history.first()
    assert (
        latest.reviewed_by_id,
        latest.history_user,
        latest.history_change_reason,
    ) == (
        None,
        reviewer,
        "New evidence",
    )


def test_a_verdict_without_a_note_is_refused_and_nothing_changes(editor, reviewer):
    claim = claim_services.claim_create(statement="26 nations", user=editor, reason="t")
    before = snapshot(claim)
    with pytest.raises(ValidationError) as refused:
        claim_services.claim_set_status(
            claim=claim, status="verified", user=reviewer, reason="Checked"
        )
    assert "verdict_note" in refused.value.message_dict
    assert snapshot(claim) == before


def test_reopening_a_dispute_clears_the_verdicts_stamps(editor, reviewer):
    first, second = (
        claim_services.claim_create(statement=words, user=editor, reason="t")
        for words in ("Witkoff went.", "An unnamed envoy went.")
    )
    dispute = dispute_services.dispute_open(
        question="Who went?", claims=[first, second], user=editor, reason="t"
    )
    dispute_services.dispute_resolve(
        dispute=dispute,
        chosen=first,
        note="The statement names him.",
        user=reviewer,
        reason="Settled",
    )
    assert {c.verdict_note for c in Claim.objects.all()} == {"The statement names him."}
    dispute_services.dispute_reopen(dispute=dispute, user=reviewer, reason="New source")
    assert list(Claim.objects.values_list("status", "reviewed_by", "reviewed_at")) == [
        ("disputed", None, None),
        ("disputed", None, None),
    ]


# Pages -----------------------------------------------------------------------------


def edit_form(claim, **changes):
    return {
        "statement": claim.statement,
        "verdict_note": claim.verdict_note,
        "assigned_to": "",
        "version": claim.version,
        "reason": "Sharper",
        **changes,
    }


def test_an_editors_edit_of_a_claim_under_a_verdict_is_a_403_that_says_why(
    verdict, editor_client
):
    before = snapshot(verdict)
    for changes in (
        {"statement": "Keir Starmer was British prime minister on 6 January 2026."},
        {"verdict_note": "Nothing to see."},
    ):
        response = editor_client.post(
            reverse("history:claim-edit", args=[verdict.pk]),
            edit_form(verdict, **changes),
        )
        assert response.status_code == 403
        assert claim_services.VERDICT_LOCKED in response.content.decode()
    assert snapshot(verdict) == before


def test_the_edit_page_tells_an_editor_the_words_of_a_verdict_are_a_reviewers(
    verdict, editor, client, reviewer
):
    url = reverse("history:claim-edit", args=[verdict.pk])
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert claim_services.VERDICT_LOCKED in page
    assert page.count("readonly") == 2
    # The words are posted back unchanged, so the assignee still saves.
    response = client.post(url, edit_form(verdict, assigned_to=editor.pk))
    assert response.status_code == 302
    assert Claim.objects.get(pk=verdict.pk).assigned_to == editor
    client.force_login(reviewer)
    page = client.get(url).content.decode()
    assert claim_services.VERDICT_LOCKED not in page and "readonly" not in page


def status_form(claim, **changes):
    return {
        "status": "unverified",
        "reason": "Reopened",
        "verdict_note": "",
        "version": claim.version,
        **changes,
    }


def test_an_editor_cannot_take_a_verdict_back_on_the_claim_page(verdict, editor_client):
    before = snapshot(verdict)
    response = editor_client.post(
        reverse("claims:status", args=[verdict.pk]), status_form(verdict)
    )
    assert response.status_code == 403
    assert claim_services.VERDICT_LOCKED in response.content.decode()
    assert snapshot(verdict) == before


def test_a_verdict_on_the_claim_page_needs_its_note(
    claim_factory, source_factory, reviewer_client
):
    claim = claim_factory(source_factory("Title\nSunak spoke."), "Sunak spoke")
    before = snapshot(claim)
    response = reviewer_client.post(
        reverse("claims:status", args=[claim.pk]),
        status_form(claim, status="false"),
    )
    assert response.status_code == 400
    assert "Write the verdict note" in response.content.decode()
    assert snapshot(claim) == before


# API -------------------------------------------------------------------------------


def patch(client, claim, **data):
    return client.patch(
        reverse("api:claim", args=[claim.pk]),
        {"version": Claim.objects.get(pk=claim.pk).version, **data},
        content_type="application/json",
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"statement": "Keir Starmer was British prime minister on 6 January 2026."},
        {"verdict_note": ""},
        {"status": "unverified", "reason": "Reopen"},
    ],
)
def test_an_editors_api_patch_under_a_verdict_is_a_403_that_says_why(
    verdict, editor_client, changes
):
    before = snapshot(verdict)
    response = patch(editor_client, verdict, **changes)
    assert response.status_code == 403
    assert response.json() == {"detail": claim_services.VERDICT_LOCKED}
    assert snapshot(verdict) == before


def test_an_api_verdict_needs_a_note_and_is_given_with_it_in_one_version(
    editor, reviewer_client
):
    claim = claim_services.claim_create(statement="26 nations", user=editor, reason="t")
    refused = patch(reviewer_client, claim, status="false", reason="Checked")
    assert refused.status_code == 400 and "verdict_note" in refused.json()
    given = patch(
        reviewer_client,
        claim,
        status="false",
        verdict_note="Only 20.",
        reason="Checked",
    )
    assert given.status_code == 200, given.content
    assert (given.json()["status"], given.json()["verdict_note"]) == (
        "false",
        "Only 20.",
    )
    assert given.json()["version"] == claim.version + 1


# Admin -----------------------------------------------------------------------------


@pytest.fixture
def staff_editor(user_factory):
    user = user_factory("deskhand", group=roles.EDITORS, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=("view_claim", "change_claim"))
    )
    return user


def admin_form(claim, **changes):
    return {
        "statement": claim.statement,
        "status": claim.status,
        "verdict_note": claim.verdict_note,
        "assigned_to": "",
        "priority": claim.priority,
        "due_on": "",
        "change_reason": "Edited in the admin",
        "links-TOTAL_FORMS": 0,
        "links-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        **changes,
    }


def test_an_editor_cannot_change_the_statement_under_a_verdict_in_the_admin(
    verdict, client, staff_editor
):
    client.force_login(staff_editor)
    before = snapshot(verdict)
    response = client.post(
        reverse("admin:editorial_claim_change", args=[verdict.pk]),
        admin_form(verdict, statement="Keir Starmer was prime minister."),
        follow=True,
    )
    assert claim_services.VERDICT_LOCKED in response.content.decode()
    assert snapshot(verdict) == before


def test_a_verdict_without_a_note_is_refused_in_the_admin(editor, client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    reviewer.user_permissions.add(
        *Permission.objects.filter(codename__in=("view_claim", "change_claim"))
    )
    client.force_login(reviewer)
    claim = claim_services.claim_create(statement="26 nations", user=editor, reason="t")
    before = snapshot(claim)
    response = client.post(
        reverse("admin:editorial_claim_change", args=[claim.pk]),
        admin_form(claim, status="verified"),
        follow=True,
    )
    assert "Write the verdict note" in response.content.decode()
    assert snapshot(claim) == before


# Revert and restore ----------------------------------------------------------------


@pytest.fixture
def reworded_verdict(editor, reviewer):
    """Worded by an editor, reworded, then rated false by a reviewer."""
    claim = claim_services.claim_create(
        statement="Sunak was prime minister.", user=editor, reason="From the article"
    )
    claim = claim_services.claim_update(
        claim=claim,
        statement="Rishi Sunak was British prime minister on 6 January 2026.",
        user=editor,
        reason="Exact words",
    )
    return claim_services.claim_set_status(
        claim=claim, status="false", verdict_note=NOTE, user=reviewer, reason="Checked"
    )


def first_version(claim):
    return claim.history.order_by("history_id").first().history_id


def test_an_editor_cannot_revert_a_claim_with_a_verdict_to_other_words(
    reworded_verdict, editor_client
):
    before = snapshot(reworded_verdict)
    response = editor_client.post(
        reverse("history:claim-revert", args=[reworded_verdict.pk]),
        {
            "history_id": first_version(reworded_verdict),
            "version": reworded_verdict.version,
            "reason": "The first words were better",
        },
    )
    assert response.status_code == 403
    assert claim_services.VERDICT_LOCKED in response.content.decode()
    assert snapshot(reworded_verdict) == before


def test_a_reviewers_revert_to_a_verdict_names_them_its_reviewer(
    reworded_verdict, reviewer, user_factory
):
    verdict_row = reworded_verdict.history.filter(status="false").first()
    claim = history_services.claim_revert(
        claim=reworded_verdict,
        history_id=first_version(reworded_verdict),
        user=reviewer,
        reason="Start again",
    )
    assert (claim.statement, claim.status, claim.reviewed_by) == (
        "Sunak was prime minister.",
        "unverified",
        None,
    )
    other = user_factory("rev2", group=roles.REVIEWERS)
    claim = history_services.claim_revert(
        claim=reworded_verdict,
        history_id=verdict_row.history_id,
        user=other,
        reason="It stands",
    )
    assert (claim.status, claim.verdict_note, claim.reviewed_by) == (
        "false",
        NOTE,
        other,
    )


def test_only_a_reviewer_restores_a_deleted_claim_with_its_verdict(
    verdict, editor, reviewer, client
):
    pk = verdict.pk
    claim_services.claim_delete(claim=verdict, user=editor, reason="Duplicate")
    url = reverse("history:restore", args=["claim", pk])
    client.force_login(editor)
    response = client.post(url, {"reason": "Not a duplicate"})
    assert response.status_code == 403
    assert "only a reviewer can restore it" in response.content.decode()
    assert not Claim.objects.filter(pk=pk).exists()
    client.force_login(reviewer)
    assert client.post(url, {"reason": "Not a duplicate"}).status_code == 302
    restored = Claim.objects.get(pk=pk)
    assert (restored.status, restored.verdict_note) == ("false", NOTE)

"""Disputes: editors group claims, reviewers resolve them in one transaction, anyone sees every step."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import conflicts
from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.models import Claim, Dispute


@pytest.fixture
def positions(editor):
    return [
        claim_services.claim_create(statement=text, user=editor, reason="new")
        for text in (
            "Steve Witkoff was the US envoy in Paris.",
            "An unnamed US envoy was in Paris.",
            "Keith Kellogg was the US envoy in Paris.",
        )
    ]


@pytest.fixture
def dispute(positions, editor):
    return dispute_services.dispute_open(
        question="Who was the US envoy in Paris?",
        claims=positions,
        user=editor,
        reason="two articles disagree",
    )


def statuses(claims):
    return [Claim.objects.get(pk=claim.pk).status for claim in claims]


def test_opening_a_dispute_groups_the_claims_without_judging_them(dispute, positions):
    assert dispute.status == "open"
    assert statuses(positions) == ["unverified"] * 3
    assert dispute.claims.count() == 3


def test_a_dispute_needs_two_claims_and_an_editor(positions, user_factory):
    outsider = user_factory()
    with pytest.raises(PermissionDenied):
        dispute_services.dispute_open(
            question="Q?", claims=positions, user=outsider, reason="x"
        )
    with pytest.raises(ValidationError, match="at least two"):
        dispute_services.dispute_open(
            question="Q?",
            claims=[positions[0], positions[0]],
            user=positions[0].created_by,
            reason="x",
        )
    assert Dispute.objects.count() == 0
    assert statuses(positions) == ["unverified"] * 3


def test_reviewer_resolves_chosen_verified_others_false_or_their_verdict(
    dispute, positions, reviewer
):
    witkoff, unnamed, kellogg = positions
    resolved = dispute_services.dispute_resolve(
        dispute=dispute,
        chosen=witkoff,
        verdicts={unnamed.pk: "unverifiable"},
        note="The Élysée statement lists Witkoff.",
        user=reviewer,
        reason="joint statement",
        expected_version=dispute.version,
    )
    assert (resolved.status, resolved.resolved_by, resolved.version) == (
        "resolved",
        reviewer,
        2,
    )
    assert statuses(positions) == ["verified", "unverifiable", "false"]
    kellogg.refresh_from_db()
    assert kellogg.verdict_note == "The Élysée statement lists Witkoff."
    row = kellogg.history.first()
    assert row.history_user == reviewer
    assert "dispute" in row.history_change_reason


def test_editor_cannot_resolve_and_nothing_changes(dispute, positions, editor):
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        dispute_services.dispute_resolve(
            dispute=dispute, chosen=positions[0], note="n", user=editor, reason="r"
        )
    dispute.refresh_from_db()
    assert dispute.status == "open"
    assert statuses(positions) == ["unverified"] * 3


def test_resolution_is_one_transaction_a_bad_verdict_changes_nothing(
    dispute, positions, reviewer
):
    with pytest.raises(ValidationError, match="false, misleading or unverifiable"):
        dispute_services.dispute_resolve(
            dispute=dispute,
            chosen=positions[0],
            verdicts={positions[2].pk: "verified"},
            note="n",
            user=reviewer,
            reason="r",
        )
    assert statuses(positions) == ["unverified"] * 3
    assert Dispute.objects.get(pk=dispute.pk).status == "open"


def test_resolution_needs_a_note_a_reason_and_a_position_of_the_dispute(
    dispute, positions, reviewer, editor
):
    stranger = claim_services.claim_create(statement="Other.", user=editor, reason="x")
    with pytest.raises(ValidationError, match="note"):
        dispute_services.dispute_resolve(
            dispute=dispute, chosen=positions[0], note=" ", user=reviewer, reason="r"
        )
    with pytest.raises(ValidationError, match="reason"):
        dispute_services.dispute_resolve(
            dispute=dispute, chosen=positions[0], note="n", user=reviewer, reason=""
        )
    with pytest.raises(ValidationError, match="positions"):
        dispute_services.dispute_resolve(
            dispute=dispute, chosen=stranger, note="n", user=reviewer, reason="r"
        )
    assert statuses(positions) == ["unverified"] * 3


def test_stale_version_is_refused_when_resolving(dispute, positions, reviewer):
    dispute_services.dispute_add_claim(
        dispute=dispute,
        claim=claim_services.claim_create(
            statement="Nobody was there.", user=reviewer, reason="x"
        ),
        user=reviewer,
        reason="fourth position",
        expected_version=1,
    )
    with pytest.raises(conflicts.EditConflict):
        dispute_services.dispute_resolve(
            dispute=dispute,
            chosen=positions[0],
            note="n",
            user=reviewer,
            reason="r",
            expected_version=1,
        )
    assert Dispute.objects.get(pk=dispute.pk).status == "open"


def test_reopening_puts_positions_back_in_dispute_and_history_keeps_every_step(
    dispute, positions, reviewer
):
    dispute_services.dispute_resolve(
        dispute=dispute, chosen=positions[0], note="n", user=reviewer, reason="r"
    )
    reopened = dispute_services.dispute_reopen(
        dispute=dispute, user=reviewer, reason="new evidence", expected_version=2
    )
    assert (reopened.status, reopened.resolved_by, reopened.version) == (
        "open",
        None,
        3,
    )
    assert statuses(positions) == ["disputed"] * 3
    steps = [
        (row.status, row.history_change_reason)
        for row in reopened.history.order_by("history_date", "history_id")
    ]
    assert steps == [
        ("open", "two articles disagree"),
        ("resolved", "r"),
        ("open", "new evidence"),
    ]
    claim_steps = [
        row.status
        for row in Claim.objects.get(pk=positions[0].pk).history.order_by(
            "history_date", "history_id"
        )
    ]
    assert claim_steps == ["unverified", "verified", "disputed"]


def test_an_open_dispute_cannot_be_reopened_nor_a_resolved_one_resolved(
    dispute, positions, reviewer
):
    with pytest.raises(ValidationError, match="already open"):
        dispute_services.dispute_reopen(dispute=dispute, user=reviewer, reason="r")
    dispute_services.dispute_resolve(
        dispute=dispute, chosen=positions[0], note="n", user=reviewer, reason="r"
    )
    with pytest.raises(ValidationError, match="already resolved"):
        dispute_services.dispute_resolve(
            dispute=dispute, chosen=positions[1], note="n", user=reviewer, reason="r"
        )


def test_claims_join_open_disputes_only_and_only_once(dispute, positions, reviewer):
    with pytest.raises(ValidationError, match="already part"):
        dispute_services.dispute_add_claim(
            dispute=dispute, claim=positions[0], user=reviewer, reason="again"
        )
    dispute_services.dispute_resolve(
        dispute=dispute, chosen=positions[0], note="n", user=reviewer, reason="r"
    )
    late = claim_services.claim_create(statement="Late.", user=reviewer, reason="x")
    with pytest.raises(ValidationError, match="reopen"):
        dispute_services.dispute_add_claim(
            dispute=dispute, claim=late, user=reviewer, reason="late"
        )
    assert dispute.claims.count() == 3

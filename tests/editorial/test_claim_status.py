"""Claim statuses: verdicts need a reviewer, every change a reason, stale versions are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import conflicts
from editorial.claims import services as claim_services
from editorial.models import Claim


@pytest.fixture
def claim(editor):
    return claim_services.claim_create(
        statement="Sunak was prime minister in 2026.", user=editor, reason="new"
    )


def test_editor_moves_a_claim_into_review(claim, editor):
    claim = claim_services.claim_set_status(
        claim=claim, status="in_review", user=editor, reason="checking"
    )
    assert (claim.status, claim.version) == ("in_review", 2)


def test_editor_cannot_give_a_verdict_and_nothing_changes(claim, editor):
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        claim_services.claim_set_status(
            claim=claim,
            status="false",
            verdict_note="Test verdict note",
            user=editor,
            reason="wrong",
        )
    claim.refresh_from_db()
    assert (claim.status, claim.version, claim.history.count()) == ("unverified", 1, 1)


def test_reviewer_gives_a_verdict_and_is_recorded_as_reviewer(claim, reviewer):
    claim = claim_services.claim_set_status(
        claim=claim,
        status="false",
        verdict_note="Starmer since 2024.",
        user=reviewer,
        reason="GOV.UK",
    )
    assert (claim.status, claim.reviewed_by, claim.verdict_note) == (
        "false",
        reviewer,
        "Starmer since 2024.",
    )
    assert claim.reviewed_at is not None


def test_unknown_status_and_missing_reason_are_refused(claim, reviewer):
    with pytest.raises(ValidationError, match="not a status"):
        claim_services.claim_set_status(
            claim=claim, status="probably", user=reviewer, reason="x"
        )
    with pytest.raises(ValidationError, match="reason"):
        claim_services.claim_set_status(
            claim=claim,
            status="verified",
            verdict_note="Test verdict note",
            user=reviewer,
            reason="",
        )
    assert Claim.objects.get(pk=claim.pk).status == "unverified"


def test_stale_version_is_refused_and_nothing_changes(claim, editor, reviewer):
    claim_services.claim_set_status(
        claim=claim, status="in_review", user=editor, reason="first", expected_version=1
    )
    with pytest.raises(conflicts.EditConflict) as raised:
        claim_services.claim_set_status(
            claim=claim,
            status="verified",
            verdict_note="Test verdict note",
            user=reviewer,
            reason="late",
            expected_version=1,
        )
    assert raised.value.current.version == 2
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("in_review", 2)

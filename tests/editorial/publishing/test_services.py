"""Publishing, updating and unpublishing fact checks through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.conflicts import EditConflict
from editorial.claims import services as claim_services
from editorial.models import FactCheck, FactCheckUpdate
from editorial.publishing import selectors
from editorial.publishing import services as publishing_services

from .conftest import NOTE


def test_a_reviewer_publishes_a_claim_with_a_verdict(published, reviewer):
    assert published.is_public
    assert published.slug == "sunak-was-not-prime-minister-in-january-2026"
    assert published.summary == NOTE  # the verdict note by default
    assert published.published_by == reviewer
    row = published.history.get()
    assert (row.history_user, row.history_change_reason) == (
        reviewer,
        "Ready for readers",
    )


def test_an_editor_cannot_publish_and_nothing_is_written(rated_claim, publish, editor):
    with pytest.raises(PermissionDenied, match="Only reviewers can publish"):
        publish(rated_claim, user=editor)
    assert not FactCheck.objects.exists()


def test_a_claim_without_a_verdict_cannot_be_published(
    claim_factory, source_factory, publish
):
    claim = claim_factory(source_factory(), "the coalition")
    with pytest.raises(ValidationError, match="gives it a verdict before"):
        publish(claim)
    assert not FactCheck.objects.exists()


def test_publishing_needs_a_reason_a_headline_a_claimant_and_a_date(
    rated_claim, publish
):
    for changes, field in [
        ({"reason": " "}, "reason"),
        ({"headline": " "}, "headline"),
        ({"claimant": ""}, "claimant"),
        ({"claim_date": None}, "claim_date"),
    ]:
        with pytest.raises(ValidationError) as refused:
            publish(rated_claim, **changes)
        assert field in refused.value.message_dict
    assert not FactCheck.objects.exists()


def test_a_claim_is_published_once(published, publish):
    with pytest.raises(ValidationError, match="already published"):
        publish(published.claim, headline="Another headline")
    assert FactCheck.objects.count() == 1


def test_slugs_are_unique(published, source_factory, claim_factory, reviewer, publish):
    other = claim_factory(
        source_factory(), "the coalition", status="misleading", status_by=reviewer
    )
    claim_services.claim_update(
        claim=other, verdict_note="Partly.", user=reviewer, reason="Note"
    )
    second = publish(other)
    assert second.slug == published.slug + "-2"


def test_an_update_is_versioned_told_to_readers_and_keeps_the_slug(published, reviewer):
    updated = publishing_services.fact_check_update(
        fact_check=published,
        headline="Sunak was not British prime minister in January 2026",
        note="The headline names the country.",
        user=reviewer,
        reason="Clearer headline",
        expected_version=published.version,
    )
    assert updated.slug == published.slug
    assert updated.version == published.version + 1
    assert updated.modified_at > published.modified_at
    update = FactCheckUpdate.objects.get()
    assert update.note == "The headline names the country."
    assert updated.history.latest().history_change_reason == "Clearer headline"
    [change] = selectors.changes_for_readers(
        selectors.fact_check_for_page(slug=updated.slug)
    )
    assert (change.kind, change.text) == ("update", "The headline names the country.")


def test_an_update_by_an_editor_or_from_a_stale_version_changes_nothing(
    published, editor, reviewer
):
    with pytest.raises(PermissionDenied):
        publishing_services.fact_check_update(
            fact_check=published, headline="X", user=editor, reason="Mine"
        )
    with pytest.raises(EditConflict):
        publishing_services.fact_check_update(
            fact_check=published,
            headline="X",
            user=reviewer,
            reason="Mine",
            expected_version=published.version - 1 if published.version > 1 else 99,
        )
    with pytest.raises(ValidationError, match="Nothing changed"):
        publishing_services.fact_check_update(
            fact_check=published,
            headline=published.headline,
            user=reviewer,
            reason="Same",
        )
    published.refresh_from_db()
    assert published.headline.startswith("Sunak was not prime")
    assert not FactCheckUpdate.objects.exists()


def test_unpublishing_is_a_reviewers_versioned_action_and_republishing_keeps_the_slug(
    published, reviewer, editor, publish
):
    with pytest.raises(PermissionDenied):
        publishing_services.fact_check_unpublish(
            fact_check=published, user=editor, reason="No"
        )
    gone = publishing_services.fact_check_unpublish(
        fact_check=published, user=reviewer, reason="Source retracted"
    )
    assert not gone.is_public
    assert gone.history.latest().history_change_reason == "Source retracted"
    with pytest.raises(ValidationError, match="already unpublished"):
        publishing_services.fact_check_unpublish(
            fact_check=gone, user=reviewer, reason="Again"
        )
    again = publish(published.claim, reason="Source restored")
    assert again.pk == published.pk and again.slug == published.slug and again.is_public
    assert FactCheckUpdate.objects.get().note == "Published again: Source restored"


def test_a_later_change_of_verdict_is_a_correction(published, reviewer):
    claim_services.claim_set_status(
        claim=published.claim,
        status="misleading",
        verdict_note="He had left office, but the report was about 2024.",
        user=reviewer,
        reason="New context",
    )
    fact_check = selectors.fact_check_for_page(slug=published.slug)
    [change] = selectors.changes_for_readers(fact_check)
    assert change.kind == "correction"
    assert change.text == "the rating changed from False to Misleading."
    assert selectors.date_modified(fact_check) > published.modified_at


def test_claim_date_is_kept_as_given(published):
    assert published.claim_date == datetime.date(2026, 1, 6)

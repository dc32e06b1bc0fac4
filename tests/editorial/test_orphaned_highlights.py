"""Orphaned highlights: re-attached to new words or retired, never lost."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from editorial.claims.services import claim_create, claim_link_highlight
from editorial.highlights.reanchoring import highlight_reattach, highlight_retire
from editorial.highlights.services import highlight_create
from editorial.intake.services import revision_create
from editorial.models import ClaimHighlight

BODY = "Title\nThe envoy Steve Witkoff met them in Paris.\nOther news.\n"


@pytest.fixture
def orphan(source_factory, editor):
    source = source_factory(BODY)
    start = BODY.index("Steve Witkoff")
    highlight = highlight_create(
        source=source, start=start, end=start + 13, user=editor, reason="test"
    )
    claim = claim_create(statement="Witkoff is the envoy", user=editor, reason="t")
    claim_link_highlight(claim=claim, highlight=highlight, user=editor, reason="t")
    revision_create(
        source=source,
        body="Title\nThe envoy, a property developer, met them.\nOther news.\n",
        user=editor,
        reason="Name removed",
    )
    highlight.refresh_from_db()
    assert highlight.anchoring == "orphaned"
    return highlight


def test_re_attaching_puts_the_orphan_on_new_words_of_the_current_text(orphan, editor):
    body = orphan.source.current_revision.body
    start = body.index("a property developer")
    highlight = highlight_reattach(
        highlight=orphan,
        start=start,
        end=start + 20,
        exact="a property developer",
        user=editor,
        reason="The correction describes him instead",
    )
    assert highlight.anchoring == "anchored"
    assert highlight.revision == orphan.source.current_revision
    assert highlight.exact == "a property developer"
    assert highlight.prefix == body[:start][-32:]
    assert ClaimHighlight.objects.filter(highlight=highlight).count() == 1
    row = highlight.history.first()
    assert row.history_user == editor
    assert (
        "Re-attached on revision 2 (was “Steve Witkoff”)" in row.history_change_reason
    )
    assert "instead" in row.history_change_reason


def test_re_attaching_to_words_that_do_not_match_changes_nothing(orphan, editor):
    rows = orphan.history.count()
    with pytest.raises(ValidationError, match="does not match"):
        highlight_reattach(
            highlight=orphan,
            start=0,
            end=5,
            exact="Other",
            user=editor,
            reason="x",
        )
    orphan.refresh_from_db()
    assert orphan.anchoring == "orphaned" and orphan.exact == "Steve Witkoff"
    assert orphan.history.count() == rows


def test_retiring_keeps_the_highlight_its_quote_and_its_claims(orphan, editor):
    highlight = highlight_retire(
        highlight=orphan, user=editor, reason="The paper dropped the claim"
    )
    assert highlight.anchoring == "retired"
    assert highlight.exact == "Steve Witkoff"
    assert ClaimHighlight.objects.filter(highlight=highlight).count() == 1
    assert highlight.history.first().history_change_reason == (
        "Retired: The paper dropped the claim"
    )


def test_retiring_needs_a_reason(orphan, editor):
    with pytest.raises(ValidationError, match="reason"):
        highlight_retire(highlight=orphan, user=editor, reason="")
    orphan.refresh_from_db()
    assert orphan.anchoring == "orphaned"


def test_a_highlight_on_the_current_text_cannot_be_retired_or_re_attached(
    source_factory, editor
):
    source = source_factory(BODY)
    live = highlight_create(source=source, start=0, end=5, user=editor, reason="t")
    with pytest.raises(ValidationError, match="Only orphaned"):
        highlight_retire(highlight=live, user=editor, reason="x")
    with pytest.raises(ValidationError, match="nothing to re-attach"):
        highlight_reattach(highlight=live, start=6, end=9, user=editor, reason="x")


def test_a_retired_highlight_can_be_brought_back(orphan, editor):
    highlight_retire(highlight=orphan, user=editor, reason="Dropped")
    highlight = highlight_reattach(
        highlight=orphan, start=6, end=15, user=editor, reason="Was a mistake"
    )
    assert highlight.anchoring == "anchored"
    assert highlight.exact == "The envoy"


def test_retired_highlights_are_left_alone_by_later_revisions(orphan, editor):
    highlight_retire(highlight=orphan, user=editor, reason="Dropped")
    rows = orphan.history.count()
    result = revision_create(
        source=orphan.source,
        body=BODY + "Later.\n",  # the name is back; the editor retired it
        user=editor,
        reason="Name restored",
    )
    orphan.refresh_from_db()
    assert orphan.anchoring == "retired"
    assert orphan.history.count() == rows
    assert (result.summary.stayed, result.summary.moved, result.summary.orphaned) == (
        0,
        0,
        0,
    )


def test_only_editors_re_attach_or_retire(orphan, user_factory):
    outsider = user_factory("reader")
    with pytest.raises(PermissionDenied):
        highlight_retire(highlight=orphan, user=outsider, reason="x")
    with pytest.raises(PermissionDenied):
        highlight_reattach(highlight=orphan, start=0, end=5, user=outsider, reason="x")
    orphan.refresh_from_db()
    assert orphan.anchoring == "orphaned"


def test_the_admin_shows_anchoring_but_never_edits_it(orphan, admin_client):
    from django.urls import reverse

    page = admin_client.get(
        reverse("admin:editorial_highlight_change", args=[orphan.pk])
    ).content.decode()
    assert "Orphaned" in page
    assert 'name="anchoring"' not in page

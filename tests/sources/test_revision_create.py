"""New revisions of a source: corrections and newer versions, highlights re-anchored."""

import pytest
from django.core.exceptions import ValidationError

from editorial.claims.services import claim_create, claim_link_highlight
from editorial.highlights.services import highlight_create
from editorial.intake.services import revision_create
from editorial.models import ClaimHighlight, Highlight
from sources.models import Revision
from sources.services import StaleRevision

BODY = (
    "Coalition pledges troops\n"
    "French President Emmanuel Macron said on Thursday that 26 countries have "
    "committed to providing troops.\n"
    "The United States made its first explicit commitment to support the alliance.\n"
    "Talks continue in Paris next month, officials said.\n"
)


@pytest.fixture
def source(source_factory):
    return source_factory(BODY)


def highlight(source, quote, user):
    start = source.current_revision.body.index(quote)
    return highlight_create(
        source=source, start=start, end=start + len(quote), user=user, reason="test"
    )


def test_a_correction_is_a_new_revision_and_the_old_text_stays(source, editor):
    new_body = BODY.replace("Thursday", "Wednesday")
    result = revision_create(
        source=source, body=new_body, user=editor, reason="Day corrected"
    )
    source.refresh_from_db()
    assert result.revision.number == 2
    assert source.current_revision == result.revision
    assert source.current_revision.body == new_body
    assert Revision.objects.get(source=source, number=1).body == BODY
    assert result.revision.created_by == editor
    assert result.revision.history.get().history_change_reason == "Day corrected"
    latest = source.history.first()
    assert latest.history_user == editor
    assert "revision 2: Day corrected" in latest.history_change_reason


def test_every_highlight_ends_anchored_moved_or_orphaned_and_the_counts_are_kept(
    source, editor
):
    stays = highlight(source, "Coalition pledges", editor)
    moves = highlight(source, "first explicit commitment", editor)
    lost = highlight(source, "Talks continue in Paris", editor)
    claim = claim_create(statement="Talks in Paris", user=editor, reason="test")
    claim_link_highlight(claim=claim, highlight=lost, user=editor, reason="test")
    new_body = BODY.replace(
        "The United States", "Update: Kyiv welcomed the plan.\nThe United States"
    ).replace("Talks continue in Paris next month, officials said.\n", "")
    result = revision_create(source=source, body=new_body, user=editor, reason="Update")
    assert (result.summary.stayed, result.summary.moved, result.summary.orphaned) == (
        1,
        1,
        1,
    )
    revision = result.revision
    assert (
        revision.highlights_stayed,
        revision.highlights_moved,
        revision.highlights_orphaned,
    ) == (1, 1, 1)
    for each in (stays, moves, lost):
        each.refresh_from_db()
    assert (stays.anchoring, stays.revision, stays.start) == ("anchored", revision, 0)
    assert moves.anchoring == "moved" and moves.revision == revision
    assert new_body[moves.start : moves.end] == "first explicit commitment"
    # The orphan keeps its quote on the revision where its words were.
    assert lost.anchoring == "orphaned"
    assert lost.revision.number == 1
    assert lost.exact == "Talks continue in Paris"
    assert ClaimHighlight.objects.filter(claim=claim, highlight=lost).exists()
    moved_row = moves.history.first()
    assert moved_row.history_user == editor
    assert moved_row.history_change_reason.startswith("Revision 2: moved (quote)")
    assert "orphaned" in lost.history.first().history_change_reason
    assert (
        "1 highlight stayed, 1 highlight moved, 1 highlight orphaned" in result.message
    )


def test_an_edited_quote_is_recorded_with_its_old_words(source, editor):
    edited = highlight(source, "26 countries have committed", editor)
    revision_create(
        source=source,
        body=BODY.replace("countries have committed", "countries had committed"),
        user=editor,
        reason="Tense",
    )
    edited.refresh_from_db()
    assert edited.exact == "26 countries had committed"
    assert edited.anchoring == "moved"
    reason = edited.history.first().history_change_reason
    assert "fuzzy" in reason and "“26 countries have committed”" in reason


def test_an_orphan_finds_its_words_again_on_a_later_revision(source, editor):
    lost = highlight(source, "Talks continue in Paris", editor)
    paragraph = "Talks continue in Paris next month, officials said.\n"
    revision_create(
        source=source, body=BODY.replace(paragraph, ""), user=editor, reason="Cut"
    )
    third = revision_create(
        source=source,
        body=BODY.replace(paragraph, "A new line.\n" + paragraph),
        user=editor,
        reason="Paragraph restored",
    )
    lost.refresh_from_db()
    assert lost.anchoring == "moved"
    assert lost.revision == third.revision
    assert "found again" in lost.history.first().history_change_reason


def test_a_still_orphaned_highlight_is_counted_but_not_rewritten(source, editor):
    lost = highlight(source, "Talks continue in Paris", editor)
    paragraph = "Talks continue in Paris next month, officials said.\n"
    revision_create(
        source=source, body=BODY.replace(paragraph, ""), user=editor, reason="Cut"
    )
    rows = lost.history.count()
    third = revision_create(
        source=source,
        body=BODY.replace(paragraph, "").replace("Thursday", "Friday"),
        user=editor,
        reason="Day",
    )
    assert third.revision.highlights_orphaned == 1
    assert lost.history.count() == rows


@pytest.mark.parametrize(
    "body, message",
    [
        (BODY, "same as revision 1"),
        ("   \n", "empty"),
    ],
    ids=["unchanged", "empty"],
)
def test_a_text_that_is_not_a_change_is_refused_and_nothing_changes(
    source, editor, body, message
):
    with pytest.raises(ValidationError, match=message):
        revision_create(source=source, body=body, user=editor, reason="Nothing")
    assert source.revisions.count() == 1


def test_a_reason_is_required(source, editor):
    with pytest.raises(ValidationError, match="reason"):
        revision_create(source=source, body=BODY + "More.", user=editor, reason=" ")
    assert source.revisions.count() == 1


def test_a_revision_started_from_an_older_text_is_refused(source, editor):
    revision_create(source=source, body=BODY + "One.", user=editor, reason="One")
    with pytest.raises(StaleRevision, match="newer text"):
        revision_create(
            source=source,
            body=BODY + "Two.",
            user=editor,
            reason="Two",
            expected_number=1,
        )
    assert source.revisions.count() == 2


def test_going_back_to_an_earlier_text_names_that_revision(source, editor):
    revision_create(source=source, body=BODY + "One.", user=editor, reason="One")
    with pytest.raises(ValidationError, match="already revision 1 of this source"):
        revision_create(source=source, body=BODY, user=editor, reason="Back")


def test_another_source_s_text_is_refused(source, source_factory, editor):
    other = source_factory("Other\nText.")
    with pytest.raises(ValidationError, match=f"source {other.pk}"):
        revision_create(source=source, body="Other\nText.", user=editor, reason="x")


@pytest.mark.parametrize("count", [2, 8])
def test_re_anchoring_takes_the_same_number_of_queries_for_more_highlights(
    source_factory, editor, django_assert_num_queries, count
):
    lines = [f"Line {n} says something distinct number {n}." for n in range(count)]
    source = source_factory("Title\n" + "\n".join(lines))
    for line in lines:
        highlight(source, line, editor)
    body = "Title\nInserted first line.\n" + "\n".join(lines)
    with django_assert_num_queries(19):
        result = revision_create(source=source, body=body, user=editor, reason="Insert")
    assert result.summary.moved == count
    assert Highlight.objects.filter(anchoring="moved").count() == count

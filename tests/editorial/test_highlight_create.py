"""Highlights: a span of a revision, checked against its text on every write."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from editorial.highlights import services as highlight_services
from editorial.models import Highlight

BODY = "Headline\nMacron said 26 nations pledged troops.  \n"


@pytest.fixture
def source(source_factory):
    return source_factory(BODY)


def create(source, editor, start, end, exact=None):
    return highlight_services.highlight_create(
        source=source, start=start, end=end, exact=exact, user=editor, reason="test"
    )


def test_span_from_the_first_character_is_stored_with_its_quote(source, editor):
    highlight = create(source, editor, 0, 8, "Headline")
    assert (highlight.start, highlight.end, highlight.exact) == (0, 8, "Headline")
    assert highlight.prefix == ""
    assert highlight.suffix == BODY[8:40]
    assert highlight.revision == source.current_revision


def test_span_ending_at_the_end_of_the_body_is_accepted(source, editor):
    start = BODY.index("troops")
    highlight = create(source, editor, start, len(BODY))
    assert highlight.exact == BODY[start:]
    assert highlight.suffix == ""


def test_prefix_and_suffix_hold_at_most_32_characters(source_factory, editor):
    text = "x" * 100 + "QUOTE" + "y" * 100
    source = source_factory(text)
    highlight = create(source, editor, 100, 105, "QUOTE")
    assert highlight.prefix == "x" * 32
    assert highlight.suffix == "y" * 32


@pytest.mark.parametrize(
    "start, end, exact, field, message",
    [
        (5, 5, None, "end", "empty or reversed"),
        (9, 4, None, "end", "empty or reversed"),
        (-1, 4, None, "start", "before the beginning"),
        (0, len(BODY) + 1, None, "end", "past the end"),
        (BODY.index("  \n"), len(BODY), None, "exact", "only whitespace"),
        (0, 8, "Headlinx", "exact", "does not match"),
    ],
    ids=[
        "empty",
        "reversed",
        "negative",
        "past-end",
        "whitespace-only",
        "mismatching-exact",
    ],
)
def test_bad_span_is_refused_with_a_clear_message_and_nothing_is_written(
    source, editor, start, end, exact, field, message
):
    with pytest.raises(ValidationError) as raised:
        create(source, editor, start, end, exact)
    assert field in raised.value.message_dict
    assert message in raised.value.message_dict[field][0]
    assert Highlight.objects.count() == 0
    assert Highlight.history.count() == 0


def test_database_refuses_a_reversed_span_even_without_the_service(source, editor):
    revision = source.current_revision
    with pytest.raises(IntegrityError), transaction.atomic():
        Highlight.objects.create(
            source=source, revision=revision, start=5, end=2, exact=""
        )


def test_revision_of_another_source_is_refused(source_factory, editor):
    one, other = source_factory("One\ntext here"), source_factory("Two\nother text")
    highlight = Highlight(
        source=one, revision=other.current_revision, start=0, end=3, exact="Two"
    )
    with pytest.raises(ValidationError) as raised:
        highlight.full_clean()
    assert "revision" in raised.value.message_dict


def test_highlight_without_a_reason_is_refused(source, editor):
    with pytest.raises(ValidationError) as raised:
        highlight_services.highlight_create(
            source=source, start=0, end=8, user=editor, reason="  "
        )
    assert "reason" in raised.value.message_dict
    assert not Highlight.objects.exists()

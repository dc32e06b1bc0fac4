"""History an editor reads: people by name, objects by what they are, offsets folded
away, one date format."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.history import selectors as hs
from editorial.templatetags.readable import desk_date, person


@pytest.fixture
def story(source_factory, editor, reviewer):
    editor.first_name, editor.last_name = "Ada", "Byron"
    editor.save(update_fields=["first_name", "last_name"])
    source = source_factory(
        "US Pledges Support\nBritish Prime Minister Rishi Sunak met Macron."
    )
    highlight = highlight_services.highlight_create(
        source=source, start=19, end=53, user=editor, reason="mark"
    )
    claim = claim_services.claim_create(
        statement="Rishi Sunak was prime minister.", user=editor, reason="new claim"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="link"
    )
    claim_services.evidence_add(
        claim=claim,
        supports=False,
        url="https://www.gov.uk/x",
        user=editor,
        reason="cite",
    )
    return source, highlight, claim


def by_kind(timeline, slug):
    return next(change for change in timeline if change.kind.slug == slug)


def test_each_version_names_its_object_by_what_it_is(story):
    source, highlight, claim = story
    timeline = hs.claim_timeline(claim_id=claim.pk)
    assert by_kind(timeline, "highlight").summary == (
        "the highlight “British Prime Minister Rishi Sunak” in US Pledges Support"
    )
    assert by_kind(timeline, "evidence").summary == (
        "evidence refuting “Rishi Sunak was prime minister.” from https://www.gov.uk/x"
    )
    assert by_kind(timeline, "link").summary == (
        "the highlight “British Prime Minister Rishi Sunak” in US Pledges Support "
        "stating “Rishi Sunak was prime minister.”"
    )
    assert by_kind(timeline, "claim").summary == (
        "the claim “Rishi Sunak was prime minister.”"
    )


def test_offsets_and_keys_are_set_apart_and_fields_use_the_desks_words(story):
    _, _, claim = story
    timeline = hs.claim_timeline(claim_id=claim.pk)
    highlight = by_kind(timeline, "highlight")
    assert {"start", "end", "revision_id", "source_id"} <= {
        item.name for item in highlight.technical
    }
    assert "start" not in {item.name for item in highlight.changes}
    assert "quote" in {item.label for item in highlight.changes}
    evidence = by_kind(timeline, "evidence")
    stance = next(item for item in evidence.changes if item.name == "supports")
    assert (stance.label, stance.new) == ("stance", "refutes the claim")


def test_the_history_page_reads_like_an_editors_not_a_developers(story, client, editor):
    _, highlight, claim = story
    client.force_login(editor)
    page = client.get(reverse("history:claim", args=[claim.pk])).content.decode()
    assert "Ada Byron" in page
    assert "<cite>US Pledges Support</cite>" in page
    assert "evidence refuting" in page
    assert "Supports: False" not in page and "Refutes:" not in page
    assert not re.search(r"\b(Claim|Highlight|Evidence) \d+\b", page)
    assert '<details class="technical">' in page
    offsets = page[page.index('<details class="technical">') :]
    assert "Start offset" in offsets
    when = desk_date(highlight.created_at)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d", when)
    assert f">{when}</time>" in page


def test_one_date_format_and_people_by_name(editor):
    moment = datetime.datetime(2026, 12, 6, 17, 5, 42, tzinfo=datetime.UTC)
    with timezone.override("UTC"):
        assert desk_date(moment) == "6 Dec 2026, 17:05"
    assert desk_date(datetime.date(2026, 1, 6)) == "6 Jan 2026"
    assert person(editor) == editor.get_username()
    editor.first_name = "Ada"
    assert person(editor) == "Ada"
    assert person(None) == "unknown"


def test_recent_changes_and_source_history_name_objects_too(
    story, editor_client, django_assert_max_num_queries
):
    source, _, _ = story
    changes = editor_client.get(reverse("history:changes")).content.decode()
    assert "the highlight “British Prime Minister Rishi Sunak” in" in changes
    page = editor_client.get(reverse("history:source", args=[source.pk]))
    assert "<cite>US Pledges Support</cite>" in page.content.decode()

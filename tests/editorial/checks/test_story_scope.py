"""The checks compare sources within one story, whatever their days; never across stories."""

import pytest

from editorial.checks import Document
from editorial.checks.services import checks_run
from editorial.checks.services.runs import by_story
from editorial.models import Suggestion
from sources.stories import services as story_services

pytestmark = pytest.mark.django_db

FIRST = (
    "Allies meet in Vilnius\nVILNIUS - All 32 allied nations attended the summit in "
    "Vilnius on Tuesday, officials said."
)
SECOND = (
    "Vilnius summit ends\nVILNIUS - Only 30 allied nations attended the summit in "
    "Vilnius, the host said on Wednesday."
)


def _run(editor):
    checks_run(user=editor, reason="Test run")
    return Suggestion.objects.filter(kind="figures")


def test_two_sources_of_one_story_are_compared_even_weeks_apart(editor, source_factory):
    story = story_services.story_create(name="Vilnius", user=editor, reason="t")
    source_factory(FIRST, story=story, published_on="2025-07-01")
    source_factory(SECOND, story=story, published_on="2025-08-20")
    found = _run(editor)
    assert {s.exact for s in found} >= {"30 allied nations"}
    assert len({s.group for s in found}) == 1
    assert next(iter({s.group for s in found})).startswith(f"story-{story.pk}:")


def test_the_same_conflict_across_two_stories_is_never_proposed(editor, source_factory):
    one = story_services.story_create(name="Vilnius", user=editor, reason="t")
    other = story_services.story_create(name="Other", user=editor, reason="t")
    source_factory(FIRST, story=one, published_on="2025-07-01")
    source_factory(SECOND, story=other, published_on="2025-07-01")
    assert not _run(editor).exists()


def test_a_source_in_no_story_is_compared_with_nothing_but_itself():
    documents = [Document(str(pk), "text", None) for pk in (1, 2, 3)]
    groups = list(by_story(documents, documents, {1: 7, 2: None, 3: 7}))
    assert [
        (label, [d.key for d in t], [d.key for d in c]) for label, t, c in groups
    ] == [
        ("story-7", ["1", "3"], ["1", "3"]),
        ("source-2", ["2"], ["2"]),
    ]

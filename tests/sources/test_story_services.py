"""Story services: editors only, every change in history with its user and reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sources.models import Source, Story
from sources.stories import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(source_factory, editor):
    story = services.story_create(name="Lisbon summit", user=editor, reason="Start")
    sources = [
        source_factory(f"Article {n}\nText {n} about the Lisbon summit.", story=story)
        for n in range(3)
    ]
    return story, sources


def test_an_editor_creates_a_story_with_history(editor):
    story = services.story_create(name="  NATO  summit ", user=editor, reason="New")
    assert (story.name, story.slug, story.confirmed) == (
        "NATO summit",
        "nato-summit",
        True,
    )
    row = story.history.get()
    assert (row.history_user, row.history_change_reason) == (editor, "New")


def test_someone_outside_the_desk_may_not_create_rename_or_merge(user_factory, three):
    story, _ = three
    outsider = user_factory("outsider")
    with pytest.raises(PermissionDenied):
        services.story_create(name="X", user=outsider, reason="r")
    with pytest.raises(PermissionDenied):
        services.story_rename(story=story, name="Y", user=outsider, reason="r")
    with pytest.raises(PermissionDenied):
        services.story_confirm(story=story, user=outsider, reason="r")
    assert list(Story.objects.values_list("name", flat=True)) == ["Lisbon summit"]


def test_a_name_another_story_has_is_refused_and_nothing_changes(editor, three):
    story, _ = three
    other = services.story_create(name="G7 meeting", user=editor, reason="New")
    with pytest.raises(ValidationError, match="already exists"):
        services.story_rename(
            story=other, name="lisbon SUMMIT", user=editor, reason="r"
        )
    other.refresh_from_db()
    assert other.name == "G7 meeting" and other.history.count() == 1


def test_renaming_changes_the_slug_and_keeps_a_history_row(editor, three):
    story, _ = three
    services.story_rename(
        story=story, name="Lisbon water summit", user=editor, reason="Clearer"
    )
    story.refresh_from_db()
    assert story.slug == "lisbon-water-summit"
    assert story.history.first().history_change_reason == "Clearer"


def test_merging_moves_every_source_and_deletes_the_other_story_with_history(
    editor, source_factory, three
):
    story, sources = three
    other = services.story_create(name="Lisbon talks", user=editor, reason="New")
    moved = source_factory("Closing day\nThe Lisbon talks closed.", story=other)
    services.story_merge(into=story, other=other, user=editor, reason="Same event")
    assert set(Source.objects.filter(story=story)) == {*sources, moved}
    assert not Story.objects.filter(pk=other.pk).exists()
    gone = Story.history.filter(id=other.pk).first()
    assert (gone.history_type, gone.history_change_reason) == ("-", "Same event")
    row = moved.history.first()
    assert (row.story_id, row.history_user, row.history_change_reason) == (
        story.pk,
        editor,
        "Same event",
    )
    assert story.__class__.objects.get(pk=story.pk).profile["sources"] == 4


def test_splitting_moves_the_chosen_sources_into_a_new_confirmed_story(editor, three):
    story, sources = three
    new = services.story_split(
        story=story,
        sources=sources[:2],
        name="Side event",
        user=editor,
        reason="Two events",
    )
    assert new.confirmed
    assert set(new.sources.all()) == set(sources[:2])
    assert list(story.sources.all()) == [sources[2]]
    assert sources[0].history.first().history_change_reason == "Two events"


def test_a_split_of_every_source_or_of_none_is_refused(editor, three):
    story, sources = three
    for chosen in (sources, []):
        with pytest.raises(ValidationError):
            services.story_split(
                story=story, sources=chosen, name="All", user=editor, reason="r"
            )
    assert Story.objects.count() == 1
    assert story.sources.count() == 3


def test_confirming_a_proposal_is_kept_in_history(editor, source_factory):
    source = source_factory(
        "Osimhen joins Bayern Munich\nBayern Munich signed Osimhen."
    )
    story = source.story
    assert story is not None and not story.confirmed
    services.story_confirm(story=story, user=editor, reason="Right grouping")
    story.refresh_from_db()
    assert story.confirmed
    assert story.history.first().history_change_reason == "Right grouping"
    with pytest.raises(ValidationError, match="already confirmed"):
        services.story_confirm(story=story, user=editor, reason="again")


def test_moving_a_source_keeps_a_history_row_and_rebuilds_both_profiles(editor, three):
    story, sources = three
    other = services.story_create(name="G7 meeting", user=editor, reason="New")
    services.story_assign(
        source=sources[0], story=other, user=editor, reason="Wrong story"
    )
    story.refresh_from_db()
    other.refresh_from_db()
    assert (story.profile["sources"], other.profile["sources"]) == (2, 1)
    assert sources[0].history.first().history_change_reason == "Wrong story"
    with pytest.raises(ValidationError, match="already in that story"):
        services.story_assign(source=sources[0], story=other, user=editor, reason="r")

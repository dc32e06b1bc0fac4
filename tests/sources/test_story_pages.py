"""The Stories page: editors confirm, rename, merge, split and move sources there."""

import pytest
from django.urls import reverse

from sources.models import Source, Story
from sources.stories import services

pytestmark = pytest.mark.django_db


def _stories(editor, source_factory, count: int, per_story: int = 2):
    for n in range(count):
        story = services.story_create(name=f"Story {n}", user=editor, reason="Test")
        for m in range(per_story):
            source_factory(f"Article {n}-{m}\nText {n} {m}.", story=story)


@pytest.mark.parametrize("count", [2, 12])
def test_the_stories_list_makes_the_same_queries_for_few_or_many_stories(
    editor_client, editor, source_factory, django_assert_max_num_queries, count
):
    _stories(editor, source_factory, count)
    editor_client.get(reverse("stories:list"))  # sessions and caches warm
    with django_assert_max_num_queries(9):
        response = editor_client.get(reverse("stories:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == Story.objects.count()


def test_the_list_shows_each_story_with_its_sources_and_proposals_first(
    editor_client, editor, source_factory
):
    _stories(editor, source_factory, 1)
    proposed = source_factory(
        "Osimhen joins Bayern Munich\nBayern Munich signed Osimhen."
    )
    page = editor_client.get(reverse("stories:list")).content.decode()
    assert page.index(proposed.story.name) < page.index("Story 0")
    assert "Article 0-0" in page and "Article 0-1" in page
    assert "Proposed by the desk" in page


def test_an_editor_confirms_renames_merges_and_splits_on_the_pages(
    editor_client, editor, source_factory
):
    _stories(editor, source_factory, 2)
    first, second = Story.objects.order_by("name")
    editor_client.post(
        reverse("stories:rename", args=[first.slug]),
        {"name": "Lisbon summit", "reason": "Clearer"},
    )
    first.refresh_from_db()
    assert first.name == "Lisbon summit"
    response = editor_client.post(
        reverse("stories:merge", args=[first.slug]),
        {"other": second.pk, "reason": "Same event"},
    )
    assert response.status_code == 302
    assert not Story.objects.filter(pk=second.pk).exists()
    assert first.sources.count() == 4
    moving = list(first.sources.order_by("pk")[:2])
    response = editor_client.post(
        reverse("stories:split", args=[first.slug]),
        {"name": "Side event", "sources": [s.pk for s in moving], "reason": "Two"},
    )
    new = Story.objects.get(name="Side event")
    assert response["Location"] == reverse("stories:detail", args=[new.slug])
    assert set(new.sources.all()) == set(moving)


def test_moving_a_source_on_the_story_page_puts_it_in_the_other_story(
    editor_client, editor, source_factory
):
    _stories(editor, source_factory, 2)
    first, second = Story.objects.order_by("name")
    source = first.sources.first()
    editor_client.post(
        reverse("stories:move", args=[first.slug]),
        {"source": source.pk, "story": second.pk, "reason": "Wrong story"},
    )
    assert Source.objects.get(pk=source.pk).story == second


def test_a_bad_action_says_why_and_changes_nothing(
    editor_client, editor, source_factory
):
    _stories(editor, source_factory, 2)
    first, second = Story.objects.order_by("name")
    response = editor_client.post(
        reverse("stories:rename", args=[first.slug]),
        {"name": second.name, "reason": "Clash"},
        follow=True,
    )
    assert "already exists" in response.content.decode()
    response = editor_client.post(
        reverse("stories:split", args=[first.slug]),
        {"name": "All", "sources": [s.pk for s in first.sources.all()], "reason": "r"},
        follow=True,
    )
    assert "Leave at least one source" in response.content.decode()
    assert Story.objects.count() == 2 and first.sources.count() == 2


def test_someone_outside_the_desk_cannot_change_stories(
    client, user_factory, editor, source_factory
):
    _stories(editor, source_factory, 1)
    story = Story.objects.get()
    client.force_login(user_factory("outsider"))
    response = client.post(
        reverse("stories:rename", args=[story.slug]), {"name": "X", "reason": "r"}
    )
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.name == "Story 0"


def test_the_admin_renames_through_the_service_and_shows_its_refusal(
    client, user_factory, editor, source_factory
):
    _stories(editor, source_factory, 2)
    first, second = Story.objects.order_by("name")
    client.force_login(user_factory("chief", is_staff=True, is_superuser=True))
    url = reverse("admin:sources_story_change", args=[first.pk])
    response = client.post(
        url,
        {"name": second.name, "confirmed": "on", "change_reason": "Clash"},
        follow=True,
    )
    assert "already exists" in response.content.decode()
    first.refresh_from_db()
    assert first.name == "Story 0"
    client.post(url, {"name": "Lisbon", "confirmed": "on", "change_reason": "Better"})
    first.refresh_from_db()
    assert (first.name, first.slug) == ("Lisbon", "lisbon")
    assert first.history.first().history_change_reason == "Better"


def test_the_sources_list_shows_each_source_s_story_and_filters_by_it(
    editor_client, editor, source_factory
):
    _stories(editor, source_factory, 2)
    response = editor_client.get(reverse("sources:list"))
    page = response.content.decode()
    assert "Story 0" in page and "?story=story-1" in page
    filtered = editor_client.get(reverse("sources:list"), {"story": "story-1"})
    assert {s.story.name for s in filtered.context["sources"]} == {"Story 1"}


def test_the_merge_and_move_menus_offer_the_most_alike_stories_not_every_story(
    editor_client, editor, source_factory
):
    from sources.stories.selectors import STORY_CHOICES

    harbour = source_factory(
        "Harbour strike in Rotterdam\nDockers at the Port of Rotterdam struck."
    ).story
    _stories(editor, source_factory, STORY_CHOICES + 5, per_story=1)
    alike = services.story_create(name="Dockers' vote", user=editor, reason="Test")
    alike.profile = {**harbour.profile}  # says what the strike story says
    alike.save(update_fields=["profile"])
    page = editor_client.get(reverse("stories:detail", args=[harbour.slug]))
    offered = page.context["others"]
    assert len(offered) == STORY_CHOICES
    assert (alike.pk, alike.name) in offered
    # Any story is still taken by its number.
    last = Story.objects.filter(name__startswith="Story").order_by("-pk").first()
    assert (last.pk, last.name) not in offered
    response = editor_client.post(
        reverse("stories:merge", args=[harbour.slug]),
        {"other": last.pk, "reason": "Same event"},
    )
    assert response.status_code == 302
    assert not Story.objects.filter(pk=last.pk).exists()

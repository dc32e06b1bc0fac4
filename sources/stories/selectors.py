"""Reads for the Stories pages: stories with their sources, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from sources.models import Source, Story
from sources.stories.match import RECENT_STORIES


def _sources_listed() -> QuerySet[Source]:
    return Source.objects.only("pk", "title", "published_on", "publisher", "story_id")


def stories_for_list(*, confirmed: bool | None = None) -> QuerySet[Story]:
    """Stories with their number of sources and the sources (without texts)."""
    stories = Story.objects.annotate(source_count=Count("sources")).prefetch_related(
        Prefetch("sources", queryset=_sources_listed().order_by("published_on", "pk"))
    )
    if confirmed is not None:
        stories = stories.filter(confirmed=confirmed)
    # Proposals first: they wait for an editor.
    return stories.order_by("confirmed", "name", "pk")


def story_for_page(*, slug: str) -> Story | None:
    return (
        Story.objects.select_related("created_by")
        .prefetch_related(
            Prefetch(
                "sources", queryset=_sources_listed().order_by("published_on", "pk")
            )
        )
        .filter(slug=slug)
        .first()
    )


#: Stories the merge and move menus offer, at most: a menu of every story, repeated
#: for each source of a story, would hold hundreds of thousands of options on a big desk.
STORY_CHOICES = 30


def story_choices(*, story: Story) -> list[tuple[int, str]]:
    """``(id, name)`` of the stories most like ``story``, for the merge and move menus.

    Among the most recent stories, those sharing most of its names and key phrases,
    then the nearest in time; at most ``STORY_CHOICES``, sorted by name.
    """
    mine = set((story.profile or {}).get("terms", {}))
    recent = list(
        Story.objects.exclude(pk=story.pk)
        .only("pk", "name", "profile", "created_at")
        .order_by("-created_at", "-pk")[:RECENT_STORIES]
    )
    distance = {other.pk: abs(other.created_at - story.created_at) for other in recent}

    def alike(other: Story):
        shared = len(mine & set((other.profile or {}).get("terms", {})))
        return (-shared, distance[other.pk], other.pk)

    chosen = sorted(recent, key=alike)[:STORY_CHOICES]
    return sorted(
        ((other.pk, other.name) for other in chosen),
        key=lambda item: (item[1].lower(), item[0]),
    )

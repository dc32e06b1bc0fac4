"""Reads for the Stories pages: stories with their sources, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from sources.models import Source, Story


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


def story_choices(*, exclude: Story | None = None) -> list[tuple[int, str]]:
    """``(id, name)`` of every story, for the merge and move menus."""
    stories = Story.objects.order_by("name", "pk")
    if exclude is not None:
        stories = stories.exclude(pk=exclude.pk)
    return list(stories.values_list("pk", "name"))

"""Reading tags: every tag with how often it is used, and what carries one."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from editorial.models import Claim, Tag
from sources.models import Source


def tags_with_counts() -> QuerySet:
    return Tag.objects.annotate(
        claims_count=Count("claim_taggings", distinct=True),
        sources_count=Count("source_taggings", distinct=True),
    ).order_by("name")


def tag_by_slug(slug: str) -> Tag:
    return Tag.objects.get(slug=slug)


def claims_tagged(tag: Tag) -> QuerySet:
    return (
        Claim.objects.filter(taggings__tag=tag)
        .select_related("assigned_to")
        .order_by("-created_at", "-id")
    )


def sources_tagged(tag: Tag) -> QuerySet:
    return Source.objects.filter(taggings__tag=tag).order_by("-published_on", "-id")


def tag_text(owner) -> str:
    """The owner's tags as the form shows them: ``"elections, trade"``."""
    return ", ".join(tagging.tag.name for tagging in owner.taggings.all())

"""Reading tags: every tag with how often it is used, and what carries one."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from editorial.models import Claim, ClaimTag, SourceTag, Tag
from sources.models import Source


def tags_with_counts(name_contains: str = "") -> QuerySet:
    """Tags by name with how many claims and sources carry each; ``name_contains``
    keeps the tags whose name holds those words.

    Each count is its own subquery: one join of both taggings would make a row for
    every pair of a tag's claims and sources.
    """
    tags = Tag.objects.all()
    if name_contains:
        tags = tags.filter(name__icontains=name_contains)
    return tags.annotate(
        claims_count=_count(ClaimTag),
        sources_count=_count(SourceTag),
    ).order_by("name", "id")


def _count(tagging) -> Coalesce:
    counted = (
        tagging.objects.filter(tag=OuterRef("pk"))
        .order_by()
        .values("tag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


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

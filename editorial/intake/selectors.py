"""Reads for the sources list: each source with its claims by status and its disputes."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from editorial.models import (
    ClaimHighlight,
    ClaimStatus,
    DisputeClaim,
    DisputeStatus,
    Highlight,
    PendingImport,
)
from sources import search as search_index
from sources.models import Source


def _count_per_source(
    queryset, source_field: str, counted: str, only: Q | None = None
) -> Coalesce:
    """``COUNT(DISTINCT counted)`` of ``queryset``'s rows for the outer source, 0 when none.

    A correlated subquery, not a join with GROUP BY: the database counts only for the
    sources on the page, however many sources and highlights the desk holds. ``only``
    narrows what is counted as an aggregate filter, not a WHERE condition: as a WHERE
    condition SQLite's planner may start from the claims' status index and read every
    claim with that status for each source (seconds on a large desk) instead of
    starting from the source's few highlights.
    """
    counts = (
        queryset.filter(**{source_field: OuterRef("pk")})
        .order_by()
        .values(source_field)
        .annotate(n=Count(counted, distinct=True, filter=only))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def sources_for_list(
    *, search: str = "", kind: str = "", tag: str = "", story: str = ""
) -> QuerySet[Source]:
    """Sources for the list page, each annotated with its number of highlights and claims,
    its claims by status (``claims_<status>``) for the bar of how much is checked, and
    the disputes (all and open) its claims take part in."""
    links = ClaimHighlight.objects.all()
    queryset = Source.objects.select_related("imported_by", "story").annotate(
        highlight_count=_count_per_source(Highlight.objects.all(), "source_id", "id"),
        claim_count=_count_per_source(links, "highlight__source_id", "claim_id"),
        **{
            f"claims_{status}": _count_per_source(
                links, "highlight__source_id", "claim_id", Q(claim__status=status)
            )
            for status in ClaimStatus.values
        },
        dispute_count=_count_per_source(
            DisputeClaim.objects.all(),
            "claim__links__highlight__source_id",
            "dispute_id",
        ),
        open_dispute_count=_count_per_source(
            DisputeClaim.objects.filter(dispute__status=DisputeStatus.OPEN),
            "claim__links__highlight__source_id",
            "dispute_id",
        ),
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if tag:
        queryset = queryset.filter(taggings__tag__slug=tag)
    if story:
        queryset = queryset.filter(story__slug=story)
    if search:
        queryset = search_index.filter_sources(queryset, search)
    return queryset.order_by("-published_on", "title", "id")


def pending_imports(*, user, batch: str) -> dict[str, dict]:
    """``user``'s articles waiting for review in ``batch``: token → body and metadata."""
    if not batch:
        return {}
    return {
        row.token: {**row.metadata, "body": row.body}
        for row in PendingImport.objects.filter(owner=user, batch=batch).order_by("id")
    }

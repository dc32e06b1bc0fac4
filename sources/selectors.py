"""Reads of sources, with what their pages need already joined."""

from django.db.models import Count, Q, QuerySet

from editorial.models import ClaimStatus

from .models import Source


def sources_for_list(*, search: str = "", kind: str = "") -> QuerySet[Source]:
    """Sources for the list page, each annotated with its number of highlights and claims,
    and its claims by status (``claims_<status>``) for the bar of how much is checked."""
    queryset = Source.objects.select_related("imported_by").annotate(
        highlight_count=Count("highlights", distinct=True),
        claim_count=Count("highlights__links__claim", distinct=True),
        **{
            f"claims_{status}": Count(
                "highlights__links__claim",
                filter=Q(highlights__links__claim__status=status),
                distinct=True,
            )
            for status in ClaimStatus.values
        },
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search)
            | Q(publisher__icontains=search)
            | Q(current_revision__body__icontains=search)
        )
    return queryset.order_by("-published_on", "title", "id")

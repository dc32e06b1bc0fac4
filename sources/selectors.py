"""Reads of sources, with what their pages need already joined."""

from django.db.models import Count, Q, QuerySet

from .models import Source


def sources_for_list(*, search: str = "", kind: str = "") -> QuerySet[Source]:
    """Sources for the list page, each annotated with its number of highlights and claims."""
    queryset = Source.objects.select_related("imported_by").annotate(
        highlight_count=Count("highlights", distinct=True),
        claim_count=Count("highlights__links__claim", distinct=True),
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

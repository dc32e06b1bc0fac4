"""Reads for the claim pages: the filtered list, one claim with everything it shows,
and who claims can be assigned to."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from core import roles
from editorial.claims import search as claim_search
from editorial.models import Claim, ClaimHighlight, ClaimTag, Evidence
from sources import search as search_index


def claims_for_list(
    *,
    status: str = "",
    source_id: int | None = None,
    dispute_id: int | None = None,
    assignee_id: int | None = None,
    unassigned: bool = False,
    search: str = "",
    source_search: str = "",
    tag: str = "",
) -> QuerySet[Claim]:
    """Claims for the list page and the API's search, newest first, with their sources.

    ``source_search`` keeps the claims with a highlight in a source whose title or
    publisher contains it; as a subquery of claim ids, so a claim with several such
    highlights comes once without ``DISTINCT``.
    """
    queryset = Claim.objects.select_related("assigned_to").prefetch_related(
        Prefetch(
            "links",
            queryset=ClaimHighlight.objects.select_related("highlight__source"),
        ),
        "disputes",
        Prefetch("taggings", queryset=ClaimTag.objects.select_related("tag")),
    )
    if tag:
        queryset = queryset.filter(pk__in=Claim.objects.filter(taggings__tag__slug=tag))
    if status:
        queryset = queryset.filter(status=status)
    if source_id:
        queryset = queryset.filter(links__highlight__source_id=source_id)
    if dispute_id:
        queryset = queryset.filter(dispute_positions__dispute_id=dispute_id)
    if unassigned:
        queryset = queryset.filter(assigned_to__isnull=True)
    elif assignee_id:
        queryset = queryset.filter(assigned_to_id=assignee_id)
    if search:
        queryset = claim_search.filter_claims(queryset, search)
    if source_search.strip():
        queryset = queryset.filter(
            pk__in=ClaimHighlight.objects.filter(
                search_index.source_named(source_search, via="highlight__source__")
            ).values("claim_id")
        )
    if source_id or dispute_id:
        queryset = queryset.distinct()
    return queryset.order_by("-created_at", "-id")


def claim_for_page(*, pk: int) -> Claim:
    """One claim with its highlights (and their sources), evidence and disputes."""
    return (
        Claim.objects.select_related("created_by", "assigned_to", "reviewed_by")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ClaimHighlight.objects.select_related(
                    "highlight__source", "highlight__revision"
                ).order_by("highlight__source__title", "highlight__start", "id"),
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("added_by").order_by(
                    "added_at", "id"
                ),
            ),
            "disputes",
            Prefetch("taggings", queryset=ClaimTag.objects.select_related("tag")),
        )
        .get(pk=pk)
    )


def assignees() -> QuerySet:
    """People claims can be assigned to: active members of the desk's groups."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__name__in=[roles.EDITORS, roles.REVIEWERS]) | Q(is_superuser=True)
        )
        .distinct()
        .order_by("username")
    )

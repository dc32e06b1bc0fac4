"""Reads of the editorial records, with what each page needs already joined, so a page
makes a fixed number of queries however many highlights or claims it shows."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from sources.models import Source

from . import marks, roles
from . import search as search_index
from .models import ApiToken, Claim, ClaimHighlight, Evidence, Highlight


def highlight_marks_for_reader(*, source: Source) -> list[tuple[int, int, int, str]]:
    """The source's current highlights as ``(id, start, end, status)``: what the reader
    needs to draw its marks and count its legend, and nothing more.

    One query of plain values (a highlight with several claims comes back once per
    claim), no model instances: the reader draws thousands of highlights, and what
    their claims say is fetched by the side panel when it opens
    (:func:`highlights_for_panel`). In id order, so the same highlights always come
    back the same (``editorial.reader`` keeps their drawing under them); the indexes
    ``highlight_revision_span`` and ``link_highlight_claim`` cover the query.
    """
    rows = (
        Highlight.objects.filter(revision_id=source.current_revision_id)
        .order_by("pk")
        .values_list("pk", "start", "end", "links__claim__status")
    )
    rank = marks.STATUS_RANK
    found: dict[int, tuple[int, int, int, str]] = {}
    for row in rows:
        known = found.get(row[0])
        if row[3] is None:  # no claim (so its only row)
            found[row[0]] = (*row[:3], marks.NO_CLAIM)
        elif known is None or rank[row[3]] < rank[known[3]]:
            found[row[0]] = row
    return list(found.values())


def highlights_for_panel(*, source: Source, ids) -> QuerySet[Highlight]:
    """The source's current highlights among ``ids``, each with its claims and evidence.

    Each highlight has ``panel_links`` (its links with their claims) and each of those
    claims ``panel_evidence``: the reader's side panel shows them all.
    """
    return (
        Highlight.objects.filter(revision_id=source.current_revision_id, pk__in=ids)
        .order_by("start", "end", "id")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ClaimHighlight.objects.select_related("claim").order_by(
                    "claim__created_at", "id"
                ),
                to_attr="panel_links",
            ),
            Prefetch(
                "panel_links__claim__evidence",
                queryset=Evidence.objects.order_by("added_at", "id"),
                to_attr="panel_evidence",
            ),
        )
    )


def claims_for_list(
    *,
    status: str = "",
    source_id: int | None = None,
    dispute_id: int | None = None,
    assignee_id: int | None = None,
    unassigned: bool = False,
    search: str = "",
    source_search: str = "",
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
    )
    if status:
        queryset = queryset.filter(status=status)
    if source_id:
        queryset = queryset.filter(links__highlight__source_id=source_id)
    if dispute_id:
        queryset = queryset.filter(dispute_memberships__dispute_id=dispute_id)
    if unassigned:
        queryset = queryset.filter(assigned_to__isnull=True)
    elif assignee_id:
        queryset = queryset.filter(assigned_to_id=assignee_id)
    if search:
        queryset = search_index.filter_claims(queryset, search)
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


def api_tokens_for(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def highlights_for_annotations(*, source: Source) -> QuerySet[Highlight]:
    """The source's current highlights, loaded as ``annotations.highlight_annotation`` needs."""
    return (
        Highlight.objects.filter(revision_id=source.current_revision_id)
        .select_related("source", "created_by")
        .prefetch_related(
            Prefetch("links", queryset=ClaimHighlight.objects.select_related("claim"))
        )
        .order_by("start", "end", "id")
    )


def highlight_for_annotation(*, pk: int) -> Highlight:
    return (
        Highlight.objects.select_related("source", "created_by")
        .prefetch_related(
            Prefetch("links", queryset=ClaimHighlight.objects.select_related("claim"))
        )
        .get(pk=pk)
    )

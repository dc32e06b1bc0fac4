"""Reads for the exports: every record, joined as the serialisers need, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from editorial.exports.claimreview import RATINGS
from editorial.models import Claim, ClaimHighlight, DisputeClaim, Highlight
from sources.models import Source


def _links_with_sources():
    return Prefetch(
        "links",
        queryset=ClaimHighlight.objects.select_related("highlight__source").order_by(
            "highlight__source__title", "highlight__start", "id"
        ),
    )


def _verified_as_of(claim_ref: str):
    """The date a claim is verified as of, when a dispute settled "each right at its
    date" made it so (the latest such date; NULL otherwise)."""
    return Subquery(
        DisputeClaim.objects.filter(
            claim_id=OuterRef(claim_ref), verified_as_of__isnull=False
        )
        .order_by("-verified_as_of")
        .values("verified_as_of")[:1]
    )


def _latest(history_model, **filters):
    return Subquery(
        history_model.objects.filter(**filters)
        .order_by("-history_date")
        .values("history_date")[:1]
    )


def _last_change():
    """When the annotation last changed: the highlight, its links or its claims' history.

    Each part falls back to the highlight's creation, since SQL's GREATEST (and
    SQLite's MAX) of a NULL is NULL.
    """
    # The claims' part is a subquery inside the history subquery: the highlight is two
    # queries out, so its OuterRef is nested (a plain OuterRef("pk") would name the
    # history row's own key and match unrelated links).
    links = ClaimHighlight.objects.filter(highlight=OuterRef(OuterRef("pk")))
    parts = [
        _latest(Highlight.history.model, id=OuterRef("pk")),
        _latest(ClaimHighlight.history.model, highlight_id=OuterRef("pk")),
        _latest(Claim.history.model, id__in=links.values("claim_id")),
    ]
    return Greatest(*(Coalesce(part, F("created_at")) for part in parts))


def highlights_for_export(*, source: Source | None = None) -> QuerySet[Highlight]:
    """Highlights on their source's current text, as ``annotations.highlight_annotation`` needs.

    Highlights left on an earlier revision (orphaned ones) are not annotations of the
    text a reader finds at the target; they travel in the fixture export instead.
    """
    queryset = Highlight.objects.filter(revision_id=F("source__current_revision_id"))
    if source is not None:
        queryset = queryset.filter(source=source)
    return (
        queryset.annotate(modified_at=_last_change())
        .select_related("source", "created_by")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ClaimHighlight.objects.select_related("claim").annotate(
                    verified_as_of=_verified_as_of("claim_id")
                ),
            )
        )
        .order_by("source_id", "start", "end", "id")
    )


def claims_with_verdicts() -> QuerySet[Claim]:
    """Claims a ClaimReview is published for, with the sources stating them."""
    return (
        Claim.objects.filter(status__in=list(RATINGS))
        .annotate(verified_as_of=_verified_as_of("pk"))
        .prefetch_related(_links_with_sources())
        .order_by("pk")
    )


def claim_with_sources(*, pk: int) -> Claim:
    return (
        Claim.objects.annotate(verified_as_of=_verified_as_of("pk"))
        .prefetch_related(_links_with_sources())
        .get(pk=pk)
    )


def claims_for_spreadsheet() -> QuerySet[Claim]:
    """Every claim with its reviewer, highlights, sources and the time of its last change."""
    last_change = (
        Claim.history.model.objects.filter(id=OuterRef("pk"))
        .order_by("-history_date", "-history_id")
        .values("history_date")[:1]
    )
    return (
        Claim.objects.select_related("reviewed_by")
        .prefetch_related(_links_with_sources())
        .annotate(
            last_change=Subquery(last_change), verified_as_of=_verified_as_of("pk")
        )
        .order_by("pk")
    )

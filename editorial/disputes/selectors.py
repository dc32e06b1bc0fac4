"""Reads for the dispute pages: positions with every source stating them, and history."""

from __future__ import annotations

from itertools import chain

from django.db.models import Count, Min, Prefetch, Q, QuerySet

from editorial.models import Claim, ClaimHighlight, Dispute, DisputeClaim, Evidence


def disputes_for_list(
    *, status: str = "", source_id: int | None = None
) -> QuerySet[Dispute]:
    """Disputes with their number of positions and of sources stating them."""
    queryset = Dispute.objects.select_related("created_by", "resolved_by").annotate(
        position_count=Count("positions", distinct=True),
        source_count=Count("claims__links__highlight__source", distinct=True),
    )
    if status:
        queryset = queryset.filter(status=status)
    if source_id:
        queryset = queryset.filter(
            pk__in=Dispute.objects.filter(
                claims__links__highlight__source_id=source_id
            ).values("pk")
        )
    return queryset.order_by("status", "-created_at", "-id")


def dispute_for_page(*, pk: int) -> Dispute:
    """One dispute with each position's claim, its highlights (with sources) and evidence."""
    links = ClaimHighlight.objects.select_related(
        "highlight__source", "highlight__revision"
    ).order_by(
        "highlight__source__published_on", "highlight__source_id", "highlight__start"
    )
    claims = Claim.objects.prefetch_related(
        Prefetch("links", queryset=links),
        Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "id")),
    )
    positions = DisputeClaim.objects.select_related("added_by").prefetch_related(
        Prefetch("claim", queryset=claims)
    )
    return (
        Dispute.objects.select_related("created_by", "resolved_by")
        .prefetch_related(Prefetch("positions", queryset=positions))
        .get(pk=pk)
    )


def dispute_timeline(*, dispute: Dispute) -> list[dict]:
    """Every step of a dispute, oldest first: its own changes and its positions' comings
    and goings, each with who and why (``what``, ``row``, and ``claim`` for positions)."""
    own = Dispute.history.filter(id=dispute.pk).select_related("history_user")
    positions = DisputeClaim.history.filter(dispute_id=dispute.pk).select_related(
        "history_user"
    )
    rows = sorted(
        chain(own, positions), key=lambda row: (row.history_date, row.history_id)
    )
    claims = Claim.objects.in_bulk(
        {row.claim_id for row in rows if hasattr(row, "claim_id")}
    )
    steps = []
    previous = None
    for row in rows:
        if hasattr(row, "claim_id"):
            what = {"+": "Position added", "-": "Position removed"}.get(
                row.history_type, "Position changed"
            )
            steps.append({"what": what, "row": row, "claim": claims.get(row.claim_id)})
            continue
        if row.history_type == "+":
            what = "Opened"
        elif previous is not None and previous != row.status:
            what = "Resolved" if row.status == Dispute.Status.RESOLVED else "Reopened"
        else:
            what = "Changed"
        previous = row.status
        steps.append({"what": what, "row": row, "claim": None})
    return steps


def claims_to_add(*, dispute: Dispute) -> QuerySet[Claim]:
    """Every claim that may become one more position: the forms validate against it."""
    return Claim.objects.exclude(pk__in=dispute.positions.values("claim_id")).order_by(
        "statement"
    )


#: Claims a dispute form offers in its menu, at most: a menu of the whole desk would
#: cost a hundred thousand options on a big desk. Any other claim is given by number.
OFFERED_CLAIMS = 50


def claims_offered(*, near, chosen=(), exclude=None) -> list[Claim]:
    """A short list of the claims a dispute likely compares, for a menu.

    ``chosen`` (ids already picked) first, then the claims stated in the sources of
    the same stories as the claims ``near`` (ids or a subquery of them; without a
    story, the same sources), newest first, then the newest on the desk: at most
    ``OFFERED_CLAIMS`` besides the chosen. ``exclude`` (a subquery of claim ids) is
    left out. Three queries at most, whatever the size of the desk.
    """
    claims = Claim.objects.only("pk", "statement")
    if exclude is not None:
        claims = claims.exclude(pk__in=exclude)
    chosen = [int(pk) for pk in chosen]
    found = sorted(claims.filter(pk__in=chosen), key=lambda c: chosen.index(c.pk))
    near_links = ClaimHighlight.objects.filter(claim_id__in=near)
    same = ClaimHighlight.objects.filter(
        Q(highlight__source_id__in=near_links.values("highlight__source_id"))
        | Q(
            highlight__source__story_id__in=near_links.filter(
                highlight__source__story__isnull=False
            ).values("highlight__source__story_id")
        )
    )
    limit = OFFERED_CLAIMS + len(found)
    for picked in (claims.filter(pk__in=same.values("claim_id")), claims):
        if len(found) >= limit:
            break
        more = picked.exclude(pk__in=[claim.pk for claim in found])
        found += list(more.order_by("-pk")[: limit - len(found)])
    return found


def dispute_counts_for_source(*, source_id: int) -> dict[str, int]:
    counts = Dispute.objects.filter(
        pk__in=Dispute.objects.filter(
            claims__links__highlight__source_id=source_id
        ).values("pk")
    ).aggregate(
        open=Count("id", filter=Q(status=Dispute.Status.OPEN)),
        resolved=Count("id", filter=Q(status=Dispute.Status.RESOLVED)),
    )
    return counts


def position_source_dates(*, dispute: Dispute) -> dict:
    """Each position's claim id -> the date of the earliest dated source stating it
    (one query); positions no dated source states are left out."""
    rows = (
        DisputeClaim.objects.filter(dispute=dispute)
        .annotate(first=Min("claim__links__highlight__source__published_on"))
        .values_list("claim_id", "first")
    )
    return {claim_id: first for claim_id, first in rows if first is not None}


def dated_timeline(positions) -> list:
    """The positions of a dispute settled "each right at its date", oldest date first."""
    dated = [p for p in positions if p["position"].verified_as_of]
    return sorted(dated, key=lambda p: (p["position"].verified_as_of, p["claim"].pk))

"""Each person's desk: what is theirs to do, overdue first.

Every list is one query (counted in the tests at two sizes), bounded to what a page
shows; nothing is computed per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from core import roles
from editorial.models import Claim, ClaimStatus, Dispute, DisputeStatus, Notification

#: How many rows each part of the desk shows.
SHOWN = 50
#: Statuses in which a claim still needs work (no verdict yet).
OPEN_STATUSES = [ClaimStatus.UNVERIFIED, ClaimStatus.IN_REVIEW, ClaimStatus.DISPUTED]


def _queue_order(queryset: QuerySet) -> QuerySet:
    """Overdue first, then by due date (none last), then the most urgent, then oldest."""
    today = timezone.localdate()
    return queryset.annotate(
        overdue=Case(
            When(due_on__lt=today, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by(
        "-overdue", F("due_on").asc(nulls_last=True), "-priority", "created_at", "id"
    )


def assigned_to_me(user) -> QuerySet[Claim]:
    return _queue_order(
        Claim.objects.filter(assigned_to=user, status__in=OPEN_STATUSES)
    ).select_related("assigned_to")


def awaiting_my_review(user) -> QuerySet[Claim]:
    """Claims in review that a reviewer could settle (not the ones they assigned away)."""
    return _queue_order(
        Claim.objects.filter(status=ClaimStatus.IN_REVIEW).filter(
            Q(assigned_to__isnull=True) | Q(assigned_to=user)
        )
    ).select_related("assigned_to")


def my_mentions(user) -> QuerySet[Notification]:
    return Notification.objects.filter(
        recipient=user, kind="comment.mention"
    ).select_related("actor")


def my_disputes(user) -> QuerySet[Dispute]:
    """Open disputes I opened, or whose positions are claims I wrote or hold."""
    mine = Q(created_by=user) | Q(
        pk__in=Dispute.objects.filter(
            Q(claims__created_by=user) | Q(claims__assigned_to=user)
        ).values("pk")
    )
    return (
        Dispute.objects.filter(mine, status=DisputeStatus.OPEN)
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


@dataclass
class Desk:
    assigned: list[Claim]
    assigned_count: int
    review: list[Claim] | None
    mentions: list[Notification]
    disputes: list[Dispute]
    today: object

    @property
    def empty(self) -> bool:
        return not (self.assigned or self.review or self.mentions or self.disputes)


def desk_for(user) -> Desk:
    assigned = list(assigned_to_me(user)[: SHOWN + 1])
    return Desk(
        assigned=assigned[:SHOWN],
        assigned_count=len(assigned),
        review=list(awaiting_my_review(user)[:SHOWN])
        if roles.is_reviewer(user)
        else None,
        mentions=list(my_mentions(user)[:SHOWN]),
        disputes=list(my_disputes(user)[:SHOWN]),
        today=timezone.localdate(),
    )

"""Reads for the desk's home: what needs attention and how the work goes, each chart's
numbers counted by the database in one query."""

from __future__ import annotations

import datetime

from django.db.models import Count, Value
from django.db.models.fields import CharField
from django.db.models.functions import TruncWeek
from django.utils import timezone

from editorial.disputes.selectors import disputes_for_list
from editorial.models import Claim, Dispute, Suggestion, SuggestionStatus
from sources.models import Source

#: How many items the lists on the home show; the full lists are one click away.
LIST_LENGTH = 5
#: How many weeks the weekly charts show, ending with the last week with any activity.
WEEKS = 12


def open_disputes(limit: int = LIST_LENGTH):
    return list(disputes_for_list(status=Dispute.Status.OPEN)[:limit])


def new_suggestions(limit: int = LIST_LENGTH):
    return list(
        Suggestion.objects.filter(status=SuggestionStatus.OPEN)
        .select_related("source")
        .order_by("-created_at", "-id")[:limit]
    )


def claims_by_status() -> dict[str, int]:
    """Every status with its number of claims (zero included), in one query."""
    counts = dict(
        Claim.objects.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Claim.Status.values}


def _week(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def claims_and_verdicts_per_week() -> dict[str, dict[datetime.date, int]]:
    """Claims opened and verdicts given, by week (Monday), in one query (a UNION)."""
    tz = timezone.get_current_timezone()
    opened = (
        Claim.objects.order_by()
        .annotate(week=TruncWeek("created_at", tzinfo=tz))
        .values("week")
        .annotate(n=Count("id"), what=Value("opened", output_field=CharField()))
        .values_list("week", "n", "what")
    )
    verdicts = (
        Claim.objects.order_by()
        .filter(status__in=Claim.VERDICTS, reviewed_at__isnull=False)
        .annotate(week=TruncWeek("reviewed_at", tzinfo=tz))
        .values("week")
        .annotate(n=Count("id"), what=Value("verdicts", output_field=CharField()))
        .values_list("week", "n", "what")
    )
    result = {"opened": {}, "verdicts": {}}
    for week, n, what in opened.union(verdicts, all=True):
        result[what][_week(week)] = n
    return result


def sources_per_week() -> dict[datetime.date, int]:
    """Sources imported, by week (Monday), in one query."""
    tz = timezone.get_current_timezone()
    rows = (
        Source.objects.order_by()
        .annotate(week=TruncWeek("imported_at", tzinfo=tz))
        .values("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    )
    return {_week(week): n for week, n in rows}

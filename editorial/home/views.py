"""The desk's home at ``/``: what needs attention and how the work goes, at a glance."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from editorial.highlights.views import STATUS_LEGEND
from editorial.home import charts
from editorial.home import selectors as home_selectors
from editorial.models import Claim

RATINGS = [
    Claim.Status.VERIFIED,
    Claim.Status.MISLEADING,
    Claim.Status.FALSE,
    Claim.Status.UNVERIFIABLE,
]


def _weeks(*series: dict) -> list:
    """The home's weeks: ``WEEKS`` of them, ending with the last one with activity."""
    active = [week for counts in series for week, n in counts.items() if n]
    last = max(active) if active else timezone.localdate()
    return charts.weeks_ending(last, home_selectors.WEEKS)


def _charts(by_status: dict[str, int]) -> list[charts.Chart]:
    per_week = home_selectors.claims_and_verdicts_per_week()
    imported = home_selectors.sources_per_week()
    weeks = _weeks(per_week["opened"], per_week["verdicts"])
    source_weeks = _weeks(imported)
    return [
        charts.grouped_bars(
            slug="claims-per-week",
            title="Claims opened and verdicts given per week",
            description=(
                f"Claims opened and verdicts given in each of the {len(weeks)} weeks "
                f"to the week of {charts.week_label(weeks[-1])} {weeks[-1]:%Y}."
            ),
            labels=[charts.week_label(week) for week in weeks],
            series={
                "Claims opened": [per_week["opened"].get(w, 0) for w in weeks],
                "Verdicts given": [per_week["verdicts"].get(w, 0) for w in weeks],
            },
        ),
        charts.grouped_bars(
            slug="verdicts-by-rating",
            title="Verdicts by rating",
            description="How many claims have each verdict today.",
            labels=[Claim.Status(status).label for status in RATINGS],
            series={"Claims": [by_status[status] for status in RATINGS]},
        ),
        charts.grouped_bars(
            slug="sources-per-week",
            title="Sources imported per week",
            description=(
                f"Sources imported in each of the {len(source_weeks)} weeks to the "
                f"week of {charts.week_label(source_weeks[-1])} "
                f"{source_weeks[-1]:%Y}."
            ),
            labels=[charts.week_label(week) for week in source_weeks],
            series={"Sources": [imported.get(w, 0) for w in source_weeks]},
        ),
    ]


@require_safe
def home(request):
    """The desk's home. Like every desk page, it sends a visitor to the log-in page
    (``LoginRequiredMiddleware``), as ``/`` always did."""
    by_status = home_selectors.claims_by_status()
    total = sum(by_status.values())
    statuses = [
        {
            "status": status,
            "label": label,
            "count": by_status.get(status, 0),
            "share": round(100 * by_status.get(status, 0) / total, 1) if total else 0,
        }
        for status, label in STATUS_LEGEND
        if status in Claim.Status.values
    ]
    return render(
        request,
        "editorial/home/home.html",
        {
            "open_disputes": home_selectors.open_disputes(),
            "suggestions": home_selectors.new_suggestions(),
            "statuses": statuses,
            "claim_total": total,
            "charts": _charts(by_status),
        },
    )

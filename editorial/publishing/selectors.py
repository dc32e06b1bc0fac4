"""Reads for publishing: the public list and page, the desk's view of a claim's fact check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from editorial.exports.claimreview import RATINGS
from editorial.models import Claim, ClaimHighlight, FactCheck


def public_fact_checks(*, query: str = "") -> QuerySet[FactCheck]:
    """Published fact checks, newest first, with their claims; ``query`` searches words."""
    fact_checks = (
        FactCheck.objects.filter(is_public=True)
        .select_related("claim")
        .order_by("-published_at", "-id")
    )
    for word in query.split()[:10]:
        fact_checks = fact_checks.filter(
            Q(headline__icontains=word)
            | Q(summary__icontains=word)
            | Q(claimant__icontains=word)
            | Q(claim__statement__icontains=word)
        )
    return fact_checks


def fact_check_for_page(*, slug: str) -> FactCheck:
    """One fact check (public or not) with what its page and ClaimReview read."""
    links = ClaimHighlight.objects.select_related("highlight__source").order_by(
        "highlight__source__published_on", "highlight__start", "pk"
    )
    return (
        FactCheck.objects.select_related("claim")
        .prefetch_related(
            Prefetch("claim__links", queryset=links),
            "claim__evidence",
            "updates",
        )
        .get(slug=slug)
    )


def fact_check_for_claim(*, claim: Claim) -> FactCheck | None:
    """The claim's fact check, published or not, for the claim page."""
    return FactCheck.objects.filter(claim_id=claim.pk).first()


def date_modified(fact_check: FactCheck) -> datetime:
    """When readers last saw a change: an update, or a verdict given since publishing."""
    reviewed = fact_check.claim.reviewed_at
    if reviewed and reviewed > fact_check.modified_at:
        return reviewed
    return fact_check.modified_at


@dataclass(frozen=True)
class Correction:
    """The claim's verdict changed after the fact check was published."""

    made_at: datetime
    was: str
    now: str


def rating_words(status: str) -> str:
    """A status as readers read it: the ClaimReview's words for a verdict."""
    if status in RATINGS:
        return RATINGS[status][1]
    return f"no rating ({Claim.Status(status).label.lower()})"


def corrections(fact_check: FactCheck) -> list[Correction]:
    """Each change of the claim's status since publication, from the claim's history."""
    rows = (
        Claim.history.filter(id=fact_check.claim_id)
        .order_by("history_date", "history_id")
        .values_list("history_date", "status")
    )
    found, status = [], None
    for made_at, row_status in rows:
        if made_at > fact_check.published_at and status and row_status != status:
            found.append(
                Correction(made_at, rating_words(status), rating_words(row_status))
            )
        status = row_status
    return found


@dataclass(frozen=True)
class Change:
    """An update or a correction, as the public page lists it."""

    kind: str  # "update" or "correction"
    made_at: datetime
    text: str


def changes_for_readers(fact_check: FactCheck) -> list[Change]:
    """Updates (from the desk) and corrections (verdict changes), oldest first."""
    changes = [
        Change("update", update.made_at, update.note)
        for update in fact_check.updates.all()
    ] + [
        Change(
            "correction",
            correction.made_at,
            f"the rating changed from {correction.was} to {correction.now}.",
        )
        for correction in corrections(fact_check)
    ]
    return sorted(changes, key=lambda change: change.made_at)

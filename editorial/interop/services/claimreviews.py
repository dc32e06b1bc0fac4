"""Other fact-checkers' verdicts taken onto the desk.

Each ClaimReview becomes evidence on the desk's claim it reviews, found by the claim
matching the checks use (``restated.best_claim``: the same words, numbers agreeing),
with the organisation, its rating and the review's address; a review of a claim the
desk does not track becomes a new claim (unverified, tagged “from claimreview”) with
that evidence, for an editor to take up or delete. A review this desk published
itself comes back to its own claim and adds nothing. A review whose rating says
neither true nor false is listed, not guessed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.history import clean_reason
from core.roles import require_editor
from editorial.checks.restated import best_claim
from editorial.checks.text import numbers_in
from editorial.claims import services as claim_services
from editorial.interop import claimreview_format
from editorial.interop import selectors as interop_selectors
from editorial.interop.services import ImportReport
from editorial.models import Claim, Evidence
from editorial.tags import services as tag_services

NEW_CLAIM_TAG = "from claimreview"


def _label(review) -> str:
    return f"{review.organisation or 'a fact-checker'}: “{review.claim[:80]}”"


def _citation(review) -> str:
    when = f" on {review.published[:10]}" if review.published else ""
    return (
        f"{review.organisation or 'A fact-checker'} rated it “{review.rating}”{when}."
    )


def _one(review, *, user, reason, report) -> None:
    if not review.claim:
        report.refused.append((_label(review), "it names no claim (claimReviewed)"))
        return
    own = interop_selectors.published_claim(review.url) if review.url else None
    if own is not None:
        report.matched.append(
            _label(review) + f" is this desk's own fact check (claim {own})"
        )
        return
    if review.supports is None:
        report.refused.append(
            (
                _label(review),
                f"its rating “{review.rating}” says neither true nor false; add it by hand",
            )
        )
        return
    match = best_claim(review.claim, interop_selectors.candidate_claims(review.claim))
    if match and numbers_in(match[0].statement) != numbers_in(review.claim):
        match = None  # "a 15% tariff" never reviews "a 25% tariff"
    claim = Claim.objects.get(pk=match[0].id) if match else None
    if (
        claim is not None
        and review.url
        and Evidence.objects.filter(claim=claim, url=review.url).exists()
    ):
        report.matched.append(
            _label(review) + f" (already evidence on claim {claim.pk})"
        )
        return
    created = claim is None
    if created:
        claim = claim_services.claim_create(
            statement=review.claim[:2000], user=user, reason=reason
        )
        tag_services.claim_set_tags(
            claim=claim, text=NEW_CLAIM_TAG, user=user, reason=reason
        )
    claim_services.evidence_add(
        claim=claim,
        supports=review.supports,
        url=review.url,
        citation=_citation(review),
        note=f"Reviewed: “{review.claim[:500]}”",
        user=user,
        reason=reason,
    )
    report.imported.append(
        _label(review)
        + (
            f" as a new claim {claim.pk}"
            if created
            else f" as evidence on claim {claim.pk}"
        )
    )


def import_claimreviews(
    *, text: str, user, reason: str = "", base_url: str = ""
) -> ImportReport:
    """Read ClaimReview markup (JSON-LD or an HTML page) and take each review in."""
    require_editor(user)
    reason = clean_reason(reason or "Imported from another fact-checker's ClaimReview")
    try:
        reviews = claimreview_format.read(text, base_url=base_url)
    except claimreview_format.NotClaimReview as bad:
        raise ValidationError({"file": str(bad)}) from bad
    report = ImportReport()
    for review in reviews:
        try:
            with transaction.atomic():
                _one(review, user=user, reason=reason, report=report)
        except (ValidationError, PermissionDenied) as refused:
            text_ = " ".join(getattr(refused, "messages", [str(refused)]))
            report.refused.append((_label(review), text_))
    return report

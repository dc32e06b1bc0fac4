"""Publishing fact checks: publish, update and unpublish, each by a reviewer, with a reason.

Each function is atomic, validates with ``full_clean()``, checks that the acting user
is a reviewer, and records the user and the reason in history. A claim's rating is
its verdict, which only ``claim_set_status`` changes (reviewers only), so nothing here
can publish a rating no reviewer gave.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.conflicts import EditConflict
from core.history import clean_reason, stamp
from core.roles import require_reviewer
from editorial.models import Claim, FactCheck, FactCheckUpdate

SLUG_WORDS = 10
#: What readers may be told changed; the rest of a fact check is the claim's own.
EDITABLE = ("headline", "summary", "claimant", "claimant_kind", "claim_date")


def _slug_for(headline: str) -> str:
    """A readable slug from the headline, made unique with a number when taken."""
    base = "-".join(slugify(headline).split("-")[:SLUG_WORDS])[:100].strip("-")
    base = base or "fact-check"
    slug, number = base, 2
    while FactCheck.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _require_verdict(claim: Claim) -> None:
    if claim.status not in Claim.VERDICTS:
        raise ValidationError(
            {
                "claim": (
                    f"This claim is {claim.get_status_display().lower()}: a reviewer "
                    "gives it a verdict before it can be published."
                )
            }
        )
    if not claim.verdict_note.strip():
        raise ValidationError(
            {
                "claim": "The verdict has no note: write the explanation readers "
                "will read before publishing."
            }
        )


def _cleaned(changes: dict) -> dict:
    return {
        name: value.strip() if isinstance(value, str) else value
        for name, value in changes.items()
    }


@transaction.atomic
def fact_check_publish(
    *,
    claim: Claim,
    user,
    reason: str,
    headline: str,
    claimant: str,
    claim_date: datetime.date | None,
    summary: str = "",
    claimant_kind: str = FactCheck.ClaimantKind.PERSON,
) -> FactCheck:
    """Publish a claim with a verdict as a fact check (or publish it again, same slug).

    ``summary`` defaults to the verdict note.
    """
    require_reviewer(user, "publish fact checks")
    reason = clean_reason(reason)
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _require_verdict(claim)
    if claim_date is None:
        raise ValidationError({"claim_date": "Give the date the claim was made."})
    fields = _cleaned(
        {
            "headline": headline or "",
            "summary": summary or claim.verdict_note,
            "claimant": claimant or "",
            "claimant_kind": claimant_kind,
            "claim_date": claim_date,
        }
    )
    now = timezone.now()
    existing = FactCheck.objects.select_for_update().filter(claim=claim).first()
    if existing is not None and existing.is_public:
        raise ValidationError(
            {"claim": "This claim is already published; update the fact check instead."}
        )
    if existing is None:
        fact_check = FactCheck(
            claim=claim,
            slug=_slug_for(fields["headline"]),
            published_at=now,
            published_by=user,
            **fields,
        )
    else:
        fact_check = existing
        for name, value in fields.items():
            setattr(fact_check, name, value)
        fact_check.is_public = True
        fact_check.version += 1
    fact_check.modified_at = now
    fact_check.full_clean()
    stamp(fact_check, user=user, reason=reason)
    fact_check.save()
    if existing is not None:
        _tell_readers(fact_check, f"Published again: {reason}", user, reason, now)
    return fact_check


def _tell_readers(fact_check, note, user, reason, now) -> FactCheckUpdate:
    update = FactCheckUpdate(
        fact_check=fact_check, note=note, made_at=now, made_by=user
    )
    update.full_clean()
    stamp(update, user=user, reason=reason)
    update.save()
    return update


def _locked(fact_check: FactCheck, expected_version: int | None) -> FactCheck:
    current = FactCheck.objects.select_for_update().get(pk=fact_check.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version)
    return current


@transaction.atomic
def fact_check_update(
    *,
    fact_check: FactCheck,
    user,
    reason: str,
    note: str = "",
    expected_version: int | None = None,
    **changes,
) -> FactCheck:
    """Change a published fact check; readers see "Updated on <date>: <note>".

    ``note`` is what readers are told changed; without one, the reason is shown.
    The slug stays as it was.
    """
    require_reviewer(user, "update fact checks")
    reason = clean_reason(reason)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(
            {name: "This field cannot be changed here." for name in sorted(unknown)}
        )
    current = _locked(fact_check, expected_version)
    if not current.is_public:
        raise ValidationError(
            {"fact_check": "This fact check is unpublished; publish it again first."}
        )
    changes = _cleaned(changes)
    changed = [
        name for name, value in changes.items() if getattr(current, name) != value
    ]
    if not changed:
        raise ValidationError(
            {"fact_check": "Nothing changed: edit a field before updating."}
        )
    if "claim_date" in changed and changes["claim_date"] is None:
        raise ValidationError({"claim_date": "Give the date the claim was made."})
    now = timezone.now()
    for name in changed:
        setattr(current, name, changes[name])
    current.modified_at = now
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(update_fields=[*changed, "modified_at", "version"])
    _tell_readers(current, (note or "").strip() or reason, user, reason, now)
    return current


@transaction.atomic
def fact_check_unpublish(
    *, fact_check: FactCheck, user, reason: str, expected_version: int | None = None
) -> FactCheck:
    """Take a fact check off the public site; its URL answers 410 Gone until republished."""
    require_reviewer(user, "unpublish fact checks")
    reason = clean_reason(reason)
    current = _locked(fact_check, expected_version)
    if not current.is_public:
        raise ValidationError({"fact_check": "This fact check is already unpublished."})
    current.is_public = False
    current.modified_at = timezone.now()
    current.version += 1
    stamp(current, user=user, reason=reason)
    current.save(update_fields=["is_public", "modified_at", "version"])
    return current

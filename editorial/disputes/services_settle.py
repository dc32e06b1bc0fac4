"""Settling a dispute without one winner: each position right at its date, or none can be.

Figures that change over time (about twenty in September 2025, 26 and then 34 by
November, 35 in January 2026) are each right at their date: the reviewer verifies every
position as of its source's date, and the dispute page shows them as a timeline.
When the evidence settles none of them, every position becomes unverifiable. Either
way the reviewer says why, and every claim's change is kept in its history.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import clean_reason, stamp
from core.roles import require_reviewer
from editorial.claims.services import claim_set_status
from editorial.disputes.selectors import position_source_dates
from editorial.disputes.services import close_dispute, locked_dispute
from editorial.models import Claim, Dispute


def _open_and_noted(dispute, *, note, expected_version):
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": "Say why the dispute is settled so; it is kept."}
        )
    current = locked_dispute(dispute, expected_version)
    if current.status != Dispute.Status.OPEN:
        raise ValidationError({"dispute": "This dispute is already resolved."})
    return current, note


@transaction.atomic
def dispute_resolve_each_at_its_date(
    *,
    dispute: Dispute,
    note: str,
    user,
    reason: str,
    as_of: dict[int, datetime.date] | None = None,
    expected_version: int | None = None,
) -> Dispute:
    """Settle a dispute as a timeline: every position is verified as of a date.

    A position's date is the one the reviewer gives in ``as_of`` (claim id -> date),
    else the date of the earliest source stating it. A position with neither is
    refused, and nothing changes: a timeline needs every date.
    """
    require_reviewer(user, "resolve a dispute")
    reason = clean_reason(reason)
    current, note = _open_and_noted(
        dispute, note=note, expected_version=expected_version
    )
    positions = list(current.positions.select_related("claim").order_by("claim_id"))
    as_of = dict(as_of or {})
    if set(as_of) - {p.claim_id for p in positions}:
        raise ValidationError(
            {"as_of": "A date was given for a claim outside this dispute."}
        )
    source_dates = position_source_dates(dispute=current)
    dated = []
    for position in positions:
        when = as_of.get(position.claim_id) or source_dates.get(position.claim_id)
        if when is None:
            raise ValidationError(
                {
                    "as_of": f"Give the date at which “{position.claim.statement[:80]}” "
                    "was right: no source stating it has a date."
                }
            )
        dated.append((position, when))
    if len({when for _, when in dated}) < len(dated):
        raise ValidationError(
            {
                "as_of": "Two positions have the same date; a timeline needs each "
                "answer at its own date. Settle it on one position instead."
            }
        )
    why = f"{reason} (dispute {current.pk} resolved: each right at its date)"
    for position, when in dated:
        position.verified_as_of = when
        position.full_clean()
        stamp(position, user=user, reason=why)
        position.save(update_fields=["verified_as_of"])
        claim_set_status(
            claim=position.claim,
            status=Claim.Status.VERIFIED,
            verdict_note=f"Right as of {when.day} {when:%b %Y}. {note}",
            user=user,
            reason=why,
        )
    return close_dispute(
        current,
        resolution=Dispute.Resolution.EACH_AT_ITS_DATE,
        note=note,
        user=user,
        reason=reason,
    )


@transaction.atomic
def dispute_resolve_cannot_be_settled(
    *,
    dispute: Dispute,
    note: str,
    user,
    reason: str,
    expected_version: int | None = None,
) -> Dispute:
    """Close a dispute the evidence cannot settle: every position becomes unverifiable."""
    require_reviewer(user, "resolve a dispute")
    reason = clean_reason(reason)
    current, note = _open_and_noted(
        dispute, note=note, expected_version=expected_version
    )
    why = f"{reason} (dispute {current.pk} resolved: cannot be settled)"
    for claim in current.claims.order_by("pk"):
        claim_set_status(
            claim=claim,
            status=Claim.Status.UNVERIFIABLE,
            verdict_note=note,
            user=user,
            reason=why,
        )
    return close_dispute(
        current,
        resolution=Dispute.Resolution.CANNOT_BE_SETTLED,
        note=note,
        user=user,
        reason=reason,
    )

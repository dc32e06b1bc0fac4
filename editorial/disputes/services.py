"""Writes to disputes: opening one, adding positions, resolving it on one position and
reopening it. The other two ways to settle one (each position right at its date, or
none can be settled) are in ``services_settle``."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.conflicts import EditConflict
from core.history import clean_reason, stamp
from core.roles import require_editor, require_reviewer
from editorial.claims.services import claim_set_status
from editorial.disputes.announce import announce_dispute
from editorial.models import (
    Claim,
    Dispute,
    DisputeClaim,
)


@transaction.atomic
def dispute_open(
    *, question: str, claims: Iterable[Claim], user, reason: str
) -> Dispute:
    """Group claims that answer ``question`` differently into an open dispute.

    The claims keep their statuses: grouping them is not a judgement of any.
    """
    require_editor(user)
    reason = clean_reason(reason)
    claims = list(dict.fromkeys(claims))
    if len(claims) < 2:
        raise ValidationError({"claims": "A dispute compares at least two claims."})
    dispute = Dispute(question=(question or "").strip(), created_by=user)
    dispute.full_clean()
    stamp(dispute, user=user, reason=reason)
    dispute.save()
    for claim in claims:
        _add_position(dispute, claim, user=user, reason=reason)
    announce_dispute("dispute.opened", dispute, user)
    return dispute


def locked_dispute(dispute: Dispute, expected_version: int | None) -> Dispute:
    """The dispute's current row, locked for this transaction; refuses a stale version."""
    current = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version)
    return current


def _add_position(dispute: Dispute, claim: Claim, *, user, reason: str) -> DisputeClaim:
    """Must run inside ``transaction.atomic``, after the dispute is saved or locked."""
    if DisputeClaim.objects.filter(dispute=dispute, claim=claim).exists():
        raise ValidationError({"claim": "This claim is already part of the dispute."})
    position = DisputeClaim(dispute=dispute, claim=claim, added_by=user)
    position.full_clean()
    stamp(position, user=user, reason=reason)
    position.save()
    return position


@transaction.atomic
def dispute_add_claim(
    *,
    dispute: Dispute,
    claim: Claim,
    user,
    reason: str,
    expected_version: int | None = None,
) -> DisputeClaim:
    """Add a claim to an open dispute as one more position."""
    require_editor(user)
    reason = clean_reason(reason)
    current = locked_dispute(dispute, expected_version)
    if current.status != Dispute.Status.OPEN:
        raise ValidationError(
            {"dispute": "This dispute is resolved; reopen it before adding a claim."}
        )
    position = _add_position(current, claim, user=user, reason=reason)
    current.version += 1
    stamp(current, user=user, reason=reason)
    current.save(update_fields=["version"])
    return position


#: Verdicts a reviewer may give the positions not chosen when resolving a dispute.
LOSING_VERDICTS = (
    Claim.Status.FALSE,
    Claim.Status.MISLEADING,
    Claim.Status.UNVERIFIABLE,
)


@transaction.atomic
def dispute_resolve(
    *,
    dispute: Dispute,
    chosen: Claim,
    note: str,
    user,
    reason: str,
    verdicts: dict[int, str] | None = None,
    expected_version: int | None = None,
) -> Dispute:
    """Settle a dispute on the position the evidence supports, all in one transaction.

    ``chosen`` becomes ``verified``; every other position becomes ``false`` or the
    verdict the reviewer gives it in ``verdicts`` (claim id -> status). Each claim's
    change and the dispute's own are kept in history with the user and reason.
    """
    require_reviewer(user, "resolve a dispute")
    reason = clean_reason(reason)
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": "Say why the evidence supports this position; it is kept."}
        )
    current = locked_dispute(dispute, expected_version)
    if current.status != Dispute.Status.OPEN:
        raise ValidationError({"dispute": "This dispute is already resolved."})
    claims = list(current.claims.order_by("pk"))
    ids = {claim.pk for claim in claims}
    if chosen.pk not in ids:
        raise ValidationError(
            {"chosen": "Choose one of the dispute's positions as the supported one."}
        )
    verdicts = dict(verdicts or {})
    strangers = set(verdicts) - ids
    if strangers:
        raise ValidationError(
            {"verdicts": "A verdict was given for a claim outside this dispute."}
        )
    for claim_id, verdict in verdicts.items():
        if claim_id != chosen.pk and verdict not in LOSING_VERDICTS:
            raise ValidationError(
                {
                    "verdicts": "A position not chosen is false, misleading or unverifiable."
                }
            )
    why = f"{reason} (dispute {current.pk} resolved)"
    for claim in claims:
        if claim.pk == chosen.pk:
            status = Claim.Status.VERIFIED
        else:
            status = verdicts.get(claim.pk, Claim.Status.FALSE)
        claim_set_status(
            claim=claim, status=status, verdict_note=note, user=user, reason=why
        )
    return close_dispute(
        current,
        resolution=Dispute.Resolution.ONE_RIGHT,
        note=note,
        user=user,
        reason=reason,
    )


def close_dispute(
    current: Dispute, *, resolution: str, note: str, user, reason: str
) -> Dispute:
    """Mark a locked dispute resolved ``resolution`` with its note, in history.

    Must run inside ``transaction.atomic``, after ``_locked_dispute``.
    """
    current.status = Dispute.Status.RESOLVED
    current.resolution = resolution
    current.resolution_note = note
    current.resolved_by = user
    current.resolved_at = timezone.now()
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(
        update_fields=[
            "status",
            "resolution",
            "resolution_note",
            "resolved_by",
            "resolved_at",
            "version",
        ]
    )
    announce_dispute("dispute.resolved", current, user)
    return current


@transaction.atomic
def dispute_reopen(
    *, dispute: Dispute, user, reason: str, expected_version: int | None = None
) -> Dispute:
    """Open a resolved dispute again: its positions go back to ``disputed`` and lose
    their verified-as-of dates.

    The verdicts given at resolution stay in each claim's history.
    """
    require_reviewer(user, "reopen a dispute")
    reason = clean_reason(reason)
    current = locked_dispute(dispute, expected_version)
    if current.status != Dispute.Status.RESOLVED:
        raise ValidationError({"dispute": "This dispute is already open."})
    why = f"{reason} (dispute {current.pk} reopened)"
    for claim in current.claims.order_by("pk"):
        if claim.status != Claim.Status.DISPUTED:
            claim_set_status(
                claim=claim, status=Claim.Status.DISPUTED, user=user, reason=why
            )
    for position in current.positions.exclude(verified_as_of=None):
        position.verified_as_of = None
        stamp(position, user=user, reason=why)
        position.save(update_fields=["verified_as_of"])
    current.status = Dispute.Status.OPEN
    current.resolution = ""
    current.resolved_by = None
    current.resolved_at = None
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(
        update_fields=["status", "resolution", "resolved_by", "resolved_at", "version"]
    )
    return current

"""Writes that go back in history: revert to an earlier version, restore what was deleted.

Nothing of the later history is lost: a revert or a restore is a new version whose
reason says what it brings back.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats

from core.conflicts import EditConflict
from core.history import clean_reason, stamp
from core.roles import require_editor, require_reviewer
from editorial.models import (
    Claim,
    ClaimHighlight,
    Dispute,
    DisputeClaim,
    Evidence,
    Highlight,
)
from sources.metadata import METADATA_FIELDS
from sources.models import Source
from sources.services import source_update_metadata

CLAIM_REVERTED_FIELDS = (
    "statement",
    "status",
    "verdict_note",
    "assigned_to_id",
    "reviewed_by_id",
    "reviewed_at",
)


def _describe(row) -> str:
    when = formats.date_format(row.history_date, "j M Y H:i")
    version = getattr(row, "version", None)
    return f"version {version} of {when}" if version else f"the version of {when}"


def _revert(
    *,
    model,
    obj,
    history_id: int,
    fields,
    user,
    reason: str,
    expected_version: int | None,
):
    reason = clean_reason(reason)
    current = model.objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version)
    row = model.history.filter(id=obj.pk, history_id=history_id).first()
    if row is None:
        raise ValidationError(
            {"history_id": "That version does not belong to this record."}
        )
    if row.history_type == "-":
        raise ValidationError(
            {
                "history_id": "That version records a deletion; choose a version before it."
            }
        )
    changed = [name for name in fields if getattr(current, name) != getattr(row, name)]
    if not changed:
        raise ValidationError(
            {
                "history_id": "The record already reads exactly as that version; nothing to restore."
            }
        )
    for name in changed:
        setattr(current, name, getattr(row, name))
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=f"Restored {_describe(row)}: {reason}")
    current.save(update_fields=[*changed, "version"])
    return current


@transaction.atomic
def claim_revert(
    *,
    claim: Claim,
    history_id: int,
    user,
    reason: str,
    expected_version: int | None = None,
) -> Claim:
    """Bring a claim back to an earlier version as a new version. A verdict needs a reviewer."""
    require_editor(user)
    row = Claim.history.filter(id=claim.pk, history_id=history_id).first()
    # Locked, so the status the rule compares with is the one the revert replaces.
    status_now = (
        Claim.objects.select_for_update()
        .filter(pk=claim.pk)
        .values_list("status", flat=True)
        .first()
    )
    if row is not None and row.status in Claim.VERDICTS and row.status != status_now:
        require_reviewer(user, "restore a verdict")
    return _revert(
        model=Claim,
        obj=claim,
        history_id=history_id,
        fields=CLAIM_REVERTED_FIELDS,
        user=user,
        reason=reason,
        expected_version=expected_version,
    )


@transaction.atomic
def source_revert_metadata(
    *,
    source: Source,
    history_id: int,
    user,
    reason: str,
    expected_version: int | None = None,
) -> Source:
    """Bring a source's details (``METADATA_FIELDS``) back to an earlier version.

    The restored values are saved by ``source_update_metadata``, so the editor rule,
    the checks, the version and the history are those of any other edit. The text is
    not touched: it changes only through a new revision.
    """
    require_editor(user)
    reason = clean_reason(reason)
    current = Source.objects.select_for_update().get(pk=source.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version)
    row = Source.history.filter(id=source.pk, history_id=history_id).first()
    if row is None:
        raise ValidationError(
            {"history_id": "That version does not belong to this record."}
        )
    changes = {
        name: getattr(row, name)
        for name in METADATA_FIELDS
        if getattr(current, name) != getattr(row, name)
    }
    if not changes:
        raise ValidationError(
            {
                "history_id": "The record already reads exactly as that version; nothing to restore."
            }
        )
    return source_update_metadata(
        source=current,
        user=user,
        reason=f"Restored {_describe(row)}: {reason}",
        expected_version=current.version,
        **changes,
    )


# Restoring deleted objects -------------------------------------------------------------


def _deletion_row(model, object_id: int):
    row = model.history.filter(id=object_id).order_by("-history_id").first()
    if row is None:
        raise ValidationError("The desk has no record of that object.")
    if row.history_type != "-" or model.objects.filter(pk=object_id).exists():
        raise ValidationError(
            "That object is not deleted; there is nothing to restore."
        )
    return row


def _recreate(row, *, user, reason: str):
    instance = row.instance
    stamp(instance, user=user, reason=reason)
    instance.save(force_insert=True)
    return instance


def _deleted_related(model, condition: dict) -> list:
    """Rows of ``model`` matching ``condition`` whose latest version is a deletion."""
    latest = {}
    for row in model.history.filter(**condition).order_by("id", "history_id"):
        latest[row.id] = row
    return [
        row
        for row in latest.values()
        if row.history_type == "-" and not model.objects.filter(pk=row.id).exists()
    ]


@transaction.atomic
def claim_restore(*, claim_id: int, user, reason: str) -> Claim:
    """Restore a deleted claim as a new version, with its links, evidence and dispute positions."""
    require_editor(user)
    reason = clean_reason(reason)
    row = _deletion_row(Claim, claim_id)
    note = f"Restored after deletion on {formats.date_format(row.history_date, 'j M Y H:i')}: {reason}"
    claim = row.instance
    claim.version += 1
    stamp(claim, user=user, reason=note)
    claim.save(force_insert=True)
    for link in _deleted_related(ClaimHighlight, {"claim_id": claim_id}):
        if Highlight.objects.filter(pk=link.highlight_id).exists():
            _recreate(link, user=user, reason=note)
    for evidence in _deleted_related(Evidence, {"claim_id": claim_id}):
        _recreate(evidence, user=user, reason=note)
    for position in _deleted_related(DisputeClaim, {"claim_id": claim_id}):
        if Dispute.objects.filter(pk=position.dispute_id).exists():
            _recreate(position, user=user, reason=note)
    return claim


@transaction.atomic
def highlight_restore(*, highlight_id: int, user, reason: str) -> Highlight:
    """Restore a deleted highlight, re-checked against its text, with its links to claims that exist."""
    require_editor(user)
    reason = clean_reason(reason)
    row = _deletion_row(Highlight, highlight_id)
    note = f"Restored after deletion on {formats.date_format(row.history_date, 'j M Y H:i')}: {reason}"
    highlight = row.instance
    highlight.full_clean(validate_unique=False)
    stamp(highlight, user=user, reason=note)
    highlight.save(force_insert=True)
    for link in _deleted_related(ClaimHighlight, {"highlight_id": highlight_id}):
        if Claim.objects.filter(pk=link.claim_id).exists():
            _recreate(link, user=user, reason=note)
    return highlight


@transaction.atomic
def evidence_restore(*, evidence_id: int, user, reason: str) -> Evidence:
    require_editor(user)
    reason = clean_reason(reason)
    row = _deletion_row(Evidence, evidence_id)
    if not Claim.objects.filter(pk=row.claim_id).exists():
        raise ValidationError(
            "The claim this evidence belongs to is deleted; restore the claim first."
        )
    note = f"Restored after deletion on {formats.date_format(row.history_date, 'j M Y H:i')}: {reason}"
    return _recreate(row, user=user, reason=note)


RESTORERS = {
    "claim": lambda object_id, **kw: claim_restore(claim_id=object_id, **kw),
    "highlight": lambda object_id, **kw: highlight_restore(
        highlight_id=object_id, **kw
    ),
    "evidence": lambda object_id, **kw: evidence_restore(evidence_id=object_id, **kw),
}

"""Writes that go back in history: revert to an earlier version, restore what was deleted.

Nothing of the later history is lost: a revert or a restore is a new version whose
reason says what it brings back.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats

from core.conflicts import EditConflict
from core.history import clean_reason, stamp
from core.roles import is_reviewer, require_editor, require_reviewer
from editorial.claims import services as claim_services
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

#: What a claim's revert brings back. The reviewer's stamp is not copied from the old
#: version: it names whoever shaped the verdict the claim now has (see
#: ``claim_services.stamp_verdict``).
CLAIM_REVERTED_FIELDS = ("statement", "status", "verdict_note", "assigned_to_id")


def _describe(row) -> str:
    when = formats.date_format(row.history_date, "j M Y H:i")
    version = getattr(row, "version", None)
    return f"version {version} of {when}" if version else f"the version of {when}"


def _version_to_restore(model, obj, history_id, fields, expected_version):
    """The locked current row, the chosen earlier version and the ``fields`` that differ.

    Must run inside ``transaction.atomic``. Refuses, changing nothing: a save based on
    an older version (EditConflict), a version of another record, a deletion, and a
    version that reads exactly as the record does now.
    """
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
    return current, row, changed


def _restored_note(row, reason: str) -> str:
    """The history reason of a restore after deletion."""
    when = formats.date_format(row.history_date, "j M Y H:i")
    return f"Restored after deletion on {when}: {reason}"


@transaction.atomic
def claim_revert(
    *,
    claim: Claim,
    history_id: int,
    user,
    reason: str,
    expected_version: int | None = None,
) -> Claim:
    """Bring a claim back to an earlier version as a new version.

    When the claim has a verdict, or the version brought back has one, a revert that
    changes the statement, the note or the status needs a reviewer (who is then the
    verdict's reviewer), and a verdict brought back needs its note.
    """
    require_editor(user)
    reason = clean_reason(reason)
    current, row, changed = _version_to_restore(
        Claim, claim, history_id, CLAIM_REVERTED_FIELDS, expected_version
    )
    shapes_verdict = any(name in claim_services.VERDICT_FIELDS for name in changed)
    if shapes_verdict and current.status in Claim.VERDICTS:
        claim_services.require_verdict_reviewer(user)
    if shapes_verdict and row.status in Claim.VERDICTS:
        require_reviewer(user, "restore a verdict")
        claim_services.require_verdict_note(row.verdict_note)
    for name in changed:
        setattr(current, name, getattr(row, name))
    if shapes_verdict:
        changed += claim_services.stamp_verdict(current, user)
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=f"Restored {_describe(row)}: {reason}")
    current.save(update_fields=[*changed, "version"])
    return current


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
    current, row, changed = _version_to_restore(
        Source, source, history_id, METADATA_FIELDS, expected_version
    )
    return source_update_metadata(
        source=current,
        user=user,
        reason=f"Restored {_describe(row)}: {reason}",
        expected_version=current.version,
        **{name: getattr(row, name) for name in changed},
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
    """Restore a deleted claim as a new version, with its links, evidence and dispute positions.

    A claim deleted with a verdict comes back with it, so only a reviewer restores it,
    and only with its verdict note.
    """
    require_editor(user)
    reason = clean_reason(reason)
    row = _deletion_row(Claim, claim_id)
    if row.status in Claim.VERDICTS:
        # A restored verdict is published again: the same rules as giving it.
        if not is_reviewer(user):
            raise PermissionDenied(
                "This claim has a verdict; only a reviewer can restore it."
            )
        claim_services.require_verdict_note(row.verdict_note)
    note = _restored_note(row, reason)
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
    note = _restored_note(row, reason)
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
    return _recreate(row, user=user, reason=_restored_note(row, reason))


RESTORERS = {
    "claim": lambda object_id, **kw: claim_restore(claim_id=object_id, **kw),
    "highlight": lambda object_id, **kw: highlight_restore(
        highlight_id=object_id, **kw
    ),
    "evidence": lambda object_id, **kw: evidence_restore(evidence_id=object_id, **kw),
}

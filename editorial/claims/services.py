"""Writes to claims: statements, statuses and verdicts, links to highlights, evidence.

Each function is atomic, validates with ``full_clean()``, checks who may act, and
records the acting user and the reason in history.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.conflicts import EditConflict
from core.history import clean_reason, delete_with_history, stamp
from core.roles import is_reviewer, require_editor, require_reviewer
from editorial.claims.announce import announce_created, announce_status
from editorial.claims.assignment import announce_assignment, check_assignment
from editorial.conversation.services import comments_delete_with
from editorial.highlights.services import forget_in_suggestions, highlight_create
from editorial.models import (
    Claim,
    ClaimHighlight,
    Evidence,
    Highlight,
)
from sources.models import Source


@transaction.atomic
def claim_create(*, statement: str, user, reason: str, assigned_to=None) -> Claim:
    require_editor(user)
    claim = Claim(
        statement=(statement or "").strip(), created_by=user, assigned_to=assigned_to
    )
    claim.full_clean()
    stamp(claim, user=user, reason=reason)
    claim.save()
    announce_created(claim, user)
    return claim


@transaction.atomic
def claim_link_highlight(
    *,
    claim: Claim,
    highlight: Highlight,
    user,
    reason: str,
    stance: str = ClaimHighlight.Stance.ASSERT,
) -> ClaimHighlight:
    """Tie a claim to highlighted words, with the words' stance towards the claim."""
    require_editor(user)
    if ClaimHighlight.objects.filter(claim=claim, highlight=highlight).exists():
        raise ValidationError(
            {"highlight": "These words are already linked to this claim."}
        )
    link = ClaimHighlight(
        claim=claim, highlight=highlight, stance=stance, created_by=user
    )
    link.full_clean()
    stamp(link, user=user, reason=reason)
    link.save()
    return link


def claim_unlink_highlight(*, link: ClaimHighlight, user, reason: str) -> None:
    """Untie a claim from highlighted words; the claim and the words stay."""
    require_editor(user)
    with transaction.atomic():
        delete_with_history(link, user=user, reason=reason)


def _locked_claim(claim: Claim, expected_version: int | None) -> Claim:
    """The claim's current row, locked for this transaction; refuses a stale version."""
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version)
    return current


#: Why an editor's change to a claim under a verdict is refused (pages, API, admin).
VERDICT_LOCKED = "This claim has a verdict; only a reviewer can change its statement, note or status."
#: What a claim's verdict is made of: only a reviewer changes them once it has one.
VERDICT_FIELDS = ("statement", "verdict_note", "status")


def require_verdict_reviewer(user) -> None:
    """Refuse anyone but a reviewer a change to a claim that has a verdict."""
    if not is_reviewer(user):
        raise PermissionDenied(VERDICT_LOCKED)


def require_verdict_note(note: str) -> None:
    """A verdict is published with its explanation: refuse one without a note."""
    if not (note or "").strip():
        raise ValidationError(
            {
                "verdict_note": "Write the verdict note: the public explanation of the "
                "verdict, shown with it."
            }
        )


def stamp_verdict(claim: Claim, user) -> list[str]:
    """Name ``user`` as the claim's reviewer when it has a verdict; clear it when not.

    The stamp names the reviewer who last shaped the verdict as it now reads; a claim
    without a verdict names nobody. Returns the fields it changed, to save.
    """
    if claim.status in Claim.VERDICTS:
        claim.reviewed_by, claim.reviewed_at = user, timezone.now()
        return ["reviewed_by", "reviewed_at"]
    if claim.reviewed_by_id is None and claim.reviewed_at is None:
        return []
    claim.reviewed_by, claim.reviewed_at = None, None
    return ["reviewed_by", "reviewed_at"]


@transaction.atomic
def claim_set_status(
    *,
    claim: Claim,
    status: str,
    user,
    reason: str,
    verdict_note: str | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Move a claim to ``status``; every change needs a reason.

    A verdict needs a reviewer and a verdict note (``verdict_note``, or the note the
    claim already has). Taking a verdict back (to unverified, in review or disputed)
    needs a reviewer too, and clears the reviewer's stamp.
    """
    reason = clean_reason(reason)
    if status not in Claim.Status.values:
        raise ValidationError(
            {
                "status": f"“{status}” is not a status. Choose one of: {', '.join(Claim.Status.values)}."
            }
        )
    if status in Claim.VERDICTS:
        require_reviewer(user, "give a verdict")
    else:
        require_editor(user)
    current = _locked_claim(claim, expected_version)
    if current.status in Claim.VERDICTS:
        require_verdict_reviewer(user)
    before = current.status
    fields = ["status", "version"]
    current.status = status
    if verdict_note is not None:
        current.verdict_note = verdict_note.strip()
        fields.append("verdict_note")
    if status in Claim.VERDICTS:
        require_verdict_note(current.verdict_note)
    fields += stamp_verdict(current, user)
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(update_fields=fields)
    announce_status(current, user, before=before, reason=reason)
    return current


@transaction.atomic
def claim_update(
    *,
    claim: Claim,
    user,
    reason: str,
    expected_version: int | None = None,
    **changes,
) -> Claim:
    """Edit a claim's statement, verdict note, assignee, priority or due date (status
    has its own service; ``editorial.claims.assignment`` holds the rules of
    assignment).

    Under a verdict, the statement and the note change only by a reviewer, who is then
    named as the verdict's reviewer; the note cannot be emptied.
    """
    allowed = {"statement", "verdict_note", "assigned_to", "priority", "due_on"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            {name: "This field cannot be changed here." for name in sorted(unknown)}
        )
    require_editor(user)
    current = _locked_claim(claim, expected_version)
    changes = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in changes.items()
    }
    assigning = check_assignment(current, changes)
    fields = [*changes, "version"]
    shaped = [
        name
        for name in VERDICT_FIELDS
        if name in changes and changes[name] != getattr(current, name)
    ]
    if current.status in Claim.VERDICTS and shaped:
        require_verdict_reviewer(user)
        require_verdict_note(changes.get("verdict_note", current.verdict_note))
        fields += stamp_verdict(current, user)
    for name, value in changes.items():
        setattr(current, name, value)
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(update_fields=fields)
    if assigning:
        announce_assignment(current, user)
    return current


def claim_delete(*, claim: Claim, user, reason: str) -> None:
    """Delete a claim with its links, evidence, dispute positions and fact check (with
    its updates), each kept in history: the database's cascade would write no reason."""
    require_editor(user)
    with transaction.atomic():
        fact_check = getattr(claim, "fact_check", None)  # None when never published
        published = [*fact_check.updates.all(), fact_check] if fact_check else []
        for related in [
            *claim.links.all(),
            *claim.evidence.all(),
            *claim.dispute_positions.all(),
            *published,
        ]:
            delete_with_history(related, user=user, reason=reason)
        forget_in_suggestions(claim.suggestions.all(), "claim", user, reason)
        comments_delete_with(claim=claim, user=user, reason=reason)
        delete_with_history(claim, user=user, reason=reason)


@transaction.atomic
def evidence_add(
    *,
    claim: Claim,
    supports: bool,
    user,
    reason: str,
    url: str = "",
    citation: str = "",
    note: str = "",
) -> Evidence:
    require_editor(user)
    evidence = Evidence(
        claim=claim,
        supports=supports,
        url=(url or "").strip(),
        citation=(citation or "").strip(),
        note=(note or "").strip(),
        added_by=user,
    )
    evidence.full_clean()
    stamp(evidence, user=user, reason=reason)
    evidence.save()
    return evidence


@transaction.atomic
def evidence_update(*, evidence: Evidence, user, reason: str, **changes) -> Evidence:
    """Edit a piece of evidence: whether it supports the claim, its link, citation, note.

    It stays with its claim; to move it, delete it and add it to the other claim.
    """
    allowed = {"supports", "url", "citation", "note"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            {name: "This field cannot be changed here." for name in sorted(unknown)}
        )
    require_editor(user)
    current = Evidence.objects.select_for_update().get(pk=evidence.pk)
    for name, value in changes.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(update_fields=[*changes])
    return current


def evidence_delete(*, evidence: Evidence, user, reason: str) -> None:
    require_editor(user)
    with transaction.atomic():
        delete_with_history(evidence, user=user, reason=reason)


@transaction.atomic
def annotation_create(
    *,
    source: Source,
    start: int,
    end: int,
    exact: str | None,
    claims: Iterable,
    user,
    reason: str,
) -> Highlight:
    """Highlight words of a source and attach claims to them, all or nothing.

    ``claims`` holds ``annotations.ParsedClaim`` values: an existing claim's id, or a
    new claim's statement, each with a stance (and for a new claim maybe a status and
    a verdict note, applied through ``claim_set_status``, so a verdict still needs a
    reviewer, a note and a reason). The same
    words highlighted before are reused rather than highlighted twice.
    """
    require_editor(user)
    reason = clean_reason(reason)
    claims = list(claims)
    if not claims:
        raise ValidationError(
            {"body": "Attach a claim: a new statement or an existing claim."}
        )
    existing_ids = [parsed.claim_id for parsed in claims if parsed.claim_id is not None]
    existing = Claim.objects.in_bulk(existing_ids)
    missing = [str(pk) for pk in existing_ids if pk not in existing]
    if missing:
        raise ValidationError(
            {"body": f"There is no claim {', '.join(missing)} on this desk."}
        )
    highlight = Highlight.objects.filter(
        revision_id=source.current_revision_id, start=start, end=end
    ).first()
    if highlight is None:
        highlight = highlight_create(
            source=source, start=start, end=end, exact=exact, user=user, reason=reason
        )
    elif exact is not None and exact != highlight.exact:
        raise ValidationError({"exact": "The quoted text does not match the source."})
    for parsed in claims:
        if parsed.claim_id is not None:
            claim = existing[parsed.claim_id]
            if parsed.status and parsed.status != claim.status:
                raise ValidationError(
                    {
                        "body": f"Claim {claim.pk} is {claim.status}; change its status "
                        "through PATCH /api/claims/<id>/ with a reason."
                    }
                )
        else:
            claim = claim_create(statement=parsed.statement, user=user, reason=reason)
            if parsed.status and parsed.status != claim.status:
                claim = claim_set_status(
                    claim=claim,
                    status=parsed.status,
                    verdict_note=parsed.verdict_note,
                    user=user,
                    reason=reason,
                )
        claim_link_highlight(
            claim=claim,
            highlight=highlight,
            stance=parsed.stance,
            user=user,
            reason=reason,
        )
    return highlight

"""Deciding what the checks propose: accept a suggestion or dismiss it with a reason.

Accepting makes the highlight, the claim (or links the claim restated), its evidence
and, for a group, the dispute, all through the feature services, so their rules and
history hold. Every write is atomic and kept in history with its user and reason.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import roles
from core.history import clean_reason, stamp
from editorial.checks import selectors as check_selectors
from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.highlights import services as highlight_services
from editorial.models import Claim, ClaimHighlight, Dispute, Highlight, Suggestion
from sources.models import Source

from .positions import positions_stated_elsewhere


def _locked_open(suggestion: Suggestion) -> Suggestion:
    current = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if current.status != Suggestion.Status.OPEN:
        raise ValidationError(
            {"suggestion": f"This suggestion was already {current.status}."}
        )
    source = Source.objects.get(pk=current.source_id)
    if source.current_revision_id != current.revision_id:
        raise ValidationError(
            {
                "suggestion": "The source's text has changed since this was proposed; "
                "run the checks again."
            }
        )
    return current


def _highlight_for(suggestion: Suggestion, *, user, reason: str) -> Highlight:
    existing = Highlight.objects.filter(
        revision_id=suggestion.revision_id,
        start=suggestion.start,
        end=suggestion.end,
    ).first()
    if existing is not None:
        return existing
    return highlight_services.highlight_create(
        source=suggestion.source,
        revision=suggestion.revision,
        start=suggestion.start,
        end=suggestion.end,
        exact=suggestion.exact,
        user=user,
        reason=reason,
    )


def _link(claim: Claim, highlight: Highlight, stance: str, *, user, reason: str):
    if not ClaimHighlight.objects.filter(claim=claim, highlight=highlight).exists():
        claim_services.claim_link_highlight(
            claim=claim, highlight=highlight, stance=stance, user=user, reason=reason
        )


def _add_evidence(claim: Claim, rows: list[dict], *, user, reason: str) -> None:
    for item in rows:
        claim_services.evidence_add(
            claim=claim,
            supports=bool(item.get("supports")),
            citation=item.get("citation", ""),
            note=item.get("note", ""),
            user=user,
            reason=reason,
        )


def _close(suggestion, status, *, user, reason, **links) -> Suggestion:
    suggestion.status = status
    suggestion.decision_reason = reason
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    fields = ["status", "decision_reason", "decided_by", "decided_at"]
    for name, value in links.items():
        setattr(suggestion, name, value)
        fields.append(name)
    suggestion.full_clean()
    stamp(suggestion, user=user, reason=reason)
    suggestion.save(update_fields=fields)
    return suggestion


@transaction.atomic
def suggestion_accept(
    *,
    suggestion: Suggestion,
    user,
    reason: str,
    stance: str | None = None,
    statement: str | None = None,
) -> Suggestion:
    """Make the highlight, the claim (or link the claim restated) and the evidence."""
    roles.require_editor(user)
    reason = clean_reason(reason)
    current = _locked_open(suggestion)
    stance = stance or current.stance
    if stance not in ClaimHighlight.Stance.values:
        raise ValidationError({"stance": f"“{stance}” is not a stance."})
    highlight = _highlight_for(current, user=user, reason=reason)
    if current.claim is not None:
        # The claim restated, or the one these words are already highlighted with.
        claim = current.claim
    elif current.kind == Suggestion.Kind.RESTATED:
        raise ValidationError(
            {"suggestion": "The claim this restates was deleted; dismiss it."}
        )
    else:
        claim = claim_services.claim_create(
            statement=(statement or current.statement), user=user, reason=reason
        )
        _add_evidence(claim, current.evidence, user=user, reason=reason)
    _link(claim, highlight, stance, user=user, reason=reason)
    return _close(
        current,
        Suggestion.Status.ACCEPTED,
        user=user,
        reason=reason,
        claim=claim,
        highlight=highlight,
    )


@transaction.atomic
def suggestion_group_accept(*, group: str, user, reason: str) -> Dispute:
    """Accept every open position of a proposed dispute and open the dispute.

    Mentions stating the same thing share one claim; each mention becomes a highlight
    linked to its claim; the claims (at least two) form the dispute.
    """
    roles.require_editor(user)
    reason = clean_reason(reason)
    members = list(
        # Lock the suggestions only: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer join to their claim.
        Suggestion.objects.select_for_update(of=("self",))
        .filter(group=group)
        .exclude(status=Suggestion.Status.DISMISSED)
        .select_related("source", "revision", "claim")
        .order_by("source__published_on", "source_id", "start", "id")
    )
    pending = [item for item in members if item.status == Suggestion.Status.OPEN]
    if not group or not pending:
        raise ValidationError({"group": "This proposed dispute has no open positions."})
    claims: dict[str, Claim] = {
        item.statement: item.claim
        for item in members
        if item.status == Suggestion.Status.ACCEPTED and item.claim is not None
    }
    placed = []
    for item in pending:
        current = _locked_open(item)
        highlight = _highlight_for(current, user=user, reason=reason)
        # Words already highlighted with a claim keep it: no second claim.
        claim = current.claim or claims.get(current.statement)
        if claim is None:
            claim = claim_services.claim_create(
                statement=current.statement, user=user, reason=reason
            )
            _add_evidence(claim, current.evidence, user=user, reason=reason)
            claims[current.statement] = claim
        _link(claim, highlight, current.stance, user=user, reason=reason)
        placed.append((current, claim, highlight))
        # The agreeing words of a decided conflict, flagged nowhere, are positions.
        positions_stated_elsewhere(
            suggestion=current, claims=claims, user=user, reason=reason
        )
    positions = list(dict.fromkeys([*claims.values(), *(c for _, c, _ in placed)]))
    dispute = check_selectors.open_dispute_on(
        question=pending[0].question, claims=positions
    )
    if dispute is not None:
        # The desk already disputes this: the positions join that dispute.
        held = set(dispute.positions.values_list("claim_id", flat=True))
        for claim in positions:
            if claim.pk not in held:
                dispute_services.dispute_add_claim(
                    dispute=dispute, claim=claim, user=user, reason=reason
                )
    elif len(positions) < 2:
        raise ValidationError(
            {"group": "Fewer than two positions are left; a dispute needs two."}
        )
    else:
        dispute = dispute_services.dispute_open(
            question=pending[0].question, claims=positions, user=user, reason=reason
        )
    for current, claim, highlight in placed:
        _close(
            current,
            Suggestion.Status.ACCEPTED,
            user=user,
            reason=reason,
            claim=claim,
            highlight=highlight,
            dispute=dispute,
        )
    return dispute


@transaction.atomic
def suggestion_dismiss(*, suggestion: Suggestion, user, reason: str) -> Suggestion:
    """Dismiss with a reason: kept, and never proposed again for the same words."""
    roles.require_editor(user)
    reason = clean_reason(reason)
    current = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if current.status != Suggestion.Status.OPEN:
        raise ValidationError(
            {"suggestion": f"This suggestion was already {current.status}."}
        )
    return _close(current, Suggestion.Status.DISMISSED, user=user, reason=reason)


@transaction.atomic
def suggestion_group_dismiss(*, group: str, user, reason: str) -> int:
    """Dismiss every open position of a proposed dispute; returns how many."""
    roles.require_editor(user)
    reason = clean_reason(reason)
    pending = list(
        Suggestion.objects.select_for_update().filter(
            group=group, status=Suggestion.Status.OPEN
        )
    )
    if not group or not pending:
        raise ValidationError({"group": "This proposed dispute has no open positions."})
    for item in pending:
        _close(item, Suggestion.Status.DISMISSED, user=user, reason=reason)
    return len(pending)


#: Suggestions decided in one bulk request at most, so a request stays short.
BULK_LIMIT = 300


@transaction.atomic
def suggestions_decide_in_bulk(
    *, suggestions, accept: bool, user, reason: str
) -> tuple[int, int]:
    """Accept or dismiss many open suggestions with one reason; all or nothing.

    Accepting goes through ``suggestion_group_accept`` for each proposed dispute (once
    per group) and ``suggestion_accept`` for each single finding; dismissing through
    ``suggestion_dismiss``, so each has its history row and its rules. Returns
    ``(decided, disputes)``: how many suggestions, and how many disputes were opened
    or joined.
    """
    roles.require_editor(user)
    reason = clean_reason(reason)
    chosen = list(suggestions)
    if not chosen:
        raise ValidationError({"suggestions": "Choose at least one open suggestion."})
    if len(chosen) > BULK_LIMIT:
        raise ValidationError(
            {
                "suggestions": f"{len(chosen):,} suggestions are chosen; decide at "
                f"most {BULK_LIMIT} at once (filter by story or kind)."
            }
        )
    decided, groups = 0, []
    for suggestion in chosen:
        if suggestion.status != Suggestion.Status.OPEN:
            continue
        if not accept:
            suggestion_dismiss(suggestion=suggestion, user=user, reason=reason)
        elif suggestion.group:
            if suggestion.group not in groups:
                groups.append(suggestion.group)
            continue
        else:
            suggestion_accept(suggestion=suggestion, user=user, reason=reason)
        decided += 1
    for group in groups:
        suggestion_group_accept(group=group, user=user, reason=reason)
        decided += sum(1 for item in chosen if item.group == group)
    return decided, len(groups)

"""Writes to the desk's editorial records.

Each function is atomic, validates with ``full_clean()``, and records the acting user
and the reason in history. Views, the API, the admin, commands and tests all call
these, so no path skips validation or history.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sources.models import Revision, Source

from . import roles, spans
from .history import clean_reason, delete_with_history, stamp
from .models import (
    ApiToken,
    Claim,
    ClaimHighlight,
    Dispute,
    DisputeClaim,
    Evidence,
    Highlight,
)


class EditConflict(Exception):
    """Someone saved the object after the version this edit started from."""

    def __init__(self, current, expected_version: int):
        super().__init__(
            f"This was changed by someone else (now version {current.version}, "
            f"your edit started from version {expected_version}). Nothing was saved."
        )
        self.current = current
        self.expected_version = expected_version


def require_editor(user) -> None:
    if not roles.is_editor(user):
        raise PermissionDenied(
            "Only editors and reviewers can change the desk's records."
        )


def require_reviewer(user, what: str) -> None:
    if not roles.is_reviewer(user):
        raise PermissionDenied(f"Only reviewers can {what}.")


# Highlights ----------------------------------------------------------------------------


@transaction.atomic
def highlight_create(
    *,
    source: Source,
    start: int,
    end: int,
    user,
    reason: str,
    exact: str | None = None,
    revision: Revision | None = None,
) -> Highlight:
    """Highlight ``[start, end)`` of a source's current (or given) revision.

    The span is re-checked against the body: offsets in range, not empty, not only
    whitespace, and ``exact`` (when given) equal to the text there.
    """
    reason = clean_reason(reason)
    revision = revision or source.current_revision
    if revision is None:
        raise ValidationError({"source": "The source has no text to highlight."})
    try:
        quoted = spans.validate_span(revision.body, start, end, exact)
    except spans.SpanError as error:
        raise ValidationError({error.field: str(error)}) from error
    prefix, suffix = spans.quote_context(revision.body, start, end)
    highlight = Highlight(
        source=source,
        revision=revision,
        start=start,
        end=end,
        exact=quoted,
        prefix=prefix,
        suffix=suffix,
        created_by=user,
    )
    highlight.full_clean()
    stamp(highlight, user=user, reason=reason)
    highlight.save()
    return highlight


def highlight_delete(*, highlight: Highlight, user, reason: str) -> None:
    """Delete a highlight and its links to claims, each deletion kept in history."""
    with transaction.atomic():
        for link in highlight.links.all():
            delete_with_history(link, user=user, reason=reason)
        _forget_in_suggestions(highlight.suggestions.all(), "highlight", user, reason)
        delete_with_history(highlight, user=user, reason=reason)


def _forget_in_suggestions(suggestions, field: str, user, reason: str) -> None:
    """Clear a suggestion's pointer to a row being deleted, with history (the database's
    own SET NULL would change the suggestion without a history row)."""
    for suggestion in suggestions:
        setattr(suggestion, field, None)
        stamp(suggestion, user=user, reason=reason)
        suggestion.save(update_fields=[field])


# Claims --------------------------------------------------------------------------------


@transaction.atomic
def claim_create(*, statement: str, user, reason: str, assigned_to=None) -> Claim:
    claim = Claim(
        statement=(statement or "").strip(), created_by=user, assigned_to=assigned_to
    )
    claim.full_clean()
    stamp(claim, user=user, reason=reason)
    claim.save()
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


def _locked_claim(claim: Claim, expected_version: int | None) -> Claim:
    """The claim's current row, locked for this transaction; refuses a stale version."""
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version)
    return current


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
    """Move a claim to ``status``. Verdicts need a reviewer; every change needs a reason."""
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
    fields = ["status", "version"]
    current.status = status
    if verdict_note is not None:
        current.verdict_note = verdict_note
        fields.append("verdict_note")
    if status in Claim.VERDICTS:
        current.reviewed_by = user
        current.reviewed_at = timezone.now()
        fields += ["reviewed_by", "reviewed_at"]
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(update_fields=fields)
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
    """Edit a claim's statement, verdict note or assignee (status has its own service)."""
    allowed = {"statement", "verdict_note", "assigned_to"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            {name: "This field cannot be changed here." for name in sorted(unknown)}
        )
    require_editor(user)
    current = _locked_claim(claim, expected_version)
    for name, value in changes.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(update_fields=[*changes, "version"])
    return current


def claim_delete(*, claim: Claim, user, reason: str) -> None:
    """Delete a claim with its links, evidence and dispute positions, each kept in history."""
    require_editor(user)
    with transaction.atomic():
        for related in [
            *claim.links.all(),
            *claim.evidence.all(),
            *claim.dispute_memberships.all(),
        ]:
            delete_with_history(related, user=user, reason=reason)
        _forget_in_suggestions(claim.suggestions.all(), "claim", user, reason)
        delete_with_history(claim, user=user, reason=reason)


# Evidence ------------------------------------------------------------------------------


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


def evidence_delete(*, evidence: Evidence, user, reason: str) -> None:
    with transaction.atomic():
        delete_with_history(evidence, user=user, reason=reason)


# Disputes ------------------------------------------------------------------------------


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
    return dispute


def _locked_dispute(dispute: Dispute, expected_version: int | None) -> Dispute:
    """The dispute's current row, locked for this transaction; refuses a stale version."""
    current = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current, expected_version)
    return current


def _add_position(dispute: Dispute, claim: Claim, *, user, reason: str) -> DisputeClaim:
    """Must run inside ``transaction.atomic``, after the dispute is saved or locked."""
    if DisputeClaim.objects.filter(dispute=dispute, claim=claim).exists():
        raise ValidationError({"claim": "This claim is already part of the dispute."})
    membership = DisputeClaim(dispute=dispute, claim=claim, added_by=user)
    membership.full_clean()
    stamp(membership, user=user, reason=reason)
    membership.save()
    return membership


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
    current = _locked_dispute(dispute, expected_version)
    if current.status != Dispute.Status.OPEN:
        raise ValidationError(
            {"dispute": "This dispute is resolved; reopen it before adding a claim."}
        )
    membership = _add_position(current, claim, user=user, reason=reason)
    current.version += 1
    stamp(current, user=user, reason=reason)
    current.save(update_fields=["version"])
    return membership


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
    current = _locked_dispute(dispute, expected_version)
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
    current.status = Dispute.Status.RESOLVED
    current.resolution_note = note
    current.resolved_by = user
    current.resolved_at = timezone.now()
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(
        update_fields=[
            "status",
            "resolution_note",
            "resolved_by",
            "resolved_at",
            "version",
        ]
    )
    return current


@transaction.atomic
def dispute_reopen(
    *, dispute: Dispute, user, reason: str, expected_version: int | None = None
) -> Dispute:
    """Open a resolved dispute again: its positions go back to ``disputed``.

    The verdicts given at resolution stay in each claim's history.
    """
    require_reviewer(user, "reopen a dispute")
    reason = clean_reason(reason)
    current = _locked_dispute(dispute, expected_version)
    if current.status != Dispute.Status.RESOLVED:
        raise ValidationError({"dispute": "This dispute is already open."})
    why = f"{reason} (dispute {current.pk} reopened)"
    for claim in current.claims.order_by("pk"):
        if claim.status != Claim.Status.DISPUTED:
            claim_set_status(
                claim=claim, status=Claim.Status.DISPUTED, user=user, reason=why
            )
    current.status = Dispute.Status.OPEN
    current.resolved_by = None
    current.resolved_at = None
    current.version += 1
    current.full_clean()
    stamp(current, user=user, reason=reason)
    current.save(update_fields=["status", "resolved_by", "resolved_at", "version"])
    return current


# API tokens ----------------------------------------------------------------------------


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, reason: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns it with the key, which is never stored or shown again."""
    key = secrets.token_urlsafe(30)
    token = ApiToken(
        user=user,
        name=(name or "").strip(),
        key_hash=api_token_hash(key),
        key_prefix=key[:8],
    )
    token.full_clean()
    stamp(token, user=user, reason=reason)
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user, reason: str) -> ApiToken:
    """Stop a token working. Only its owner (or a superuser) may revoke it."""
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied("Only the token's owner can revoke it.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError({"token": "This token was already revoked."})
    token.revoked_at = timezone.now()
    stamp(token, user=user, reason=reason)
    token.save(update_fields=["revoked_at"])
    return token


# Annotations from the reader and the API -----------------------------------------------


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
    new claim's statement, each with a stance (and for a new claim maybe a status,
    applied through ``claim_set_status`` so verdicts still need a reviewer). The same
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
                    claim=claim, status=parsed.status, user=user, reason=reason
                )
        claim_link_highlight(
            claim=claim,
            highlight=highlight,
            stance=parsed.stance,
            user=user,
            reason=reason,
        )
    return highlight

"""Running the consistency checks and deciding what they propose.

Each finding is stored as a ``Suggestion``; an editor accepts it (the highlight, claim,
evidence and, for a group, the dispute are made through ``editorial.services``) or
dismisses it with a reason. Every write is atomic and kept in history with its user
and reason.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core import roles
from core.history import clean_reason, stamp
from editorial.checks import ClaimIndex, Finding, Readings, run_checks
from editorial.checks import selectors as check_selectors
from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.highlights import services as highlight_services
from editorial.highlights import spans
from editorial.models import Claim, ClaimHighlight, Dispute, Highlight, Suggestion
from sources.models import Source

logger = logging.getLogger(__name__)

GROUP_KINDS = {Suggestion.Kind.FIGURES, Suggestion.Kind.IDENTITY}
#: New suggestions stored per INSERT (and as many history rows per INSERT).
BATCH = 500


@dataclass
class CheckReport:
    """What one run did, per source: new suggestions, known ones, and why some checks skipped."""

    created: dict[int, int] = field(default_factory=dict)
    known: dict[int, int] = field(default_factory=dict)
    undated: list[Source] = field(default_factory=list)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    def __str__(self):
        known = sum(self.known.values())
        text = (
            f"{self.total_created} new suggestion{'s' if self.total_created != 1 else ''}; "
            f"{known} already proposed before or already on the desk."
        )
        if self.undated:
            names = ", ".join(f"“{source.title}”" for source in self.undated)
            text += (
                f" No office anachronism check for {names}: without a publication "
                "date there is no day to check offices against."
            )
        return text


def _require_checker(user) -> None:
    """Editors run checks; so does the ``system`` account, for commands and imports."""
    if getattr(user, "username", None) != roles.SYSTEM_USERNAME:
        roles.require_editor(user)


_ENCODERS: dict[str, object] = {}


def claim_encoder():
    """The sentence encoder for semantic claim matching, or None for lexical only.

    Loaded once per process from the installed model package; a missing extra is a
    clear ValidationError, never a download.
    """
    if settings.EDITORIAL_CLAIM_MATCHING != "semantic":
        return None
    if "semantic" not in _ENCODERS:
        from editorial.checks.semantic import packaged_encoder

        try:
            _ENCODERS["semantic"] = packaged_encoder(
                Path(settings.EDITORIAL_MODEL_CACHE)
            )
        except ImportError as error:
            raise ValidationError({"matching": str(error)}) from error
    return _ENCODERS["semantic"]


def fingerprint(kind: str, body: str, start: int, end: int) -> str:
    """The finding's identity: its kind and its words in their context, not offsets."""
    prefix, suffix = spans.quote_context(body, start, end)
    text = "\x1f".join([kind, prefix, body[start:end], suffix])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _evidence_rows(finding: Finding) -> list[dict]:
    return [
        {"citation": cited.citation, "note": cited.note, "supports": cited.supports}
        for cited in finding.evidence
    ]


#: Each source's reading, kept between runs in this process (``checks.reading``): a
#: run after an import reads the new source and reuses the rest of the desk.
_READINGS = Readings()
#: The last run's known claims and their index, reused while the claims are equal.
_CLAIMS: list = [None, None]


def forget_kept() -> None:
    """Forget what the checks keep between runs, as a new process would start."""
    global _READINGS
    _READINGS = Readings()
    _CLAIMS[:] = [None, None]
    check_selectors.forget_contexts()


def _claim_index(claims: list) -> ClaimIndex:
    """An index of ``claims``: the last one when the claims have not changed (one
    comparison of plain values), so a run after an import does not rebuild it."""
    if _CLAIMS[0] != claims:
        _CLAIMS[:] = [claims, ClaimIndex(claims)]
    return _CLAIMS[1]


@transaction.atomic
def checks_run(
    *, user, sources=None, reason: str = "Consistency checks"
) -> CheckReport:
    """Run the checks on ``sources`` (default: every source) and store new findings.

    A finding already stored for the same words (open, accepted or dismissed) is not
    stored again; words the desk already ties to a claim are not proposed again. The
    queries are the same few however many sources and findings there are (new
    suggestions go in in batches).
    """
    _require_checker(user)
    reason = clean_reason(reason)
    everything = check_selectors.documents(
        linked_for=None if sources is None else [source.pk for source in sources]
    )
    by_key = {document.key: document for document in everything}
    wanted = (
        {str(source.pk) for source in sources} if sources is not None else set(by_key)
    )
    targets = [by_key[key] for key in sorted(wanted) if key in by_key]
    findings = run_checks(
        targets=targets,
        corpus=everything,
        reference=check_selectors.reference_data(),
        claims=_claim_index(check_selectors.known_claims()),
        encoder=claim_encoder(),
        readings=_READINGS,
    )
    report = CheckReport()
    concerned = {int(document.key) for document in targets} | {
        int(finding.document) for finding in findings
    }
    records = check_selectors.sources_checked(concerned)
    report.undated = [
        records[int(document.key)]
        for document in targets
        if records[int(document.key)].published_on is None
    ]
    stored = check_selectors.suggestion_fingerprints(records)
    made = []
    for finding in findings:
        source = records[int(finding.document)]
        document = by_key[finding.document]
        mark = fingerprint(finding.kind, document.body, finding.start, finding.end)
        if (source.pk, mark) in stored or (
            finding.kind not in GROUP_KINDS
            and any(
                (start, end) == (finding.start, finding.end)
                for start, end, _ in document.linked
            )
        ):
            report.known[source.pk] = report.known.get(source.pk, 0) + 1
            continue
        suggestion = Suggestion(
            kind=finding.kind,
            source=source,
            revision_id=source.current_revision_id,
            start=finding.start,
            end=finding.end,
            exact=finding.exact,
            statement=finding.statement,
            explanation=finding.explanation,
            stance=finding.stance,
            evidence=_evidence_rows(finding),
            group=finding.group,
            question=finding.question,
            claim_id=finding.claim_id,
            fingerprint=mark,
        )
        # The fields are checked here; the rest without a query per suggestion: the
        # source, revision and claim were read in this transaction, ``stored`` keeps
        # the words once per source, and the database holds the check constraints
        # (a violation is a bug in a check and rolls the whole run back).
        suggestion.full_clean(
            exclude=["source", "revision", "claim"],
            validate_unique=False,
            validate_constraints=False,
        )
        made.append(suggestion)
        stored.add((source.pk, mark))
        report.created[source.pk] = report.created.get(source.pk, 0) + 1
    bulk_create_with_history(
        made,
        Suggestion,
        batch_size=BATCH,
        default_user=user,
        default_change_reason=reason,
    )
    return report


def checks_after_import(source_id: int, user_id: int | None) -> None:
    """Run the checks on a newly imported source; a failure is logged, never raised.

    Called on commit of the import, so the import stands whatever happens here.
    """
    from django.contrib.auth import get_user_model

    try:
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        if user is None or not roles.is_editor(user):
            user = roles.system_user()
        source = Source.objects.get(pk=source_id)
        checks_run(user=user, sources=[source], reason="Checks after import")
    except Exception:
        logger.exception(
            "The consistency checks failed after importing source %s; the import "
            "stands. Run `manage.py check_sources %s` to try again.",
            source_id,
            source_id,
        )


# Deciding ------------------------------------------------------------------------------


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
    if current.kind == Suggestion.Kind.RESTATED:
        if current.claim is None:
            raise ValidationError(
                {"suggestion": "The claim this restates was deleted; dismiss it."}
            )
        claim = current.claim
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
        claim = claims.get(current.statement)
        if claim is None:
            claim = claim_services.claim_create(
                statement=current.statement, user=user, reason=reason
            )
            _add_evidence(claim, current.evidence, user=user, reason=reason)
            claims[current.statement] = claim
        _link(claim, highlight, current.stance, user=user, reason=reason)
        placed.append((current, claim, highlight))
    if len(claims) < 2:
        raise ValidationError(
            {"group": "Fewer than two positions are left; a dispute needs two."}
        )
    dispute = dispute_services.dispute_open(
        question=pending[0].question,
        claims=list(claims.values()),
        user=user,
        reason=reason,
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

"""Property: whatever editors do, replaying the history rows rebuilds the desk exactly."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import conflicts
from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.history import services as history_services
from editorial.history.audit import history_problems
from editorial.models import Claim, ClaimHighlight, Evidence, Highlight

TRACKED = [Highlight, Claim, ClaimHighlight, Evidence]

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "create",
                "edit",
                "stale-edit",
                "status",
                "verdict",
                "revert",
                "delete",
                "restore",
                "evidence",
                "drop-evidence",
                "link",
            ]
        ),
        st.integers(min_value=0, max_value=50),
        st.text(alphabet="abc xyz😀é", min_size=1, max_size=12),
    ),
    min_size=1,
    max_size=25,
)


def replay(model) -> dict:
    """Fold every history row, oldest first, into the state it describes."""
    state = {}
    history = model.history.model
    fields = [f.attname for f in model._meta.concrete_fields]
    for row in history.objects.order_by("history_id").values(*fields, "history_type"):
        if row.pop("history_type") == "-":
            state.pop(row["id"], None)
        else:
            state[row["id"]] = row
    return state


def pick(items, index):
    return items[index % len(items)] if items else None


def apply(action, index, words, *, editor, reviewer, source):
    claims = list(Claim.objects.order_by("pk"))
    claim = pick(claims, index)
    # Only a reviewer changes the words or the status of a claim with a verdict.
    under_verdict = claim is not None and claim.status in Claim.VERDICTS
    actor = reviewer if under_verdict else editor
    if action == "create" or claim is None:
        claim_services.claim_create(
            statement=f"Claim {words}", user=editor, reason="create"
        )
    elif action == "edit":
        claim_services.claim_update(
            claim=claim,
            statement=f"Edited {words}",
            user=actor,
            reason="edit",
            expected_version=claim.version,
        )
    elif action == "stale-edit" and claim.version > 1:
        with pytest.raises(conflicts.EditConflict):
            claim_services.claim_update(
                claim=claim,
                statement=words,
                user=editor,
                reason="stale",
                expected_version=claim.version - 1,
            )
    elif action == "status":
        claim_services.claim_set_status(
            claim=claim,
            status=pick(["unverified", "in_review", "disputed"], index),
            user=actor,
            reason="status",
        )
    elif action == "verdict":
        claim_services.claim_set_status(
            claim=claim,
            status=pick(sorted(Claim.VERDICTS), index),
            verdict_note=f"Because {words}",
            user=reviewer,
            reason="verdict",
        )
    elif action == "revert":
        rows = list(claim.history.order_by("history_id"))
        try:
            history_services.claim_revert(
                claim=claim,
                history_id=pick(rows, index).history_id,
                user=reviewer,
                reason="revert",
            )
        except ValidationError:
            pass  # already reads as that version: refused, nothing written
    elif action == "delete":
        claim_services.claim_delete(claim=claim, user=editor, reason="delete")
    elif action == "restore":
        deleted = (
            Claim.history.filter(history_type="-")
            .exclude(id__in=Claim.objects.values("id"))
            .values_list("id", flat=True)
        )
        target = pick(sorted(set(deleted)), index)
        if target is not None:
            history_services.claim_restore(
                claim_id=target, user=reviewer, reason="restore"
            )
    elif action == "evidence":
        claim_services.evidence_add(
            claim=claim,
            supports=index % 2 == 0,
            citation=f"Source {words}",
            user=editor,
            reason="cite",
        )
    elif action == "drop-evidence":
        evidence = pick(list(claim.evidence.order_by("pk")), index)
        if evidence:
            claim_services.evidence_delete(
                evidence=evidence, user=editor, reason="drop"
            )
    elif action == "link":
        body = source.current_revision.body
        start = index % (len(body) - 5)
        try:
            highlight = highlight_services.highlight_create(
                source=source, start=start, end=start + 5, user=editor, reason="mark"
            )
            claim_services.claim_link_highlight(
                claim=claim, highlight=highlight, user=editor, reason="link"
            )
        except ValidationError:
            pass  # whitespace-only span: refused, nothing written


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(actions=ACTIONS)
def test_replaying_history_rebuilds_the_current_state(
    actions, editor, reviewer, source_factory
):
    with transaction.atomic():
        source = source_factory(
            "Title\nThe coalition of the willing met in Paris on 6 January 2026."
        )
        for action, index, words in actions:
            try:
                apply(
                    action,
                    index,
                    words,
                    editor=editor,
                    reviewer=reviewer,
                    source=source,
                )
            except PermissionDenied:
                raise AssertionError(
                    "roles are set so that every action is allowed"
                ) from None
        for model in TRACKED:
            fields = [f.attname for f in model._meta.concrete_fields]
            live = {row["id"]: row for row in model.objects.values(*fields)}
            assert replay(model) == live, model
        assert history_problems() == []
        transaction.set_rollback(True)

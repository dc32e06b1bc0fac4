"""The rules of assigning a claim, which every path that edits a claim obeys.

``claim_update`` (the claim page, the reader's panel, the API and the admin all go
through it) calls ``check_assignment`` before it saves and ``announce_assignment``
after, so no path can hand a claim to someone off the desk, set a due date already
past, or assign silently.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import roles
from editorial import events


def check_assignment(current, changes: dict) -> bool:
    """Refuse an assignee who is not an active editor and a new due date in the past.

    Returns True when the claim changes hands to someone (who is then told).
    """
    errors = {}
    assignee = changes.get("assigned_to")
    if assignee is not None and (
        not assignee.is_active or not roles.is_editor(assignee)
    ):
        errors["assigned_to"] = (
            f"{assignee.get_username()} is not on the desk: claims go to active "
            "editors and reviewers."
        )
    due_on = changes.get("due_on")
    if due_on and due_on != current.due_on and due_on < timezone.localdate():
        errors["due_on"] = "A new due date cannot be in the past."
    if errors:
        raise ValidationError(errors)
    return (
        "assigned_to" in changes
        and assignee is not None
        and assignee.pk != current.assigned_to_id
    )


def announce_assignment(claim, user) -> None:
    assignee = claim.assigned_to
    events.announce(
        "claim.assigned",
        actor=user,
        subject=claim,
        summary=(
            f"{user.get_username()} assigned the claim “{claim}” to "
            f"{assignee.get_username()}"
        ),
        url=reverse("claims:detail", args=[claim.pk]),
        assignee_id=assignee.pk,
    )

"""The assignment form: who checks a claim, how urgent it is, by when."""

from __future__ import annotations

from django import forms

from editorial.claims import selectors as claim_selectors
from editorial.models import Claim


class AssignmentForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label="Assignee",
        required=False,
        queryset=claim_selectors.assignees(),
        empty_label="Nobody",
        to_field_name="username",
    )
    priority = forms.TypedChoiceField(
        label="Priority",
        choices=Claim.Priority.choices,
        coerce=int,
        initial=Claim.Priority.NORMAL,
    )
    due_on = forms.DateField(
        label="Due",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leave empty for no due date.",
    )
    reason = forms.CharField(
        label="Reason for the assignment",
        max_length=500,
        initial="Assignment updated",
        error_messages={"required": "Give a reason; it is kept in the history."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    @classmethod
    def for_claim(cls, claim: Claim, *, prefix: str | None = None, next_url=""):
        return cls(
            prefix=prefix,
            # Its own ids: the claim page also has the status form's fields.
            auto_id="assignment_%s",
            initial={
                "assigned_to": claim.assigned_to.get_username()
                if claim.assigned_to
                else None,
                "priority": claim.priority,
                "due_on": claim.due_on,
                "version": claim.version,
                "next": next_url,
            },
        )

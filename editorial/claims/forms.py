"""Forms of the claim pages: the claims filter, changing a status, adding evidence."""

from __future__ import annotations

from django import forms

from core import roles
from core.widgets import SourceWordsField
from editorial.claims import selectors as claim_selectors
from editorial.models import Claim, Dispute
from sources.models import Source

UNASSIGNED = "none"


class ClaimFilterForm(forms.Form):
    q = forms.CharField(label="Search statements", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Claim.Status.choices],
    )
    # Typed, not chosen from a menu: a desk has thousands of sources.
    source_q = SourceWordsField()
    # One exact source, as links and the API name it (the reader's "Claims on this
    # source"); kept in a hidden input so changing another filter keeps it.
    source = forms.ModelChoiceField(
        label="Source",
        required=False,
        queryset=Source.objects.only("pk", "title"),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "There is no source with that number."},
    )
    # One dispute, as its page links to it; hidden like the source, not a menu of
    # every dispute on the desk.
    dispute = forms.ModelChoiceField(
        label="Dispute",
        required=False,
        queryset=Dispute.objects.only("pk", "question"),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "There is no dispute with that number."},
    )
    assignee = forms.ChoiceField(label="Assignee", required=False)
    tag = forms.SlugField(
        label="Tag", required=False, allow_unicode=True, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", "Anyone"),
            (UNASSIGNED, "Unassigned"),
            *(
                (str(user.pk), user.get_username())
                for user in claim_selectors.assignees()
            ),
        ]

    @property
    def chosen_source(self) -> Source | None:
        """The exact source the list is filtered on, as :meth:`filters` applies it."""
        return self.cleaned_data.get("source") if self.is_valid() else None

    @property
    def chosen_dispute(self) -> Dispute | None:
        """The dispute the list is filtered on, as :meth:`filters` applies it."""
        return self.cleaned_data.get("dispute") if self.is_valid() else None

    @property
    def chosen_tag(self) -> str:
        """The tag the list is filtered on, as :meth:`filters` applies it."""
        return self.cleaned_data.get("tag", "") if self.is_valid() else ""

    def filters(self) -> dict:
        """The selector's keyword arguments; invalid values are dropped (with errors shown)."""
        data = self.cleaned_data if self.is_valid() else {}
        assignee = data.get("assignee", "")
        return {
            "search": data.get("q", ""),
            "status": data.get("status", ""),
            "source_search": data.get("source_q", ""),
            "source_id": data["source"].pk if data.get("source") else None,
            "dispute_id": data["dispute"].pk if data.get("dispute") else None,
            "unassigned": assignee == UNASSIGNED,
            "assignee_id": int(assignee) if assignee.isdigit() else None,
            "tag": data.get("tag", ""),
        }


def status_choices(user) -> list[tuple[str, str]]:
    """The statuses ``user`` may set: editors move a claim along, reviewers give verdicts."""
    reviewer = roles.is_reviewer(user)
    return [
        (value, label)
        for value, label in Claim.Status.choices
        if reviewer or value not in Claim.VERDICTS
    ]


class ClaimStatusForm(forms.Form):
    # Any known status is accepted here; the service refuses verdicts from editors
    # with a 403, so a forged request gets the same answer as the API gives.
    status = forms.ChoiceField(label="Status", choices=Claim.Status.choices)
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give a reason; it is kept in the history."},
    )
    verdict_note = forms.CharField(
        label="Verdict note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the verdict rests on, for readers of the claim; a verdict "
        "needs one.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_choices = status_choices(user)


class EvidenceForm(forms.Form):
    supports = forms.TypedChoiceField(
        label="The evidence",
        choices=[("true", "Supports the claim"), ("false", "Refutes the claim")],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    url = forms.URLField(label="URL", required=False, assume_scheme="https")
    citation = forms.CharField(
        label="Citation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A reference someone can follow when there is no URL.",
    )
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

"""Forms for history pages: filters, reverts, restores and versioned edits."""

from django import forms
from django.contrib.auth import get_user_model

from core.widgets import SourceWordsField
from editorial.history.selectors import KINDS
from editorial.models import Claim
from sources.metadata import METADATA_FIELDS
from sources.models import Source

REASON_HELP = "Kept in the history with your name."


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Reason")
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", REASON_HELP)
        kwargs.setdefault(
            "error_messages",
            {"required": "Give a reason for the change; it is kept in the history."},
        )
        super().__init__(**kwargs)


class ChangesFilterForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        empty_label="Anyone",
    )
    kind = forms.ChoiceField(
        required=False,
        choices=[("", "Any kind")]
        + [(k.slug, k.label.capitalize()) for k in KINDS.values()],
    )
    # Sources are named in words, not picked from a menu of the whole desk (thousands
    # of options on a big desk); one exact source comes from links ("Recent changes on
    # this source"), kept in a hidden input so changing another filter keeps it.
    source_named = SourceWordsField()
    source = forms.ModelChoiceField(
        queryset=Source.objects.only("pk", "title"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "There is no source with that number."},
    )
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end of the range is before its start.")
        return cleaned


class RevertForm(forms.Form):
    history_id = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = ReasonField()


class RestoreForm(forms.Form):
    reason = ReasonField()


class ClaimEditForm(forms.Form):
    """A claim's words and assignee, with the version the edit started from."""

    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    verdict_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Verdict note"
    )
    assigned_to = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        empty_label="Nobody",
        label="Assigned to",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = ReasonField()

    @classmethod
    def for_claim(cls, claim: Claim, data=None, *, verdict_locked: bool = False):
        """The form for ``claim``; ``verdict_locked`` shows its words read-only.

        Read-only, not disabled: the words are still posted, unchanged, so an editor
        can change the assignee of a claim under a verdict (the service refuses a
        change to its words from anyone but a reviewer).
        """
        initial = {
            "statement": claim.statement,
            "verdict_note": claim.verdict_note,
            "assigned_to": claim.assigned_to_id,
            "version": claim.version,
        }
        form = cls(data=data, initial=initial)
        if verdict_locked:
            for name in ("statement", "verdict_note"):
                form.fields[name].widget.attrs["readonly"] = True
        return form


class SourceEditForm(forms.ModelForm):
    """A source's descriptive fields (never its text), with the version the edit started from."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = ReasonField()

    class Meta:
        model = Source
        fields = list(METADATA_FIELDS)
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "published_on_note": forms.Textarea(attrs={"rows": 2}),
        }

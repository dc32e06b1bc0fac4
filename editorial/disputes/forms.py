"""Forms for opening, growing, resolving and reopening disputes."""

from __future__ import annotations

from django import forms

from editorial.disputes.services import LOSING_VERDICTS
from editorial.models import Claim

REASON_HELP = "Kept in the history with your name."


class StatementChoices(forms.ModelMultipleChoiceField):
    """Claims named by their whole statement, not the shortened ``str()``."""

    def label_from_instance(self, obj):
        return obj.statement


class DisputeOpenForm(forms.Form):
    question = forms.CharField(
        label="Question the claims answer differently",
        max_length=1000,
        widget=forms.TextInput(attrs={"size": 80}),
    )
    claims = StatementChoices(
        label="Claims (the positions)",
        queryset=Claim.objects.order_by("statement"),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose at least two.",
    )
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)


class DisputeAddClaimForm(forms.Form):
    claim = forms.ModelChoiceField(label="Claim to add", queryset=Claim.objects.none())
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, claims=None, **kwargs):
        super().__init__(*args, **kwargs)
        if claims is not None:
            self.fields["claim"].queryset = claims


class DisputeResolveForm(forms.Form):
    """The supported position, a verdict for each other one, a note and a reason."""

    chosen = forms.TypedChoiceField(
        label="Position the evidence supports", coerce=int, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Why the evidence supports this position; it becomes each claim's verdict note."
        ),
    )
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, claims=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.claims = list(claims)
        self.fields["chosen"].choices = [(c.pk, c.statement) for c in self.claims]
        verdicts = [
            (v.value, v.label) for v in (Claim.Status(s) for s in LOSING_VERDICTS)
        ]
        for claim in self.claims:
            self.fields[f"verdict_{claim.pk}"] = forms.ChoiceField(
                label=f"Verdict if not chosen: {claim.statement}",
                choices=verdicts,
                initial=Claim.Status.FALSE,
                required=False,
            )

    def verdict_fields(self):
        return [(claim, self[f"verdict_{claim.pk}"]) for claim in self.claims]

    def verdicts(self) -> dict[int, str]:
        chosen = self.cleaned_data["chosen"]
        return {
            claim.pk: self.cleaned_data[f"verdict_{claim.pk}"] or Claim.Status.FALSE
            for claim in self.claims
            if claim.pk != chosen
        }


class DisputeReopenForm(forms.Form):
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DisputeFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "Any status"), ("open", "Open"), ("resolved", "Resolved")],
        required=False,
    )
    source = forms.IntegerField(required=False, widget=forms.HiddenInput)

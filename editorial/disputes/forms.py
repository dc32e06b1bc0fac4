"""Forms for opening, growing, resolving and reopening disputes."""

from __future__ import annotations

from django import forms

from editorial.disputes.services import LOSING_VERDICTS
from editorial.models import Claim, DisputeResolution

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
    """How the dispute is settled, then: the supported position and a verdict for each
    other one (one position is right), or each position's as-of date (each right at
    its date); always a note and a reason."""

    resolution = forms.ChoiceField(
        label="How is the dispute settled?",
        choices=DisputeResolution.choices,
        initial=DisputeResolution.ONE_RIGHT,
        widget=forms.RadioSelect,
        required=False,
    )
    chosen = forms.TypedChoiceField(
        label="Position the evidence supports",
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label="Reason for the resolution",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Why the evidence settles the dispute so; it becomes each claim's verdict note."
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
            self.fields[f"as_of_{claim.pk}"] = forms.DateField(
                label=f"Right as of: {claim.statement}",
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
                help_text="Leave empty for the date of its earliest source.",
            )

    def clean(self):
        data = super().clean()
        data["resolution"] = data.get("resolution") or DisputeResolution.ONE_RIGHT
        one_right = data.get("resolution") == DisputeResolution.ONE_RIGHT
        if one_right and not data.get("chosen"):
            self.add_error("chosen", "Choose the position the evidence supports.")
        return data

    def as_of_fields(self):
        return [(claim, self[f"as_of_{claim.pk}"]) for claim in self.claims]

    def as_of(self) -> dict:
        return {
            claim.pk: self.cleaned_data[f"as_of_{claim.pk}"]
            for claim in self.claims
            if self.cleaned_data.get(f"as_of_{claim.pk}")
        }

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

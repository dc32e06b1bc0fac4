"""Forms for opening, growing, resolving and reopening disputes."""

from __future__ import annotations

import re

from django import forms

from core.widgets import ShortOptionsSelect
from editorial.disputes.selectors import OFFERED_CLAIMS
from editorial.disputes.services import LOSING_VERDICTS
from editorial.models import Claim, DisputeResolution

REASON_HELP = "Kept in the history with your name."


class StatementChoices(forms.ModelMultipleChoiceField):
    """Claims named by their whole statement, not the shortened ``str()``."""

    def label_from_instance(self, obj):
        return obj.statement


class OfferedChoices:
    """A form whose claim menu shows only the claims offered (``claims_offered``);
    its field still accepts any claim of its queryset, checked by id."""

    menu = "claim"

    def offer(self, claims) -> None:
        field = self.fields[self.menu]
        label = field.label_from_instance
        empty_label = getattr(field, "empty_label", None)
        empty = [("", empty_label)] if empty_label is not None else []
        field.widget.choices = [*empty, *((c.pk, label(c)) for c in claims)]

    def picked_ids(self) -> list[int]:
        """The ids picked in the menu (submitted, or initial), numbers only."""
        name = self.add_prefix(self.menu)
        if self.is_bound:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
        else:
            values = self.initial.get(self.menu) or []
            values = values if isinstance(values, list | tuple) else [values]
        return [int(v) for v in map(str, values) if v.isdigit()][:OFFERED_CLAIMS]


def claim_numbers(text: str) -> list[int]:
    """The claim numbers in ``text``, separated by commas or spaces (``#`` allowed)."""
    words = [word.lstrip("#") for word in re.split(r"[\s,;]+", text) if word]
    wrong = [word for word in words if not word.isdigit()]
    if wrong:
        raise forms.ValidationError(
            "Not a claim number: %(wrong)s.", params={"wrong": ", ".join(wrong[:10])}
        )
    return list(dict.fromkeys(int(word) for word in words))


class DisputeOpenForm(OfferedChoices, forms.Form):
    menu = "claims"

    question = forms.CharField(
        label="Question the claims answer differently",
        max_length=1000,
        widget=forms.TextInput(attrs={"size": 80}),
    )
    claims = StatementChoices(
        label="Claims (the positions)",
        queryset=Claim.objects.order_by("statement"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose at least two.",
    )
    numbers = forms.CharField(
        label="Or add claims by number",
        max_length=1000,
        required=False,
        help_text="Numbers separated by commas or spaces, e.g. 12, 40.",
    )
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)

    def clean_numbers(self) -> list[Claim]:
        numbers = claim_numbers(self.cleaned_data["numbers"])
        found = Claim.objects.in_bulk(numbers)
        missing = [str(number) for number in numbers if number not in found]
        if missing:
            raise forms.ValidationError(
                "No claim has the number %(missing)s.",
                params={"missing": ", ".join(missing)},
            )
        return [found[number] for number in numbers]

    def clean(self):
        data = super().clean()
        if "claims" in data and "numbers" in data:
            claims = {claim.pk: claim for claim in data["claims"]}
            claims.update((claim.pk, claim) for claim in data["numbers"])
            data["claims"] = list(claims.values())
            if not claims:
                self.add_error("claims", "Tick the claims or give their numbers.")
        return data


class DisputeAddClaimForm(OfferedChoices, forms.Form):
    claim = forms.ModelChoiceField(
        label="Claim to add",
        queryset=Claim.objects.none(),
        required=False,
        empty_label="— choose a claim —",
        widget=ShortOptionsSelect,
        help_text="Claims from the same stories as the positions, then the newest.",
    )
    number = forms.IntegerField(
        label="or its number", min_value=1, required=False, widget=forms.NumberInput
    )
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, claims=None, **kwargs):
        super().__init__(*args, **kwargs)
        if claims is not None:
            self.fields["claim"].queryset = claims

    def clean(self):
        data = super().clean()
        chosen, number = data.get("claim"), data.get("number")
        if number is not None:
            numbered = self.fields["claim"].queryset.filter(pk=number).first()
            if numbered is None:
                self.add_error("number", _number_refused(number))
            elif chosen is not None and chosen != numbered:
                self.add_error("number", "Choose a claim or give a number, not both.")
            else:
                data["claim"] = numbered
        elif chosen is None and "claim" not in self.errors:
            self.add_error("claim", "Choose a claim or give its number.")
        return data


def _number_refused(number: int) -> str:
    if Claim.objects.filter(pk=number).exists():
        return f"Claim {number} is already a position in this dispute."
    return f"No claim has the number {number}."


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

"""Forms of publishing: the desk's publish, update and unpublish forms; the public search."""

from __future__ import annotations

from django import forms

from editorial.models import FactCheck

REASON_HELP = "Kept in the history with your name."


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FactCheckFields(forms.Form):
    headline = forms.CharField(label="Headline", max_length=200)
    claimant = forms.CharField(
        label="Claimant",
        max_length=200,
        help_text="Who made the claim: a person or an organisation.",
    )
    claimant_kind = forms.ChoiceField(
        label="The claimant is", choices=FactCheck.ClaimantKind.choices
    )
    claim_date = forms.DateField(
        label="Claim date", widget=_date_input(), help_text="When the claim was made."
    )
    summary = forms.CharField(
        label="Summary",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(label="Reason", max_length=500, help_text=REASON_HELP)


class PublishForm(FactCheckFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = False
        self.fields["summary"].help_text = "Leave empty to use the verdict note."


class UpdateForm(FactCheckFields):
    note = forms.CharField(
        label="What changed, for readers",
        max_length=2000,
        required=False,
        help_text="Shown as “Updated on <date>: …”; the reason is shown if empty.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class UnpublishForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=500, help_text=REASON_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search fact checks", required=False, max_length=200)


def desk_forms(claim, fact_check) -> dict:
    """The claim page's publishing forms, filled from the fact check or the claim."""
    if fact_check is None:
        return {"publish_form": PublishForm(prefix="publish")}
    fields = {
        "headline": fact_check.headline,
        "claimant": fact_check.claimant,
        "claimant_kind": fact_check.claimant_kind,
        "claim_date": fact_check.claim_date,
        "summary": fact_check.summary,
    }
    if not fact_check.is_public:
        return {"publish_form": PublishForm(prefix="publish", initial=fields)}
    return {
        "update_form": UpdateForm(
            prefix="update", initial={**fields, "version": fact_check.version}
        ),
        "unpublish_form": UnpublishForm(
            prefix="unpublish", initial={"version": fact_check.version}
        ),
    }

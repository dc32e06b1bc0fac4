"""The tags form on the claim page and the reader."""

from django import forms


class TagsForm(forms.Form):
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=1100,
        help_text="Separated by commas, e.g. “elections, needs translation”.",
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        initial="Tags updated",
        help_text="Kept in the history with your name.",
    )

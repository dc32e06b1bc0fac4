"""Forms of the reader's orphaned-highlights panel: re-attach or retire."""

from __future__ import annotations

from django import forms


class ReattachForm(forms.Form):
    """A new quote for an orphaned highlight: typed, or selected in the reader (offsets)."""

    quote = forms.CharField(
        strip=False, max_length=20000, label="New quote to attach it to"
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(max_length=400, label="Reason")


class RetireForm(forms.Form):
    reason = forms.CharField(max_length=400, label="Reason for retiring it")

"""The conversation's forms: a comment's words, and where to go back to."""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme

from editorial.models.conversation import COMMENT_MAX_CHARS


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Links, *emphasis*, **strong** and `code` work; @name tells a colleague.",
        error_messages={"required": "Write the comment before posting it."},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def next_url(self, default: str) -> str:
        """Where to go after the write: ``next`` when it is one of the desk's pages."""
        wanted = (self.cleaned_data.get("next") if self.is_bound else "") or ""
        if wanted and url_has_allowed_host_and_scheme(
            wanted,
            allowed_hosts={self.request.get_host()} if self.request else set(),
            require_https=bool(self.request and self.request.is_secure()),
        ):
            return wanted
        return default


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        required=False,
        help_text="Why it is removed; kept in the history with its words.",
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

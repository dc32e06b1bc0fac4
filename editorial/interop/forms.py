"""The import pages' forms: a file (or pasted text), what to make of it, and why."""

from django import forms

from editorial.interop.services.hypothesis import TEXT_AS

#: What one page import reads at most; larger files go through the commands.
PAGE_MAX_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label="File", required=False)
    pasted = forms.CharField(
        label="Or paste it here",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=PAGE_MAX_BYTES,
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        help_text="Kept in the history of everything imported.",
    )

    def text(self) -> str:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            if upload.size > PAGE_MAX_BYTES:
                raise forms.ValidationError(
                    f"The file is larger than {PAGE_MAX_BYTES // 1024 // 1024} MB: "
                    "import it with the command (see the README)."
                )
            try:
                return upload.read(PAGE_MAX_BYTES + 1).decode("utf-8")
            except UnicodeDecodeError as error:
                raise forms.ValidationError("The file is not UTF-8 text.") from error
        if self.cleaned_data.get("pasted", "").strip():
            return self.cleaned_data["pasted"]
        raise forms.ValidationError("Choose a file or paste its contents.")


class HypothesisImportForm(ImportForm):
    text_as = forms.ChoiceField(
        label="An annotation's text becomes",
        choices=[
            (
                value,
                {"claim": "a claim on its words", "comment": "a comment on its words"}[
                    value
                ],
            )
            for value in TEXT_AS
        ],
        initial="claim",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason", max_length=500, initial="Imported from Hypothesis"
    )
    field_order = ["file", "pasted", "text_as", "reason"]


class ClaimReviewImportForm(ImportForm):
    url = forms.URLField(
        label="Where the page came from (for a saved HTML page)",
        required=False,
        assume_scheme="https",
    )
    reason = forms.CharField(
        label="Reason", max_length=500, initial="Imported from another fact-checker"
    )
    field_order = ["file", "pasted", "url", "reason"]

"""Forms for importing articles in the browser and giving sources new revisions."""

from __future__ import annotations

from django import forms
from django.conf import settings

from core.widgets import ShortOptionsSelect
from sources import extract
from sources.metadata import METADATA_FIELDS
from sources.models import Source

#: Largest file the import page reads; the text limit (EDITORIAL_MAX_BODY_CHARS) still
#: applies to what is extracted. Uploads past it are refused as they are read
#: (``editorial.intake.uploads``); the forms check again.
MAX_UPLOAD_BYTES = settings.EDITORIAL_MAX_UPLOAD_BYTES


class RefusedUploads:
    """A form that shows why files were refused while they were uploaded.

    ``refusals`` comes from ``editorial.intake.uploads.refusals(request)``: the refused
    files never reach ``request.FILES``, so without this the form would not know of
    them (and the revision form would fall back to its text box).
    """

    def __init__(self, *args, refusals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refusals = list(refusals)

    def clean(self):
        cleaned = super().clean()
        for reason in self.refusals:
            self.add_error(None, f"Nothing was read: {reason}")
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>`` (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # An empty file is refused by the import with a reason, like any unreadable file.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def browser_text(value: str, like: str = "") -> str:
    """Undo the browser's line-break rewriting in a submitted ``<textarea>``.

    HTML form submission turns every line break into CR LF. A text whose current
    revision has no CR gets its LF line breaks back, so a one-word correction is not
    also a change to every line ending.
    """
    if "\r" not in like:
        return value.replace("\r\n", "\n")
    return value


class ImportUploadForm(RefusedUploads, forms.Form):
    """First step of the import page: files, or pasted text, to read."""

    files = MultipleFileField(
        required=False,
        label="Files",
        help_text="Plain text (.txt), Markdown (.md) or saved web pages (.html); several at once.",
    )
    pasted = forms.CharField(
        required=False,
        strip=False,
        label="Or paste the article",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    pasted_format = forms.ChoiceField(
        choices=list(extract.FORMATS.items()),
        initial=extract.TEXT,
        required=False,
        label="The pasted text is",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    f"{upload.name} is {upload.size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,}."
                )
        return files

    def clean_pasted(self):
        text = browser_text(self.cleaned_data["pasted"])
        if len(text) > settings.EDITORIAL_MAX_BODY_CHARS:
            raise forms.ValidationError(
                f"The text has {len(text):,} characters; the limit is {settings.EDITORIAL_MAX_BODY_CHARS:,}."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("pasted") or "").strip():
            if not self.errors and not self.refusals:
                raise forms.ValidationError(
                    "Choose one or more files, or paste a text."
                )
        return cleaned


class ImportReviewForm(forms.ModelForm):
    """One article read from a file, with the metadata an editor checks before saving.

    Its metadata fields are the source's (``sources.metadata.METADATA_FIELDS``), checked
    as the model checks them; the form only adds which article it is, whether to import
    it, and which source it may be a newer text of.
    """

    token = forms.CharField(widget=forms.HiddenInput)
    include = forms.BooleanField(
        required=False, initial=True, label="Import this article"
    )
    # Plain text, so the model's own validator (http or https addresses only) gives
    # the message rather than the form field's generic "Enter a valid URL".
    url = forms.CharField(max_length=2000, required=False, label="Address (URL)")
    revision_of = forms.ModelChoiceField(
        queryset=Source.objects.order_by("title", "id"),
        required=False,
        label="Save as a new revision of",
        empty_label="— a new source —",
        widget=ShortOptionsSelect,
        help_text="Sources with the same address or title, and the latest added; "
        "another source takes a newer text on its own page (Revise).",
    )

    class Meta:
        model = Source
        fields = list(METADATA_FIELDS)
        labels = {"published_on_note": "How the date is known"}
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}

    def offer(self, sources) -> None:
        """Show only ``sources`` in the revision menu (``revision_candidates``): the
        field still accepts any source, checked by id when the form is saved."""
        field = self.fields["revision_of"]
        field.widget.choices = [
            ("", field.empty_label),
            *((source.pk, field.label_from_instance(source)) for source in sources),
        ]

    def chosen_source_id(self) -> int | None:
        """The id of the source picked in the revision menu, if any."""
        value = self.data.get(self.add_prefix("revision_of")) if self.is_bound else None
        if value is None:
            value = self.initial.get("revision_of")
            value = getattr(value, "pk", value)
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def metadata(self) -> dict:
        """The checked metadata, as the import services take it."""
        data = self.cleaned_data
        return {name: data[name] for name in METADATA_FIELDS}


ImportReviewFormSet = forms.formset_factory(ImportReviewForm, extra=0)


class ImportReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=400,
        initial="Imported in the browser",
        help_text="Kept in the history of every source and revision saved.",
    )


class RevisionForm(RefusedUploads, forms.Form):
    """A source's new text: the corrected body, or a newer version's file."""

    body = forms.CharField(
        required=False,
        strip=False,
        label="Corrected text",
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
    )
    file = forms.FileField(
        required=False,
        label="Or a newer version of the article (file)",
        help_text="Plain text, Markdown or a saved web page; it replaces the text above.",
    )
    reason = forms.CharField(
        max_length=400,
        label="Reason for the new revision",
        help_text="Say what changed and why, e.g. “Publisher's correction of 7 January: the date”.",
    )
    expected_number = forms.IntegerField(widget=forms.HiddenInput)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,}."
            )
        return upload

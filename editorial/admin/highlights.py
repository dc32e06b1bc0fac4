"""Highlights in the admin, and a source's admin with its highlights below."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import DeskModelAdmin, ReadOnlyInline, refusals
from editorial.highlights import services as highlight_services
from editorial.highlights import spans
from editorial.models import ClaimHighlight, Highlight
from sources.admin import SourceAdmin
from sources.models import Source

from .common import DELETED_IN_THE_ADMIN, take_saved


class HighlightLinkInline(ReadOnlyInline):
    model = ClaimHighlight
    fk_name = "highlight"
    verbose_name = "claim on these words"
    verbose_name_plural = "claims on these words"
    fields = ["claim", "stance", "created_by"]
    readonly_fields = fields


class HighlightInline(ReadOnlyInline):
    model = Highlight
    fk_name = "source"
    verbose_name_plural = (
        "highlights (the first 50; the Highlights list, searched by the source's "
        "title, has them all)"
    )
    fields = ["exact", "start", "end", "revision", "anchoring", "created_by"]
    readonly_fields = fields


class SourceWithHighlightsAdmin(SourceAdmin):
    """The sources app's admin for a source, with the desk's highlights on it below."""

    inlines = [*SourceAdmin.inlines, HighlightInline]


# The sources app registers Source without the desk's highlights; show them here.
admin.site.unregister(Source)
admin.site.register(Source, SourceWithHighlightsAdmin)


@admin.register(Highlight)
class HighlightAdmin(DeskModelAdmin):
    list_display = [
        "__str__",
        "source",
        "start",
        "end",
        "anchoring",
        "created_by",
        "created_at",
    ]
    # No filter per source (its sidebar would list every source); search by title.
    list_filter = ["anchoring", "source__kind", "created_by"]
    search_fields = ["exact", "source__title"]
    list_select_related = ["source", "created_by"]
    # By number, with the admin's lookup: a menu would hold every source and revision.
    raw_id_fields = ["source", "revision"]
    inlines = [HighlightLinkInline]

    def get_readonly_fields(self, request, obj=None):
        # The quote always comes from the text; a saved span is not edited by hand.
        # Anchoring changes only through re-anchoring, re-attaching and retiring.
        if obj is None:
            return ["exact", "prefix", "suffix", "anchoring", "created_by"]
        return [
            "source",
            "revision",
            "start",
            "end",
            "exact",
            "prefix",
            "suffix",
            "anchoring",
            "created_by",
            "created_at",
        ]

    def save_model(self, request, obj, form, change):
        """A new highlight is made by ``highlight_create``, which checks the span.

        A saved highlight has nothing to edit here (every field is read-only; its words
        move only by re-anchoring, re-attaching and retiring), so a change writes
        nothing and a revert from its history page is refused.
        """
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A highlight is not reverted: re-attach or retire it on its "
                    "source's page."
                )
            if change:
                return
            saved = highlight_services.highlight_create(
                source=obj.source,
                revision=obj.revision,
                start=obj.start,
                end=obj.end,
                exact=obj.exact or None,
                user=request.user,
                reason=form.cleaned_data["change_reason"],
            )
        take_saved(obj, saved)

    def delete_model(self, request, obj):
        with refusals():
            highlight_services.highlight_delete(
                highlight=obj, user=request.user, reason=DELETED_IN_THE_ADMIN
            )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            original_clean = form.clean

            def clean(self_form):
                cleaned = original_clean(self_form)
                revision, start, end = (
                    cleaned.get("revision"),
                    cleaned.get("start"),
                    cleaned.get("end"),
                )
                if revision is not None and start is not None and end is not None:
                    try:
                        self_form.instance.exact = spans.validate_span(
                            revision.body, start, end
                        )
                    except spans.SpanError as error:
                        field = "end" if error.field == "exact" else error.field
                        raise ValidationError({field: str(error)}) from error
                return cleaned

            form.clean = clean
        return form

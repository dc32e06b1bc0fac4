from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeskModelAdmin, ReadOnlyInline, refusals
from editorial.accounts import services as account_services
from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services
from editorial.highlights import spans
from editorial.history import services as history_services
from editorial.models import (
    ApiToken,
    Claim,
    ClaimHighlight,
    Dispute,
    DisputeClaim,
    Evidence,
    Highlight,
    Suggestion,
)
from sources.admin import SourceAdmin
from sources.models import Source

DELETED_IN_THE_ADMIN = "Deleted in the admin"


def _take_saved(obj, saved) -> None:
    """Give the admin's object the row a service saved, for the admin's log and redirect."""
    for field in type(saved)._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db
    obj._state.fields_cache = {}


class ClaimLinkInline(ReadOnlyInline):
    model = ClaimHighlight
    fk_name = "claim"
    verbose_name = "highlight stating the claim"
    verbose_name_plural = "highlights stating the claim"
    fields = ["quote", "source", "stance", "created_by"]
    readonly_fields = fields

    @admin.display(description="quote")
    def quote(self, link):
        return link.highlight.exact

    @admin.display(description="source")
    def source(self, link):
        return link.highlight.source

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("highlight__source", "created_by")
        )


class HighlightLinkInline(ReadOnlyInline):
    model = ClaimHighlight
    fk_name = "highlight"
    verbose_name = "claim on these words"
    verbose_name_plural = "claims on these words"
    fields = ["claim", "stance", "created_by"]
    readonly_fields = fields


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ["supports", "url", "citation", "note", "added_by"]
    readonly_fields = fields


class DisputePositionInline(ReadOnlyInline):
    model = DisputeClaim
    fields = ["claim", "claim_status", "added_by", "added_at"]
    readonly_fields = fields

    @admin.display(description="status")
    def claim_status(self, position):
        return position.claim.get_status_display()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "added_by")


class HighlightInline(ReadOnlyInline):
    model = Highlight
    fk_name = "source"
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
    list_filter = ["anchoring", "source", "source__kind", "created_by"]
    search_fields = ["exact", "source__title"]
    list_select_related = ["source", "created_by"]
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
        _take_saved(obj, saved)

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


@admin.action(description="Mark selected claims in review")
def mark_in_review(modeladmin, request, queryset):
    changed = 0
    for claim in queryset:
        try:
            claim_services.claim_set_status(
                claim=claim,
                status=Claim.Status.IN_REVIEW,
                user=request.user,
                reason="Marked in review from the admin's claim list",
            )
            changed += 1
        except (PermissionDenied, ValidationError) as error:
            modeladmin.message_user(
                request, f"Claim {claim.pk}: {error}", messages.ERROR
            )
    modeladmin.message_user(
        request, f"{changed} claim(s) marked in review.", messages.SUCCESS
    )


@admin.register(Claim)
class ClaimAdmin(DeskModelAdmin):
    list_display = [
        "__str__",
        "status",
        "assigned_to",
        "reviewed_by",
        "reviewed_at",
        "version",
    ]
    list_filter = ["status", "reviewed_by", "assigned_to", "links__highlight__source"]
    search_fields = ["statement", "verdict_note"]
    list_select_related = ["assigned_to", "reviewed_by"]
    readonly_fields = [
        "created_by",
        "created_at",
        "reviewed_by",
        "reviewed_at",
        "version",
    ]
    inlines = [ClaimLinkInline, EvidenceInline]
    actions = [mark_in_review]

    revert_through_service = True

    def save_model(self, request, obj, form, change):
        """Every save goes through the claim services, so their rules hold here too.

        A status goes through ``claim_set_status`` (a verdict needs a reviewer), other
        edits through ``claim_update``, and a revert from the history page through
        ``claim_revert`` (restoring a verdict needs a reviewer).
        """
        user, reason = request.user, form.cleaned_data["change_reason"]
        changed = [name for name in form.changed_data if name != "change_reason"]
        with refusals():
            history_id = self.reverting_to(request)
            if history_id is not None:
                saved = history_services.claim_revert(
                    claim=obj, history_id=history_id, user=user, reason=reason
                )
            else:
                if change:
                    saved = Claim.objects.get(pk=obj.pk)
                else:
                    saved = claim_services.claim_create(
                        statement=obj.statement,
                        assigned_to=obj.assigned_to,
                        user=user,
                        reason=reason,
                    )
                    changed = [
                        name
                        for name in changed
                        if name not in ("statement", "assigned_to")
                    ]
                saved = _save_claim_edits(saved, obj, changed, user=user, reason=reason)
        _take_saved(obj, saved)

    def delete_model(self, request, obj):
        with refusals():
            claim_services.claim_delete(
                claim=obj, user=request.user, reason=DELETED_IN_THE_ADMIN
            )


def _save_claim_edits(claim, edited, changed, *, user, reason):
    """Write the admin form's ``changed`` fields of ``edited`` to ``claim`` by service."""
    if "status" in changed:
        claim = claim_services.claim_set_status(
            claim=claim,
            status=edited.status,
            verdict_note=edited.verdict_note if "verdict_note" in changed else None,
            user=user,
            reason=reason,
        )
        changed = [name for name in changed if name not in ("status", "verdict_note")]
    if changed:
        claim = claim_services.claim_update(
            claim=claim,
            user=user,
            reason=reason,
            **{name: getattr(edited, name) for name in changed},
        )
    return claim


@admin.register(ClaimHighlight)
class ClaimHighlightAdmin(DeskModelAdmin):
    list_display = ["claim", "highlight", "stance", "created_by", "created_at"]
    list_filter = ["stance", "highlight__source"]
    search_fields = ["claim__statement", "highlight__exact"]
    list_select_related = ["claim", "highlight", "created_by"]
    raw_id_fields = ["claim", "highlight"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(Evidence)
class EvidenceAdmin(DeskModelAdmin):
    list_display = ["__str__", "claim", "supports", "added_by", "added_at"]
    list_filter = ["supports", "added_by"]
    search_fields = ["url", "citation", "note", "claim__statement"]
    list_select_related = ["claim", "added_by"]
    raw_id_fields = ["claim"]
    readonly_fields = ["added_by", "added_at"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Evidence stays with its claim (``evidence_update``).
        return fields if obj is None else [*fields, "claim"]

    def save_model(self, request, obj, form, change):
        """Saves go through ``evidence_add`` and ``evidence_update`` (editors only).

        A change, or a revert from the history page, writes the fields that differ
        from the stored evidence.
        """
        user, reason = request.user, form.cleaned_data["change_reason"]
        with refusals():
            if change:
                stored = Evidence.objects.get(pk=obj.pk)
                changes = {
                    name: getattr(obj, name)
                    for name in EVIDENCE_EDITABLE
                    if getattr(obj, name) != getattr(stored, name)
                }
                saved = stored
                if changes:
                    saved = claim_services.evidence_update(
                        evidence=stored, user=user, reason=reason, **changes
                    )
            else:
                saved = claim_services.evidence_add(
                    claim=obj.claim,
                    supports=obj.supports,
                    url=obj.url,
                    citation=obj.citation,
                    note=obj.note,
                    user=user,
                    reason=reason,
                )
        _take_saved(obj, saved)

    def delete_model(self, request, obj):
        with refusals():
            claim_services.evidence_delete(
                evidence=obj, user=request.user, reason=DELETED_IN_THE_ADMIN
            )


EVIDENCE_EDITABLE = ("supports", "url", "citation", "note")


@admin.register(Dispute)
class DisputeAdmin(DeskModelAdmin):
    list_display = ["__str__", "status", "created_by", "created_at", "resolved_by"]
    list_filter = ["status", "resolved_by"]
    search_fields = ["question", "resolution_note", "claims__statement"]
    list_select_related = ["created_by", "resolved_by"]
    readonly_fields = [
        "created_by",
        "created_at",
        "resolved_by",
        "resolved_at",
        "version",
    ]
    inlines = [DisputePositionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(DisputeClaim)
class PositionAdmin(DeskModelAdmin):
    list_display = ["dispute", "claim", "added_by", "added_at"]
    list_filter = ["dispute"]
    search_fields = ["dispute__question", "claim__statement"]
    list_select_related = ["dispute", "claim", "added_by"]
    raw_id_fields = ["dispute", "claim"]
    readonly_fields = ["added_by", "added_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Tokens are made by their owner on the account page (the key is shown once there);
    the admin lists them and can revoke them, through the same service."""

    list_display = [
        "name",
        "user",
        "key_prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "key_prefix"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "key_prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Revoke selected tokens", permissions=["view"])
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                account_services.api_token_revoke(
                    token=token, user=request.user, reason="Revoked in the admin"
                )
            except PermissionDenied as error:
                self.message_user(request, f"{token}: {error}", messages.ERROR)
                continue
            revoked += 1
        self.message_user(request, f"Revoked {revoked} token(s).", messages.SUCCESS)


@admin.register(Suggestion)
class SuggestionAdmin(DeskModelAdmin):
    """Suggestions are made by the checks and decided on the desk's suggestions page."""

    list_display = ["__str__", "kind", "source", "status", "decided_by", "created_at"]
    list_filter = ["kind", "status", "source"]
    search_fields = ["exact", "statement", "decision_reason"]
    list_select_related = ["source", "decided_by"]
    readonly_fields = [
        "kind",
        "source",
        "revision",
        "start",
        "end",
        "exact",
        "statement",
        "explanation",
        "evidence",
        "group",
        "question",
        "claim",
        "highlight",
        "dispute",
        "fingerprint",
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

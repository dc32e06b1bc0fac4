"""Claims, their links to highlights, and their evidence in the admin."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from core.admin import DeskModelAdmin, ReadOnlyInline, refusals
from editorial.claims import services as claim_services
from editorial.history import services as history_services
from editorial.models import Claim, ClaimHighlight, Evidence

from .common import DELETED_IN_THE_ADMIN, take_saved


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


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ["supports", "url", "citation", "note", "added_by"]
    readonly_fields = fields


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
    list_filter = ["status", "reviewed_by", "assigned_to"]
    search_fields = ["statement", "verdict_note", "links__highlight__source__title"]
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
        take_saved(obj, saved)

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
    list_filter = ["stance"]
    search_fields = ["claim__statement", "highlight__exact", "highlight__source__title"]
    list_select_related = ["claim", "highlight", "created_by"]
    raw_id_fields = ["claim", "highlight"]
    readonly_fields = ["created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # No service moves a link or changes its stance: unlink and link again.
        return fields if obj is None else [*fields, "claim", "highlight", "stance"]

    def save_model(self, request, obj, form, change):
        """A link is made by ``claim_link_highlight`` (editors only).

        A saved link has nothing to edit here, so a change writes nothing and a revert
        from its history page is refused.
        """
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A link is not reverted: delete it and link the claim and the "
                    "words again."
                )
            if change:
                return
            saved = claim_services.claim_link_highlight(
                claim=obj.claim,
                highlight=obj.highlight,
                stance=obj.stance,
                user=request.user,
                reason=form.cleaned_data["change_reason"],
            )
        take_saved(obj, saved)

    def delete_model(self, request, obj):
        with refusals():
            claim_services.claim_unlink_highlight(
                link=obj, user=request.user, reason=DELETED_IN_THE_ADMIN
            )


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
        take_saved(obj, saved)

    def delete_model(self, request, obj):
        with refusals():
            claim_services.evidence_delete(
                evidence=obj, user=request.user, reason=DELETED_IN_THE_ADMIN
            )


EVIDENCE_EDITABLE = ("supports", "url", "citation", "note")

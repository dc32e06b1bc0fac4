"""Disputes and their positions in the admin."""

from django.contrib import admin

from core.admin import DeskModelAdmin, ReadOnlyInline
from editorial.models import Dispute, DisputeClaim


class DisputePositionInline(ReadOnlyInline):
    model = DisputeClaim
    fields = ["claim", "claim_status", "added_by", "added_at"]
    readonly_fields = fields

    @admin.display(description="status")
    def claim_status(self, position):
        return position.claim.get_status_display()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "added_by")


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

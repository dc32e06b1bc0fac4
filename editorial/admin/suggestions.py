"""The checks' suggestions in the admin."""

from django.contrib import admin

from core.admin import DeskModelAdmin
from editorial.models import Suggestion


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

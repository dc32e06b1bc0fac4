from django.contrib import admin

from core.admin import DeskModelAdmin, ReadOnlyInline
from sources.models import Revision, Source, Story


class RevisionInline(ReadOnlyInline):
    model = Revision
    fields = [
        "number",
        "sha256",
        "created_at",
        "created_by",
        "reason",
        "file_name",
        "highlights_stayed",
        "highlights_moved",
        "highlights_orphaned",
    ]
    readonly_fields = fields


@admin.register(Source)
class SourceAdmin(DeskModelAdmin):
    list_display = [
        "title",
        "kind",
        "publisher",
        "published_on",
        "imported_at",
        "imported_by",
    ]
    list_filter = ["kind", "language", "published_on"]
    search_fields = ["title", "publisher", "url", "sha256"]
    date_hierarchy = "imported_at"
    readonly_fields = [
        "sha256",
        "file_name",
        "imported_at",
        "imported_by",
        "current_revision",
    ]
    inlines = [RevisionInline]
    list_select_related = ["imported_by"]

    def has_add_permission(self, request):
        # Sources come in through import, which keeps the text as an immutable revision.
        return False


@admin.register(Revision)
class RevisionAdmin(DeskModelAdmin):
    """Revisions are immutable: the admin shows them and nothing more."""

    list_display = ["source", "number", "sha256", "created_at", "created_by", "reason"]
    list_filter = ["source"]
    search_fields = ["sha256", "reason", "source__title"]
    list_select_related = ["source", "created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(DeskModelAdmin):
    """Stories are shown here; they change on the Stories page, through the services."""

    list_display = ["name", "slug", "confirmed", "created_at", "created_by"]
    list_filter = ["confirmed"]
    search_fields = ["name", "slug"]
    list_select_related = ["created_by"]
    readonly_fields = ["profile"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

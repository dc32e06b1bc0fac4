"""Tags in the admin: read, with their history. Tags are put on and taken off on the
desk (a claim's page, the reader), through ``editorial.tags.services``; the admin
changes none of them, so no path skips the services' rules."""

from django.contrib import admin

from core.admin import DeskModelAdmin
from editorial.models import ClaimTag, SourceTag, Tag


class ReadOnlyAdmin(DeskModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Tag)
class TagAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "created_by", "created_at"]
    search_fields = ["name"]
    list_select_related = ["created_by"]
    fields = readonly_fields = ["name", "slug", "created_by", "created_at"]


@admin.register(ClaimTag)
class ClaimTagAdmin(ReadOnlyAdmin):
    list_display = ["tag", "claim", "added_by", "added_at"]
    list_filter = ["tag"]
    search_fields = ["tag__name", "claim__statement"]
    list_select_related = ["tag", "claim", "added_by"]
    fields = readonly_fields = ["tag", "claim", "added_by", "added_at"]


@admin.register(SourceTag)
class SourceTagAdmin(ReadOnlyAdmin):
    list_display = ["tag", "source", "added_by", "added_at"]
    list_filter = ["tag"]
    search_fields = ["tag__name", "source__title"]
    list_select_related = ["tag", "source", "added_by"]
    fields = readonly_fields = ["tag", "source", "added_by", "added_at"]

from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import DeskModelAdmin, ReadOnlyInline, refusals
from sources.models import Revision, Source, Story
from sources.stories import services as story_services


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
        "story",
    ]
    # Filters whose choices stay few; stories (one per few sources) are searched.
    list_filter = ["kind", "language", "published_on"]
    search_fields = ["title", "publisher", "url", "sha256", "story__name"]
    date_hierarchy = "imported_at"
    readonly_fields = [
        "sha256",
        "file_name",
        "imported_at",
        "imported_by",
        "current_revision",
        # Moved between stories on the Stories page, through the story services.
        "story",
    ]
    inlines = [RevisionInline]
    list_select_related = ["imported_by", "story"]

    def has_add_permission(self, request):
        # Sources come in through import, which keeps the text as an immutable revision.
        return False


@admin.register(Revision)
class RevisionAdmin(DeskModelAdmin):
    """Revisions are immutable: the admin shows them and nothing more."""

    list_display = ["source", "number", "sha256", "created_at", "created_by", "reason"]
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
    """Stories through their services: add, rename and confirm here; merge, split and
    move sources on the Stories page. The service's rules (editors only, names unique)
    hold here too."""

    list_display = ["name", "slug", "confirmed", "created_at", "created_by"]
    list_filter = ["confirmed"]
    search_fields = ["name", "slug"]
    list_select_related = ["created_by"]
    fields = ["name", "confirmed", "slug", "created_at", "created_by"]
    readonly_fields = ["slug", "created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        user, reason = request.user, form.cleaned_data["change_reason"]
        with refusals():
            if not change:
                saved = story_services.story_create(
                    name=obj.name, confirmed=obj.confirmed, user=user, reason=reason
                )
            else:
                saved = Story.objects.get(pk=obj.pk)
                if "name" in form.changed_data:
                    saved = story_services.story_rename(
                        story=saved, name=obj.name, user=user, reason=reason
                    )
                if "confirmed" in form.changed_data:
                    if not obj.confirmed:
                        raise ValidationError(
                            "A confirmed story stays confirmed; split or merge it on "
                            "the Stories page instead."
                        )
                    saved = story_services.story_confirm(
                        story=saved, user=user, reason=reason
                    )
        obj.pk, obj.slug, obj.name = saved.pk, saved.slug, saved.name

    def has_delete_permission(self, request, obj=None):
        # A story goes by merging it into another, so its sources keep a story.
        return False

"""Comments in the admin: read with their history; removed through the comment service.

Nothing is added, changed or deleted here: a comment's words change only by its
author on the desk, and removing one (a reviewer's or an admin's action) keeps it in
its thread as "comment removed by X", its words in history.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from core.admin import DeskModelAdmin, refusals
from editorial.conversation import services
from editorial.models import Comment


@admin.action(description="Remove selected comments", permissions=["change"])
def remove(modeladmin, request, queryset):
    removed = 0
    for comment in queryset.filter(removed_at__isnull=True):
        try:
            services.comment_remove(
                comment=comment, user=request.user, reason="Removed in the admin"
            )
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(getattr(error, "messages", [])) or str(error)
            modeladmin.message_user(
                request, f"Comment {comment.pk}: {text}", messages.ERROR
            )
            continue
        removed += 1
    modeladmin.message_user(request, f"{removed} comment(s) removed.", messages.SUCCESS)


@admin.register(Comment)
class CommentAdmin(DeskModelAdmin):
    list_display = ["__str__", "author", "claim", "highlight", "dispute", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["body"]
    list_select_related = ["author", "claim", "highlight", "dispute"]
    readonly_fields = [
        "claim",
        "highlight",
        "dispute",
        "parent",
        "author",
        "body",
        "created_at",
        "updated_at",
        "edited_at",
        "removed_at",
        "removed_by",
    ]
    actions = [remove]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Every field is read-only: a save writes nothing, a revert is refused."""
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A comment is not reverted: its author edits it on the desk."
                )

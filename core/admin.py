"""What every desk model's admin shares: history pages, and a reason on every save."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from core.history import stamp


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=500,
        help_text="Kept in the history with your name.",
        widget=forms.TextInput(attrs={"size": 60}),
    )


class DeskModelAdmin(SimpleHistoryAdmin):
    """Saves from the admin carry the editor and their reason into history."""

    form = ReasonForm
    history_list_display = ["history_change_reason"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = [name for _, options in fieldsets for name in options["fields"]]
        if "change_reason" not in names:
            fieldsets = [*fieldsets, ("History", {"fields": ["change_reason"]})]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._versioned() and "version" not in fields:
            fields.append("version")
        return fields

    def _versioned(self) -> bool:
        return any(field.name == "version" for field in self.model._meta.fields)

    def save_model(self, request, obj, form, change):
        if change and self._versioned():
            # An admin save is an edit like any other: later stale edits must fail.
            # Counted from the stored row, not the form's object: a revert's object is
            # the old version, whose number the desk has already handed out.
            stored = type(obj)._default_manager.filter(pk=obj.pk)
            obj.version = stored.values_list("version", flat=True).get() + 1
        stamp(obj, user=request.user, reason=form.cleaned_data["change_reason"])
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version; posting its form reverts to it, which is an edit like any other.

        simple-history accepts the post from anyone who may merely view history, which
        would let a view-only user, or anyone on a read-only admin (immutable
        revisions), save. Here a revert needs change permission and is all or nothing;
        it writes a new version and never touches the history rows (SIMPLE_HISTORY_EDIT
        stays off).
        """
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        obj = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied("Reverting needs permission to change this record.")
        with transaction.atomic():
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    def delete_model(self, request, obj):
        stamp(obj, user=request.user, reason="Deleted in the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One delete per object, so each deletion gets its own history row.
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

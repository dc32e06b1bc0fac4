"""What every desk model's admin shares: history pages, and a reason on every save."""

from contextlib import contextmanager

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from core.history import stamp


class Refused(Exception):
    """A service refused a write asked for in the admin; the admin view says why.

    Kept apart from ``PermissionDenied``: that one, raised by the admin's own checks
    (no change permission), must stay a 403 page.
    """

    def __init__(self, error: Exception):
        if isinstance(error, ValidationError):
            text = " ".join(error.messages)
        else:
            text = str(error) or "You may not make this change."
        super().__init__(text)


@contextmanager
def refusals():
    """Turn a service's PermissionDenied or ValidationError into ``Refused``.

    Use around service calls in ``save_model`` and ``delete_model``. The admin view
    that called them rolls back everything it wrote (its log entry too) and shows the
    reason as an error message, instead of a 403 page or a server error.
    """
    try:
        yield
    except (PermissionDenied, ValidationError) as error:
        raise Refused(error) from error


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
    #: True when this admin's ``save_model`` reverts through a service (see
    #: ``reverting_to``): the revert page then shows the past version read-only, and
    #: reverting brings back that version under the service's rules rather than saving
    #: whatever the posted form holds.
    revert_through_service = False

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
        if self.revert_through_service and self.reverting_to(request) is not None:
            fields += [
                field.name
                for field in self.model._meta.fields
                if field.editable and not field.primary_key and field.name not in fields
            ]
        return fields

    def reverting_to(self, request):
        """The history id a revert brings back, while ``history_form_view`` runs; else None."""
        return getattr(request, "_desk_revert_to", None)

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
        stays off). With ``revert_through_service`` the save is the model's revert
        service, so a revert obeys the same rules as the desk's own revert (a verdict
        needs a reviewer); a refusal rolls everything back and is shown as an error.
        """
        request._desk_revert_to = version_id
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        obj = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied("Reverting needs permission to change this record.")
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(
                    request, object_id, version_id, extra_context
                )
        except Refused as refused:
            return self.refused(request, refused)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Django's view runs in a transaction: a refusal leaves nothing behind.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refused:
            return self.refused(request, refused)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refused as refused:
            return self.refused(request, refused)

    def response_action(self, request, queryset):
        """List actions (bulk delete among them) are all or nothing, refusals shown."""
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().response_action(request, queryset)
        except Refused as refused:
            return self.refused(request, refused)

    def refused(self, request, refused: Refused):
        """Show why a service refused, on the page the request came from."""
        self.message_user(
            request, f"Nothing was changed. {refused}", level=messages.ERROR
        )
        return HttpResponseRedirect(request.get_full_path())

    def delete_model(self, request, obj):
        stamp(obj, user=request.user, reason="Deleted in the admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One delete per object, so each deletion gets its own history row.
        for obj in queryset:
            self.delete_model(request, obj)


class FirstRowsFormSet(forms.BaseInlineFormSet):
    """An inline's rows, at most ``shown`` of them, in the order they were made: a
    source with thousands of highlights would otherwise draw all of them (18 s and
    3.5 MB for 2,000). The oldest first, so rows added meanwhile do not shift the
    rows a saved form refers to."""

    shown = 50

    def get_queryset(self):
        if not hasattr(self, "_first_rows"):
            self._first_rows = super().get_queryset().order_by("pk")[: self.shown]
        return self._first_rows


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True
    formset = FirstRowsFormSet

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

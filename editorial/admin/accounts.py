"""People and their API tokens in the admin.

Tokens are listed and revoked, never made, changed or brought back here; people who
acted on the desk are deactivated, never deleted.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse

from core.admin import DeskModelAdmin
from editorial.accounts import services as account_services
from editorial.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(DeskModelAdmin):
    """Tokens are made by their owner on the account page (the key is shown once there);
    the admin lists them and can revoke them, through the same service.

    On the desk's admin base, so its history pages are read-only to anyone without
    change permission, which nobody has here: a revoked token is never reverted back
    to working (the model refuses it too, see ``editorial.models.tokens``).
    """

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


class DeskUserAdmin(UserAdmin):
    """Django's user admin, except that people who acted on the desk are not deleted.

    Deleting them would blank their name on history rows (``history_user`` is
    SET_NULL) or delete their tokens without history; they are deactivated instead.
    The delete page and the bulk delete action refuse with a message before asking for
    confirmation, and every deletion goes through ``user_delete``, which checks again.
    """

    actions = ["delete_selected"]

    def delete_view(self, request, object_id, extra_context=None):
        person = self.get_object(request, unquote(object_id))
        if person is not None and self.has_delete_permission(request, person):
            refusal = account_services.user_deletion_refusal(person=person)
            if refusal is None:
                try:
                    return super().delete_view(request, object_id, extra_context)
                except ValidationError as error:  # acted since the check above
                    refusal = " ".join(error.messages)
            self.message_user(request, refusal, messages.ERROR)
            opts = self.opts
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[person.pk],
                )
            )
        return super().delete_view(request, object_id, extra_context)

    @admin.action(
        description="Delete selected people who never acted on the desk",
        permissions=["delete"],
    )
    def delete_selected(self, request, queryset):
        """Django's bulk delete, refused as a whole if anyone selected acted on the desk."""
        refusals = [
            refusal
            for person in queryset
            if (refusal := account_services.user_deletion_refusal(person=person))
        ]
        for refusal in refusals:
            self.message_user(
                request, f"Nothing was deleted. {refusal}", messages.ERROR
            )
        if refusals:
            return None
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return django_delete_selected(self, request, queryset)
        except ValidationError as error:  # acted since the check above
            self.message_user(
                request,
                f"Nothing was deleted. {' '.join(error.messages)}",
                messages.ERROR,
            )
            return None

    def delete_model(self, request, obj):
        account_services.user_delete(person=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for person in queryset:
            self.delete_model(request, person)


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, DeskUserAdmin)

"""API tokens in the admin: listed and revoked, never made, changed or brought back here."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

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

"""Outgoing webhooks in the admin: configured through ``webhook_save`` (admins only,
http(s) URLs, known events, a secret), and the delivery log, read-only, with a retry."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from core.admin import DeskModelAdmin, ReasonForm, refusals
from editorial import events
from editorial.models import Webhook, WebhookDelivery
from editorial.webhooks import services as webhook_services


class WebhookForm(ReasonForm):
    events = forms.MultipleChoiceField(
        choices=sorted(events.KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every event.",
    )
    secret = forms.CharField(
        widget=forms.PasswordInput(render_value=True),
        help_text="Shared with the receiver, which checks the X-Editorial-Signature "
        "header: sha256=HMAC-SHA256(secret, body) in hex.",
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "secret", "active"]


@admin.register(Webhook)
class WebhookAdmin(DeskModelAdmin):
    form = WebhookForm
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]
    fields = ["name", "url", "events", "secret", "active"]

    def save_model(self, request, obj, form, change):
        with refusals():
            if self.reverting_to(request) is not None:
                raise ValidationError(
                    "A webhook is not reverted (its secret is not in the history); "
                    "change it here instead."
                )
            webhook_services.webhook_save(
                webhook=obj,
                user=request.user,
                reason=form.cleaned_data["change_reason"],
            )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(DeskModelAdmin):
    """The delivery log: what was sent where, the answer, the attempts; retry on demand.

    A delivery is a log line, not a record with versions: it has no history page.
    """

    def history_view(self, request, object_id, extra_context=None):
        raise Http404("A webhook delivery is a log line; it keeps no history.")

    list_display = [
        "created_at",
        "event",
        "webhook",
        "status",
        "attempts",
        "response_code",
        "last_error",
    ]
    list_filter = ["status", "event", "webhook"]
    list_select_related = ["webhook"]
    readonly_fields = [
        "webhook",
        "event",
        "payload",
        "status",
        "attempts",
        "response_code",
        "last_error",
        "created_at",
        "next_attempt_at",
        "delivered_at",
    ]
    fields = readonly_fields
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description="Send the selected deliveries again", permissions=["view"]
    )
    def retry(self, request, queryset):
        sent = 0
        for delivery in queryset:
            try:
                webhook_services.delivery_retry(delivery=delivery, user=request.user)
                sent += 1
            except (PermissionDenied, ValidationError) as refused:
                text = " ".join(getattr(refused, "messages", [str(refused)]))
                self.message_user(request, f"{delivery}: {text}", messages.WARNING)
        if sent:
            self.message_user(request, f"{sent} deliveries queued to be sent again.")

"""Outgoing webhooks: the desk tells a newsroom's chat (or any receiver) what happened.

An admin configures a webhook (its URL, the events it wants, a shared secret); every
matching desk event becomes a ``WebhookDelivery`` that a background task posts, signed
with HMAC-SHA256, retried with backoff, and logged.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .base import UidModel

http_url = URLValidator(
    schemes=["http", "https"], message="Give an http:// or https:// address."
)


class Webhook(UidModel):
    name = models.CharField(max_length=100)
    url = models.URLField(max_length=500, validators=[http_url])
    events = models.JSONField(
        default=list,
        blank=True,
        help_text="The desk events to send (empty: every event).",
    )
    secret = models.CharField(
        max_length=200,
        help_text="Shared with the receiver, which checks the X-Editorial-Signature "
        "header (HMAC-SHA256 of the body).",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["secret"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def wants(self, kind: str) -> bool:
        return self.active and (not self.events or kind in self.events)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Delivered"
    RETRYING = "retrying", "Failed, will retry"
    FAILED = "failed", "Failed, gave up"


class WebhookDelivery(models.Model):
    """One event posted (or to be posted) to one webhook: the log an admin reads."""

    Status = DeliveryStatus

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=50)
    payload = models.JSONField()
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.webhook} ({self.get_status_display()})"

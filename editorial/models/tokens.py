"""API tokens: a person's keys for scripts calling the JSON API."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

STAYS_REVOKED = (
    "A revoked API token stays revoked: nothing brings it back. Its owner can make a "
    "new token on their account page."
)


class ApiToken(models.Model):
    """A person's key for scripts calling the JSON API (``Authorization: Token ...``).

    Only the SHA-256 of the key is stored: the key is shown once, when it is made.
    Keys are 40 random characters, so a plain hash (no salt, no stretching) is enough
    and lets a request find its token with one indexed lookup.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. the script using it."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(
        max_length=8, editable=False, help_text="The key's first characters."
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = "API token"
        ordering = ["user_id", "-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


@receiver(pre_save, sender=ApiToken, dispatch_uid="api_token_stays_revoked")
def refuse_unrevoking(sender, instance: ApiToken, raw: bool, **kwargs) -> None:
    """Refuse any save that would make a revoked (or deleted) token work again.

    A signal, against the house rule of no rules in signals, because this one must hold
    on every path, including those that call no service and no ``save()`` override:
    an admin revert, simple-history's recovery of a deleted row, ``loaddata`` and the
    fixture loader (raw saves). Queryset ``update()`` is left to the code, which has
    none on ``revoked_at``.
    """
    if instance.revoked_at is not None or instance.pk is None:
        return
    stored = sender._default_manager.filter(pk=instance.pk)
    past = sender.history.filter(id=instance.pk)
    if (
        stored.filter(revoked_at__isnull=False).exists()
        or past.filter(revoked_at__isnull=False).exists()
        or (not stored.exists() and past.filter(history_type="-").exists())
    ):
        raise ValidationError({"revoked_at": STAYS_REVOKED})

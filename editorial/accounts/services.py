"""Writes to a person's API tokens: made once, shown once, revoked with a reason."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import stamp
from editorial.models import (
    ApiToken,
)


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, reason: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns it with the key, which is never stored or shown again."""
    key = secrets.token_urlsafe(30)
    token = ApiToken(
        user=user,
        name=(name or "").strip(),
        key_hash=api_token_hash(key),
        key_prefix=key[:8],
    )
    token.full_clean()
    stamp(token, user=user, reason=reason)
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user, reason: str) -> ApiToken:
    """Stop a token working. Only its owner (or a superuser) may revoke it."""
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied("Only the token's owner can revoke it.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError({"token": "This token was already revoked."})
    token.revoked_at = timezone.now()
    stamp(token, user=user, reason=reason)
    token.save(update_fields=["revoked_at"])
    return token

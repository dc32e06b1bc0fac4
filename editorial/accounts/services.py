"""Writes to people's accounts: API tokens (made once, shown once, revoked with a
reason), and deleting an account, which the desk's records must not name."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import stamp
from editorial.accounts.selectors import desk_records_naming
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


def user_deletion_refusal(*, person) -> str | None:
    """Why ``person``'s account may not be deleted, or None when it may."""
    records = desk_records_naming(person=person)
    if not records:
        return None
    return (
        f"{person.get_username()} has acted on the desk (named in "
        f"{', '.join(records)}): deleting the account would lose who did what. "
        "Deactivate it instead: untick “Active” on its page."
    )


@transaction.atomic
def user_delete(*, person, user) -> None:
    """Delete ``person``'s account, only if they never acted on the desk.

    People who did are deactivated instead, so every history row keeps its author.
    Accounts have no history of their own, hence no reason.
    """
    if not user.has_perm("auth.delete_user"):
        raise PermissionDenied("Deleting an account needs permission to delete users.")
    if refusal := user_deletion_refusal(person=person):
        raise ValidationError(refusal)
    person.delete()

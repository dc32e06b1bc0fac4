"""Helpers that make every write carry its author and reason into django-simple-history."""

from django.core.exceptions import ValidationError


def clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Give a reason for the change; it is kept in the history."}
        )
    return reason


def stamp(instance, *, user, reason: str):
    """Mark ``instance`` so its next history row names ``user`` and ``reason``."""
    instance._history_user = user
    instance._change_reason = clean_reason(reason)
    return instance


def delete_with_history(instance, *, user, reason: str) -> None:
    stamp(instance, user=user, reason=reason)
    instance.delete()

"""Small helpers the apps' views share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from core import roles


def require_editor(request):
    """Refuse the page at once to someone who is not an editor (the services refuse too)."""
    if not roles.is_editor(request.user):
        raise PermissionDenied("Only editors and reviewers can change sources.")


def error_text(error: ValidationError) -> str:
    """A refusal's messages as one sentence for a page."""
    return " ".join(error.messages)

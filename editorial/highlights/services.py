"""Writes to highlights: marking words of a source, and deleting them with their links."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import clean_reason, delete_with_history, stamp
from core.roles import require_editor
from editorial.conversation.services import comments_delete_with
from editorial.highlights import spans
from editorial.models import (
    Highlight,
)
from sources.models import Revision, Source


@transaction.atomic
def highlight_create(
    *,
    source: Source,
    start: int,
    end: int,
    user,
    reason: str,
    exact: str | None = None,
    revision: Revision | None = None,
) -> Highlight:
    """Highlight ``[start, end)`` of a source's current (or given) revision.

    The span is re-checked against the body: offsets in range, not empty, not only
    whitespace, and ``exact`` (when given) equal to the text there. Editors only.
    """
    require_editor(user)
    reason = clean_reason(reason)
    revision = revision or source.current_revision
    if revision is None:
        raise ValidationError({"source": "The source has no text to highlight."})
    try:
        quoted = spans.validate_span(revision.body, start, end, exact)
    except spans.SpanError as error:
        raise ValidationError({error.field: str(error)}) from error
    prefix, suffix = spans.quote_context(revision.body, start, end)
    highlight = Highlight(
        source=source,
        revision=revision,
        start=start,
        end=end,
        exact=quoted,
        prefix=prefix,
        suffix=suffix,
        created_by=user,
    )
    highlight.full_clean()
    stamp(highlight, user=user, reason=reason)
    highlight.save()
    return highlight


def highlight_delete(*, highlight: Highlight, user, reason: str) -> None:
    """Delete a highlight and its links to claims, each deletion kept in history."""
    require_editor(user)
    with transaction.atomic():
        for link in highlight.links.all():
            delete_with_history(link, user=user, reason=reason)
        forget_in_suggestions(highlight.suggestions.all(), "highlight", user, reason)
        comments_delete_with(highlight=highlight, user=user, reason=reason)
        delete_with_history(highlight, user=user, reason=reason)


def forget_in_suggestions(suggestions, field: str, user, reason: str) -> None:
    """Clear a suggestion's pointer to a row being deleted, with history (the database's
    own SET NULL would change the suggestion without a history row)."""
    for suggestion in suggestions:
        setattr(suggestion, field, None)
        stamp(suggestion, user=user, reason=reason)
        suggestion.save(update_fields=[field])

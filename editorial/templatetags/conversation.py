"""Showing the conversation: a comment's Markdown-lite, rendered with everything escaped."""

from django import template
from django.utils.safestring import mark_safe

from editorial.conversation import text

register = template.Library()


@register.filter
def comment_html(body: str) -> str:
    # Safe to mark: the renderer has raw HTML off and escapes every character of
    # ``body`` except the Markdown-lite it turns into tags (see conversation/text.py).
    return mark_safe(text.render(body))  # noqa: S308

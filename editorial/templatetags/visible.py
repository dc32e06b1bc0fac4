"""``{{ value|show_bidi }}``: a text escaped, its bidi controls shown as marked tokens.

For titles and statements in lists and headings, where a right-to-left override
would otherwise make a stored "exe.live" read "evil.exe" (``core.visible``).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.visible import show_bidi_controls

register = template.Library()


@register.filter(is_safe=True)
def show_bidi(value):
    return mark_safe(show_bidi_controls(str(conditional_escape(value))))

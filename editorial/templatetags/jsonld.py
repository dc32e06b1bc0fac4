"""``{{ value|jsonld_script }}``: JSON-LD in a page, escaped as ``json_script`` escapes.

``json_script`` always writes ``type="application/json"``; search engines and
fact-check readers look for ``application/ld+json``. The escaping is the same: ``<``,
``>`` and ``&`` become ``\\u`` escapes, so no value can close the element or open
another, and the block is data, never run (the Content-Security-Policy allows no
inline script anyway).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from editorial.exports.jsonld import jsonld_text

register = template.Library()


@register.filter(is_safe=True)
def jsonld_script(value):
    text = jsonld_text(value)
    # The text is JSON with every character that could end the element escaped.
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(text)
    )

"""JSON-LD as text that is safe wherever it lands: a download, or a ``<script>`` in a page.

``<``, ``>`` and ``&`` become ``\\u003C``, ``\\u003E`` and ``\\u0026`` (as Django's
``json_script`` writes them). The JSON means the same, but no value can close a
``<script>`` element or open another when a downloaded file is pasted into a page, or a
browser or a careless tool sniffs it as HTML. Every JSON-LD the desk writes goes through
:func:`jsonld_text`: the standalone downloads and the blocks embedded in pages.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_text(document, *, indent: int | None = None) -> str:
    """``document`` as JSON text, non-ASCII kept, ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(
        document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=indent
    )
    # Outside strings JSON has none of the three, so escaping the whole text only
    # touches string contents, where \u escapes mean the same characters.
    return text.translate(_ESCAPES)

"""No template syntax ever reaches a page: every page of the permission matrix, read by
every role on a desk with data, carries no ``{#``, ``#}``, ``{%`` or ``{{``.

Django renders a ``{# … #}`` comment that spans lines as text, and a typo in a tag
prints its source; neither raises, so only the rendered HTML shows it.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.test_permission_matrix import (  # noqa: F401 (the desk fixture)
    ROLES,
    client_for,
    desk,
    desk_url_names,
    url_kwargs,
)

SYNTAX = re.compile(r"\{#|#\}|\{%|\{\{")


def test_no_page_shows_template_syntax(desk):  # noqa: F811
    kwargs = url_kwargs(desk)
    leaks = []
    pages = 0
    for role in ROLES:
        client = client_for(role, desk)
        for name in desk_url_names():
            if name == "logout":
                continue
            response = client.get(reverse(name, kwargs=kwargs.get(name, {})))
            if response.status_code != 200 or "html" not in response.get(
                "Content-Type", ""
            ):
                continue
            pages += 1
            found = SYNTAX.search(response.content.decode())
            if found:
                text = response.content.decode()
                leaks.append(
                    f"{role} {name}: …{text[max(found.start() - 60, 0) : found.end() + 60]}…"
                )
    assert pages > 40, f"only {pages} pages were read; the walk is broken"
    assert not leaks, "Template syntax on a page:\n" + "\n".join(leaks)


def test_no_template_has_a_comment_over_several_lines():
    """``{# … #}`` is one line only; a longer note needs ``{% comment %}``."""
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    offenders = [
        str(path)
        for folder in folders
        for path in folder.rglob("*.html")
        if re.search(r"\{#(?:(?!#\}).)*\n", path.read_text(), re.S)
    ]
    assert not offenders, offenders

"""Every HTML page of the permission matrix, as the browser tests visit them.

The list comes from ``tests/test_permission_matrix.py`` (its URL walk, its desk and
its URL arguments), so a page another feature adds is covered here as soon as it is
in the matrix. Pages are visited as a superuser, who may read every desk page and sees
every form a page can carry; the log-in page is visited logged out.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from editorial.highlights.services import highlight_create
from editorial.intake.services import source_import_text
from tests.test_permission_matrix import (  # noqa: F401 (the desk fixture)
    desk,
    desk_url_names,
    url_kwargs,
)

#: A 500-character title without a space: it must wrap, not widen the page.
LONG_TITLE = "Unbroken" * 62 + "Word"


@pytest.fixture
def browser_desk(desk):  # noqa: F811
    """The permission matrix's desk, plus a source whose title is one 500-character word."""
    editor = desk["users"]["editor"]
    source = source_import_text(
        text=f"{LONG_TITLE}\nThe envoy met the coalition leaders on Tuesday.\n",
        user=editor,
        reason="A long title",
    ).source
    start = source.current_revision.body.index("The envoy")
    highlight_create(
        source=source, start=start, end=start + 9, user=editor, reason="Mark"
    )
    return {**desk, "long_source": source}


def html_pages(desk) -> dict[str, str]:  # noqa: F811
    """``{url name: path}`` of each page of the matrix that answers a superuser with HTML."""
    client = Client()
    client.force_login(desk["users"]["superuser"])
    kwargs = url_kwargs(desk)
    pages = {}
    for name in desk_url_names():
        if name in {"logout", "login"}:
            continue
        try:
            url = reverse(name, kwargs=kwargs.get(name, {}))
        except NoReverseMatch:
            # A URL the matrix has no arguments for yet: the matrix's own test fails
            # for it; the browser walk covers it once it is there.
            continue
        response = client.get(url)
        if (
            response.status_code == 200
            and "text/html" in response.get("Content-Type", "")
            # A fragment (a thread fetched into its page) is checked inside its page.
            and b"<html" in response.content[:1000].lower()
        ):
            pages[name] = url
    return pages

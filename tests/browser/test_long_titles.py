"""A 500-character title without spaces wraps: no page gets wider than the window."""

import pytest
from django.urls import reverse

from editorial.highlights.services import highlight_create
from editorial.intake.services import source_import_text

from .conftest import screenshot

TITLE = "Unbroken" * 62 + "Word"  # 500 characters, no space

WIDTHS = [390, 1366]
WIDER = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def long_title_desk(editor, user_factory):
    source = source_import_text(
        text=f"{TITLE}\nThe envoy met the coalition leaders on Tuesday.\n",
        user=editor,
        reason="A long title",
    ).source
    body = source.current_revision.body
    start = body.index("The envoy")
    highlight_create(
        source=source, start=start, end=start + 9, user=editor, reason="Mark"
    )
    admin = user_factory("chief", is_staff=True, is_superuser=True)
    return source, admin


def test_no_page_is_wider_than_the_window_with_a_500_character_title(
    desk_page, long_title_desk
):
    source, admin = long_title_desk
    pages = {
        "sources-list": reverse("sources:list"),
        "reader": reverse("sources:detail", args=[source.pk]),
        "recent-changes": f"{reverse('history:changes')}?source={source.pk}",
        "source-history": reverse("history:source", args=[source.pk]),
        "admin-sources": reverse("admin:sources_source_changelist"),
        "admin-source": reverse("admin:sources_source_change", args=[source.pk]),
        "admin-source-history": reverse(
            "admin:sources_source_history", args=[source.pk]
        ),
    }
    page = desk_page(admin)
    wider = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            assert TITLE in page.content() or TITLE[:79] in page.content()
            overflow = page.evaluate(WIDER)
            if overflow > 0:
                wider[f"{name}@{width}"] = overflow
            screenshot(page, f"long-title-{name}-{width}")
    assert wider == {}
    assert page.errors == []

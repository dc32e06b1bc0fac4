"""The pictures the README shows: the home page and the reader, on the shipped demo.

Saved to ``test-artifacts/screenshots/readme-*.png`` at 1366 px and 390 px (what the
window shows, not the whole page); ``docs/screenshots/`` holds the copies the README
links to, refreshed by hand from these when the pages change.
"""

from __future__ import annotations

from playwright.sync_api import expect

from core import roles
from sources.models import Source

from .conftest import SCREENSHOTS


def test_the_home_page_and_the_reader_as_the_readme_shows_them(
    desk_page, shipped_desk, user_factory
):
    editor = user_factory("maria", group=roles.EDITORS)
    page = desk_page(editor)
    source = (
        Source.objects.filter(highlights__isnull=False)
        .order_by("-published_on")
        .first()
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/")
        page.screenshot(path=str(SCREENSHOTS / f"readme-home-{width}.png"))
        page.goto(f"/sources/{source.pk}/")
        page.locator("[data-reader][data-ready]").wait_for()
        mark = page.locator("mark[data-highlight-id][tabindex]").first
        mark.scroll_into_view_if_needed()
        mark.click()
        expect(page.locator("[data-panel-highlights]")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / f"readme-reader-{width}.png"))
    assert page.errors == []

"""Every page of the permission matrix fits a 390 px phone and a 1366 px laptop.

A page is too wide when ``document.documentElement.scrollWidth`` passes the window's
width: the reader would have to scroll sideways. Screenshots of every page at both
widths go to ``test-artifacts/screenshots/`` (``width-<page>-<px>.png``).
"""

from __future__ import annotations

from django.urls import reverse

from .conftest import screenshot
from .matrix_pages import LONG_TITLE, browser_desk, desk, html_pages  # noqa: F401

WIDTHS = [390, 1366]
WIDER = "() => document.documentElement.scrollWidth - window.innerWidth"
#: The innermost elements that reach past the window's right edge, to say what to fix.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter((node) => node.getBoundingClientRect().right > window.innerWidth + 1
    && ![...node.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 3)
  .map((node) => node.tagName.toLowerCase() + (node.className ? '.' + String(node.className).split(' ').join('.') : '')
    + ' ' + Math.round(node.getBoundingClientRect().right) + 'px')"""


def file_name(name: str) -> str:
    return name.replace(":", "-").replace("_", "-")


def test_no_page_of_the_matrix_is_wider_than_a_phone(desk_page, browser_desk):  # noqa: F811
    pages = html_pages(browser_desk)
    pages["sources:detail-long-title"] = reverse(
        "sources:detail", args=[browser_desk["long_source"].pk]
    )
    assert len(pages) > 25, f"only {len(pages)} pages found; the walk is broken"
    page = desk_page(browser_desk["users"]["superuser"])
    wider = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            overflow = page.evaluate(WIDER)
            if overflow > 0:
                wider[f"{name} at {width} px"] = (
                    f"{overflow} px too wide: {page.evaluate(WIDEST)}"
                )
            screenshot(page, f"width-{file_name(name)}-{width}")
    assert LONG_TITLE in page.context.request.get(pages["sources:list"]).text()
    assert wider == {}
    assert page.errors == []


def test_the_log_in_page_fits_a_phone(browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, base_url=live_server.url
    )
    page = context.new_page()
    page.goto(reverse("login"))
    assert page.evaluate(WIDER) <= 0
    screenshot(page, "width-login-390")
    page.set_viewport_size({"width": 1366, "height": 800})
    screenshot(page, "width-login-1366")
    context.close()


def test_on_a_phone_the_masthead_wraps_into_a_short_bar_with_every_link_on_screen(
    desk_page, people
):
    page = desk_page(people["users"]["superuser"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("sources:list"))
    bar = page.locator(".masthead").bounding_box()
    links = page.locator(".masthead nav a, .masthead nav button").evaluate_all(
        "nodes => nodes.map((node) => node.getBoundingClientRect().right)"
    )
    assert len(links) >= 8
    assert max(links) <= 390
    assert bar["height"] <= 170, f"the masthead takes {bar['height']} px of 844"

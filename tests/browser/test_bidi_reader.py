"""In Chromium: bidi controls show as named tokens and a selection after them keeps its
code point offsets."""

from playwright.sync_api import expect

from editorial.models import Highlight

from .conftest import screenshot
from .test_reader import select_with_mouse


def test_a_selection_after_bidi_controls_stores_the_right_offsets(
    desk_page, source_factory, editor
):
    text = (
        "Invoice \u202eexe.live\u202c report\n"
        "Open \u2067file\u2069 \u200fnow: the envoy met the minister in Kyiv."
    )
    source = source_factory(text)
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    body = page.locator("[data-source-body]")
    assert body.evaluate("node => node.textContent") == text
    token = body.locator(".bidi-control").first
    shown = token.evaluate("node => getComputedStyle(node, '::before').content")
    assert "RLO" in shown
    # Isolated: the override turns nothing after its own element around.
    assert token.evaluate("node => getComputedStyle(node).unicodeBidi") == "isolate"
    words = "met the minister"
    select_with_mouse(page, words)
    page.get_by_role("button", name="Add claim").click()
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("status").filter(has_text="Claim saved.")).to_be_visible()
    screenshot(page, "reader-bidi-controls")
    highlight = Highlight.objects.get(source=source)
    start = text.index(words)
    assert (highlight.start, highlight.end, highlight.exact) == (
        start,
        start + len(words),
        words,
    )
    assert page.errors == []

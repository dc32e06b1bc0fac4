"""The reader on a phone and from the keyboard.

On a narrow window a highlight's claims and the claim form open as a sheet over the
text, and the reader keeps their place; the floating Add claim button covers no line
still to be read; the chosen words stay marked while the form is open; and an editor
adds a claim and changes its status with the keyboard alone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from editorial.highlights.services import highlight_create
from editorial.intake.services import source_import_text
from editorial.models import Claim

from .conftest import SCREENSHOTS, screenshot
from .test_reader import select_with_mouse

PARAGRAPH = (
    "The envoy met the coalition leaders in Paris on Tuesday, and the talks went on "
    "late into the evening while the ministers waited outside the hall."
)


@pytest.fixture
def long_source(editor):
    """An article long enough to scroll on a phone, with one highlight in its middle."""
    paragraphs = [f"{n}. {PARAGRAPH}" for n in range(1, 25)]
    paragraphs[12] = "13. Twenty-six nations pledged troops to the reassurance force."
    source = source_import_text(
        text="Coalition talks\n" + "\n".join(paragraphs) + "\n",
        user=editor,
        reason="A long article",
    ).source
    body = source.current_revision.body
    start = body.index("Twenty-six nations")
    highlight = highlight_create(
        source=source,
        start=start,
        end=start + len("Twenty-six nations"),
        user=editor,
        reason="A figure",
    )
    return source, highlight


def box(page, selector: str) -> dict:
    return page.locator(selector).evaluate(
        "node => { const r = node.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"
    )


def test_on_a_phone_a_highlight_opens_over_the_text_and_the_place_is_kept(
    desk_page, editor, long_source
):
    source, highlight = long_source
    page = desk_page(editor)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/sources/{source.pk}/")
    page.locator("[data-reader][data-ready]").wait_for()
    mark = page.locator(f"#highlight-{highlight.pk}")
    mark.evaluate("node => window.scrollBy(0, node.getBoundingClientRect().top - 300)")
    before = page.evaluate("() => window.scrollY")
    mark.click()
    panel = page.locator("[data-panel-highlights]")
    expect(panel).to_contain_text("Twenty-six nations")
    sheet = box(page, "[data-panel-highlights]")
    words = box(page, f"#highlight-{highlight.pk}")
    # The panel is on screen, over the bottom of the text; the highlight is above it.
    assert 0 < sheet["top"] < 800 and sheet["bottom"] <= 800
    assert 0 <= words["top"] and words["bottom"] <= sheet["top"]
    assert abs(page.evaluate("() => window.scrollY") - before) < 400
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # What the phone shows (a full-page picture would draw the fixed sheet twice).
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "reader-phone-highlight-open.png"))
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def test_the_add_claim_button_covers_no_line_below_the_selection(
    desk_page, editor, long_source
):
    source, _ = long_source
    page = desk_page(editor)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/sources/{source.pk}/")
    select_with_mouse(page, "the talks went on", occurrence=5)
    button = page.get_by_role("button", name="Add claim")
    expect(button).to_be_visible()
    chosen = page.evaluate(
        "() => { const r = window.getSelection().getRangeAt(0).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom}; }"
    )
    assert box(page, "[data-add-claim]")["bottom"] <= chosen["top"]
    screenshot(page, "reader-add-claim-button")


def test_the_chosen_words_stay_marked_while_the_claim_form_is_open(
    desk_page, editor, long_source
):
    source, _ = long_source
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    select_with_mouse(page, "the talks went on", occurrence=2)
    page.get_by_role("button", name="Add claim").click()
    expect(page.get_by_label("Statement")).to_be_focused()
    marked = page.evaluate(
        "() => { const h = CSS.highlights.get('claim-selection');"
        " return h ? [...h][0].toString() : null; }"
    )
    assert marked == "the talks went on"
    screenshot(page, "reader-claim-form-keeps-the-words")
    page.get_by_role("button", name="Cancel").click()
    assert page.evaluate("() => CSS.highlights.has('claim-selection')") is False


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focus is on ``selector``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "sel => document.activeElement && document.activeElement.matches(sel)",
            selector,
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_an_editor_adds_a_claim_and_changes_its_status_with_the_keyboard_only(
    desk_page, editor, long_source
):
    source, _ = long_source
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    page.locator("[data-reader][data-ready]").wait_for()

    tab_to(page, ".quote-path summary")
    page.keyboard.press("Enter")
    tab_to(page, "[data-quote-words]")
    page.keyboard.type("the ministers waited outside")
    page.keyboard.press("Enter")
    statement = page.get_by_label("Statement")
    expect(statement).to_be_focused()
    expect(statement).to_have_value("the ministers waited outside")
    page.keyboard.press("Control+A")
    page.keyboard.type("The ministers waited outside the hall.")
    tab_to(page, "[data-claim-form] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Claim saved.")).to_be_visible()
    claim = Claim.objects.get(statement="The ministers waited outside the hall.")
    assert claim.highlights.get().exact == "the ministers waited outside"

    tab_to(page, f"[data-panel-highlights] a[href='/claims/{claim.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/claims/{claim.pk}/")
    tab_to(page, "select[name=status]")
    page.keyboard.press("ArrowDown")
    chosen = page.locator("select[name=status]").input_value()
    assert chosen != claim.status
    tab_to(page, "[name=reason]")
    page.keyboard.type("Checking the minutes")
    tab_to(page, "form[action$='/status/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    screenshot(page, "keyboard-status-changed")
    expect(page.locator("[data-claim-status]")).not_to_have_text("Unverified")
    claim.refresh_from_db()
    assert claim.status == chosen
    assert claim.history.first().history_change_reason == "Checking the minutes"
    assert page.errors == []


OUTLINE = """() => { const s = getComputedStyle(document.activeElement);
  return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"""


def test_the_keyboard_focus_is_visible_on_links_buttons_fields_and_highlights(
    desk_page, editor, long_source
):
    source, highlight = long_source
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    page.locator("[data-reader][data-ready]").wait_for()
    for selector in (
        ".masthead nav a",
        ".quote-path summary",
        f"#highlight-{highlight.pk}",
        "button.secondary",
    ):
        tab_to(page, selector)
        tag, style, width = page.evaluate(OUTLINE)
        assert style != "none" and width >= 2, (selector, tag, style, width)

"""A long article in the reader: it comes in parts (the browser draws the parts off
screen later), and its marks and selections work in a late part as in the first."""

from __future__ import annotations

from playwright.sync_api import expect

from editorial.highlights import marks
from editorial.highlights.services import highlight_create
from editorial.intake.services import source_import_text
from editorial.models import Highlight

from .conftest import screenshot
from .test_reader import select_with_mouse

PARAGRAPH = (
    "The envoy met the coalition leaders in Paris on Tuesday, and the talks went on "
    "late into the evening while the ministers waited outside the hall."
)
ALL_DRAWN = """() => [...document.querySelectorAll(
  "[data-source-body] > .source-part + .source-part")].every(
  (part) => part.classList.contains("drawn"))"""


def test_a_long_text_opens_in_parts_and_a_late_part_reads_and_selects_as_the_first(
    desk_page, editor
):
    paragraphs = [f"{n}. {PARAGRAPH}" for n in range(1, 80)]
    paragraphs[70] = "71. Twenty-six nations pledged troops to the reassurance force."
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
    page = desk_page(editor)
    page.goto(f"/sources/{source.pk}/")
    page.locator("[data-reader][data-ready]").wait_for()
    parts = page.locator("[data-source-body] > .source-part")
    assert parts.count() == len(marks.part_starts(body)) + 1 >= 5
    # The parts past the first are drawn once the page has loaded, in idle moments.
    page.wait_for_function(ALL_DRAWN)
    text = page.locator("[data-source-body]").evaluate("node => node.textContent")
    assert text == body

    page.locator(f"#highlight-{highlight.pk}").click()
    expect(page.locator("[data-panel-highlights]")).to_contain_text(
        "Twenty-six nations"
    )
    page.keyboard.press("Escape")

    words = "reassurance force"
    select_with_mouse(page, words)
    page.get_by_role("button", name="Add claim").click()
    page.get_by_label("Statement").fill("Troops for the reassurance force.")
    page.get_by_role("button", name="Save claim").click()
    expect(page.get_by_role("status").filter(has_text="Claim saved.")).to_be_visible()
    made = Highlight.objects.order_by("-id").first()
    at = body.index(words)
    assert (made.start, made.end, made.exact) == (at, at + len(words), words)
    # The text swapped in after the save is drawn in full at once.
    expect(page.locator("[data-source-body][data-drawn]")).to_have_count(1)
    screenshot(page, "reader-long-text-in-parts")

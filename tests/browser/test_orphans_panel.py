"""The reader's orphaned-highlights panel shows both of its forms whole, on a laptop and a phone."""

import pytest
from django.urls import reverse

from editorial.highlights.services import highlight_create
from editorial.intake.services import revision_create

from .conftest import screenshot

VISIBLE = """(node) => {
  const box = node.getBoundingClientRect();
  let inside = true;
  for (let up = node.parentElement; up; up = up.parentElement) {
    const style = getComputedStyle(up);
    if (style.overflowY === 'visible' && style.overflowX === 'visible') continue;
    const frame = up.getBoundingClientRect();
    if (box.top < frame.top - 1 || box.bottom > frame.bottom + 1) inside = false;
  }
  return inside && box.bottom <= window.innerHeight && box.top >= 0;
}"""


#: Scroll the page, as a reader does, with every box inside it back at its top.
SCROLL_PAGE = """(node) => {
  for (let up = node.parentElement; up; up = up.parentElement) up.scrollTop = 0;
  window.scrollBy(0, node.getBoundingClientRect().top - 200);
}"""


@pytest.fixture
def orphaned(editor, source_factory):
    text = "Minister\n" + "The minister resigned on Tuesday.\n" * 3
    source = source_factory(text)
    for start in (9, 43):
        highlight_create(
            source=source, start=start, end=start + 21, user=editor, reason="States it"
        )
    revision_create(
        source=source,
        body="Minister\n" + "The official stayed on Wednesday.\n" * 3,
        user=editor,
        reason="Publisher's correction",
    )
    return source


@pytest.mark.parametrize("size", [(1366, 700), (390, 700)])
def test_both_forms_of_an_orphan_can_be_seen_whole(desk_page, editor, orphaned, size):
    page = desk_page(editor)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(reverse("sources:detail", args=[orphaned.pk]))
    last = page.locator(".orphan").last
    last.locator("summary").click()
    button = last.get_by_role("button", name="Retire")
    # Scrolling the page (not a box inside it) must bring each form into view whole.
    for form_button in (button, last.get_by_role("button", name="Re-attach")):
        form_button.evaluate(SCROLL_PAGE)
        assert form_button.evaluate(VISIBLE)
    screenshot(page, f"reader-orphans-{size[0]}")

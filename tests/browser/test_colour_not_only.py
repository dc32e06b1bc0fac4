"""Colour is never the only sign of a status: each has its own line, on highlights and swatches."""

from django.urls import reverse

from .conftest import screenshot
from .test_reader_phone_and_keyboard import long_source  # noqa: F401

LINES = """() => [...document.querySelectorAll('.legend .swatch[data-status]')].map((node) => {
  const style = getComputedStyle(node, '::before');
  return [node.dataset.status, style.textDecorationLine + ' ' + style.textDecorationStyle];
})"""


def test_each_status_has_its_own_line_in_the_legend_and_on_its_highlights(
    desk_page,
    editor,
    long_source,  # noqa: F811
):
    source, highlight = long_source
    page = desk_page(editor)
    page.goto(reverse("sources:detail", args=[source.pk]))
    lines = dict(page.evaluate(LINES))
    assert len(lines) == 8
    assert len(set(lines.values())) == 8, lines
    mark = page.locator(f"#highlight-{highlight.pk}").evaluate(
        "node => [node.dataset.status, getComputedStyle(node).textDecorationLine"
        " + ' ' + getComputedStyle(node).textDecorationStyle]"
    )
    assert lines[mark[0]] == mark[1]
    page.locator(".legend").screenshot(path=str(screenshot(page, "legend-lines")))


def test_the_claims_by_status_bars_have_a_legend_in_words(
    desk_page,
    editor,
    long_source,  # noqa: F811
):
    page = desk_page(editor)
    page.goto(reverse("sources:list"))
    legend = page.get_by_role(
        "list", name="What the colours of the claims-by-status bars mean"
    )
    for words in ("False", "Unverified", "Verified", "Disputed"):
        assert legend.get_by_text(words, exact=True).count() == 1
    assert lines_of(page) and len(set(lines_of(page).values())) == 7


def lines_of(page):
    return dict(page.evaluate(LINES.replace(".legend .swatch", ".bar-legend .swatch")))

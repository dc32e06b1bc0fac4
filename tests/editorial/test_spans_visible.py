"""Highlights must hold a visible character; bidi controls are shown, offsets kept."""

import re

import pytest

from core.visible import show_bidi_controls_in_text
from editorial.highlights import marks, spans


@pytest.mark.parametrize(
    "quote, named",
    [
        ("\u200d", "U+200D ZERO WIDTH JOINER"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u0301", "U+0301 COMBINING ACUTE ACCENT"),
        ("\u200b\u2066", "U+200B ZERO WIDTH SPACE, U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\ufeff \u3164", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ],
)
def test_a_span_with_no_visible_character_is_refused_naming_what_it_holds(quote, named):
    body = f"before{quote}after"
    with pytest.raises(spans.SpanError) as raised:
        spans.validate_span(body, 6, 6 + len(quote))
    assert "no visible character" in str(raised.value)
    assert named in str(raised.value)
    assert raised.value.field == "exact"


@pytest.mark.parametrize("quote", ["e\u0301", "\u202eexe", "a\u200db", "é", "٣", "😀"])
def test_a_span_with_a_visible_character_is_accepted(quote):
    body = f"x {quote} y"
    assert spans.validate_span(body, 2, 2 + len(quote)) == quote


def test_the_reader_shows_bidi_controls_and_keeps_the_text_exactly():
    body = "Download \u202eexe.live\u202c now, \u2067a\u2069 \u200f."
    html = marks.reader_html(body, [(1, 9, 19, "false")])
    assert html == marks.body_html(marks.runs(body, [(1, 9, 19, "false")]))
    assert (
        '<span class="bidi-control" data-bidi="RLO" '
        'title="U+202E RIGHT-TO-LEFT OVERRIDE">\u202e</span>'
    ) in html
    assert html.count('class="bidi-control"') == 5
    # The text nodes hold exactly the stored characters: what the reader's script
    # measures offsets in (textContent) is the body, unchanged.
    assert re.sub(r"<[^>]+>", "", html) == body


def test_titles_in_lists_show_bidi_controls_escaped():
    shown = show_bidi_controls_in_text("<b>\u202eexe.live")
    assert shown.startswith('&lt;b&gt;<span class="bidi-control" data-bidi="RLO"')

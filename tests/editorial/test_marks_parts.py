"""A long text is drawn in parts (``marks.reader_html``): the text, the marks over each
character and the anchors are those of the one-part drawing."""

from html import unescape
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from editorial.highlights import marks


class Drawing(HTMLParser):
    """Each character of a drawing with the highlight ids over it, its parts, anchors."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.chars: list[tuple[str, tuple[str, ...]]] = []
        self.parts: list[str] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            assert not self.open, "a part starts inside a mark"
            self.parts.append("")
        elif tag == "mark":
            self.open.append(attrs["data-highlight-id"])
            if "id" in attrs:
                self.anchors.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()
        elif tag == "div":
            assert not self.open, "a part ends inside a mark"

    def handle_data(self, data):
        if self.parts:
            self.parts[-1] += data
        self.chars.extend((char, tuple(sorted(self.open))) for char in data)


def drawing(html: str) -> Drawing:
    parsed = Drawing()
    parsed.feed(html)
    parsed.close()
    return parsed


def test_parts_start_after_a_line_end_once_long_enough():
    body = "aaaa\nbb\ncccccc\nd\ne"
    assert marks.part_starts(body, 5) == [5, 15]
    assert [body[a:b] for a, b in zip([0, 5, 15], [5, 15, len(body)], strict=True)] == [
        "aaaa\n",
        "bb\ncccccc\n",
        "d\ne",
    ]


def test_a_text_without_a_late_line_end_is_one_part():
    assert marks.part_starts("one long paragraph with no line end", 5) == []
    assert marks.part_starts("short\n", 3) == []  # nothing after the last line end
    assert marks.part_starts("short\ntext", 100) == []
    html = marks.reader_html("short\ntext", [(1, 0, 5, "false")], part_chars=100)
    assert "source-part" not in html


def test_a_long_text_comes_in_parts_with_a_mark_across_a_part_split_in_two():
    body = "first line\nsecond line\nthird line"
    html = marks.reader_html(body, [(7, 6, 17, "false")], part_chars=8)
    assert html == (
        '<div class="source-part">first <mark data-highlight-id="7" '
        'data-status="false" id="highlight-7" tabindex="0">line\n</mark></div>'
        '<div class="source-part"><mark data-highlight-id="7" data-status="false">'
        "second</mark> line\n</div>"
        '<div class="source-part">third line</div>'
    )


def test_the_shipped_size_draws_a_long_article_in_parts():
    body = "\n".join(f"Paragraph {n} " + "word " * 60 for n in range(40))
    html = marks.reader_html(body, [])
    assert html.count('<div class="source-part">') == len(marks.part_starts(body)) + 1
    assert len(marks.part_starts(body)) >= 5
    text = html.replace('<div class="source-part">', "").replace("</div>", "")
    assert unescape(text) == body


@given(
    st.text(alphabet=st.sampled_from("ab <>&\n\U0001f600"), max_size=80),
    st.lists(
        st.tuples(
            st.integers(-5, 85),
            st.integers(-5, 85),
            st.sampled_from(["false", "verified", "none"]),
        ),
        max_size=12,
    ),
    st.integers(1, 12),
)
def test_parts_keep_the_text_the_marks_over_each_character_and_the_anchors(
    body, spans, size
):
    """Any text, nested, overlapping and out-of-range spans, any part size."""
    highlights = [
        (i + 1, min(a, b), max(a, b), status) for i, (a, b, status) in enumerate(spans)
    ]
    whole = drawing(marks.reader_html(body, highlights, part_chars=None))
    parted = drawing(marks.reader_html(body, highlights, part_chars=size))
    assert parted.chars == whole.chars
    assert "".join(char for char, _ in parted.chars) == body
    assert parted.anchors == whole.anchors
    assert len(set(parted.anchors)) == len(parted.anchors)
    starts = marks.part_starts(body, size)
    if starts:
        bounds = [0, *starts, len(body)]
        assert parted.parts == [
            body[a:b] for a, b in zip(bounds, bounds[1:], strict=False)
        ]
    else:
        assert parted.parts == []

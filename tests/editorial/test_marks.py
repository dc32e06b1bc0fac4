"""How highlights are drawn: runs, nesting, colours by status, quote context, status bars."""

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from editorial.highlights import marks


def test_runs_give_the_body_back_exactly_with_nested_and_overlapping_marks():
    body = "The envoy met the minister in Kyiv."
    highlights = [(1, 4, 28, "verified"), (2, 18, 26, "false"), (3, 22, 35, "none")]
    runs = marks.runs(body, highlights)
    assert "".join(run.text for run in runs) == body
    by_text = {run.text: [m.highlight_id for m in run.marks] for run in runs}
    # 22-26 lies in all three: 1 (longest) outermost, then 3, then 2 (shortest).
    assert by_text["ster"] == [1, 3, 2]
    assert by_text["mini"] == [1, 2]


def test_inner_highlight_is_innermost_and_each_highlight_has_one_first_run():
    body = "abcdefghij"
    runs = marks.runs(body, [(7, 0, 10, "verified"), (8, 3, 5, "false")])
    middle = next(run for run in runs if run.text == "de")
    assert [m.highlight_id for m in middle.marks] == [7, 8]
    firsts = [m.highlight_id for run in runs for m in run.marks if m.first]
    assert sorted(firsts) == [7, 8]


@given(
    st.text(min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
)
def test_runs_always_rebuild_the_body_and_cover_each_span_exactly(body, pairs):
    spans = [
        (i, min(a, b), max(a, b), "unverified")
        for i, (a, b) in enumerate(pairs)
        if min(a, b) < max(a, b) <= len(body)
    ]
    runs = marks.runs(body, spans)
    assert "".join(run.text for run in runs) == body
    position = 0
    covered = {i: "" for i, *_ in spans}
    for run in runs:
        for mark in run.marks:
            covered[mark.highlight_id] += run.text
        position += len(run.text)
    for i, start, end, _ in spans:
        assert covered[i] == body[start:end]


def test_a_highlight_shows_its_most_urgent_claim_status():
    assert marks.highlight_status(["verified", "false"]) == "false"
    assert marks.highlight_status(["verified", "in_review"]) == "in_review"
    assert marks.highlight_status(["verified"]) == "verified"
    assert marks.highlight_status([]) == marks.NO_CLAIM


def test_context_words_drops_cut_words_at_the_far_edges():
    before, after = marks.context_words(
        "ded by the Special ", " said on Tuesday that the", width=19
    )
    assert before == "by the Special "
    assert after == " said on Tuesday that"


def test_context_words_keeps_a_short_prefix_whole():
    assert marks.context_words("", " met") == ("", " met")


def test_status_bar_parts_fill_the_bar_most_urgent_first():
    labels = {"false": "False", "verified": "Verified", "in_review": "In review"}
    parts = marks.status_bar({"verified": 3, "false": 1, "in_review": 0}, labels)
    assert [(p.status, p.count) for p in parts] == [("false", 1), ("verified", 3)]
    assert parts[0].x == 0 and parts[0].width == 25
    assert parts[1].x == 25 and parts[1].width == 75
    assert marks.status_bar({}, labels) == []


# The loop source_body.html used before body_html: body_html must make the same markup.
TEMPLATE_LOOP = (
    "{% for run in runs %}{% for mark in run.marks %}"
    '<mark data-highlight-id="{{ mark.highlight_id }}" data-status="{{ mark.status }}"'
    '{% if mark.first %} id="highlight-{{ mark.highlight_id }}" tabindex="0"{% endif %}>'
    "{% endfor %}{{ run.text }}{% for mark in run.marks %}</mark>{% endfor %}{% endfor %}"
)


def test_body_html_is_the_template_loop_markup_with_the_text_escaped():
    from django.template import Context, Template

    body = 'A <script>alert("x")</script> & nested words here, \U0001f600 too.'
    highlights = [(1, 0, 40, "verified"), (2, 4, 20, "false"), (3, 15, 50, "none")]
    runs = marks.runs(body, highlights)
    html = marks.body_html(runs)
    assert html == Template(TEMPLATE_LOOP).render(Context({"runs": runs}))
    assert "<script>" not in html
    assert html.count("<mark") == html.count("</mark>")
    assert html.count(" tabindex") == 3


class Nesting(HTMLParser):
    """Each character of a drawing with the marks over it, outermost first, as
    ``(id, status)``; and each anchor with the character it starts at."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []
        self.chars: list[tuple[str, tuple]] = []
        self.anchors: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        assert tag == "mark"
        self.open.append((attrs["data-highlight-id"], attrs["data-status"]))
        if "id" in attrs:
            self.anchors.append((attrs["id"], attrs["tabindex"], len(self.chars)))

    def handle_endtag(self, tag):
        assert tag == "mark"
        self.open.pop()

    def handle_data(self, data):
        self.chars.extend((char, tuple(self.open)) for char in data)


def nesting(html: str) -> Nesting:
    parsed = Nesting()
    parsed.feed(html)
    parsed.close()
    assert not parsed.open
    return parsed


@given(
    st.text(alphabet=st.sampled_from("ab <>&\"'\U0001f600\n"), max_size=60),
    st.lists(
        st.tuples(
            st.integers(-5, 65),
            st.integers(-5, 65),
            st.sampled_from(["false", "verified", "none"]),
        ),
        max_size=12,
    ),
)
def test_reader_html_nests_each_character_as_body_html_of_the_runs(body, spans):
    """Any text, nested, overlapping, equal, touching and out-of-range spans alike:
    the same text, the same marks over each character in the same order, the same
    anchors on the same characters, and never more elements."""
    highlights = [
        (i + 1, min(a, b), max(a, b), status) for i, (a, b, status) in enumerate(spans)
    ]
    swept = marks.reader_html(body, highlights, part_chars=None)
    piecewise = marks.body_html(marks.runs(body, highlights))
    drawn, reference = nesting(swept), nesting(piecewise)
    assert drawn.chars == reference.chars
    assert drawn.anchors == reference.anchors
    assert swept.count("<mark") <= piecewise.count("<mark")
    assert "".join(char for char, _ in drawn.chars) == body


def test_a_highlight_inside_another_leaves_the_outer_one_whole():
    """An outer mark stays open around the inner one instead of being cut in three;
    a crossing highlight still splits the one it crosses, innermost on top."""
    html = marks.reader_html(
        "abcdefghij", [(7, 0, 10, "verified"), (8, 3, 5, "false")], part_chars=None
    )
    assert html == (
        '<mark data-highlight-id="7" data-status="verified" id="highlight-7" '
        'tabindex="0">abc<mark data-highlight-id="8" data-status="false" '
        'id="highlight-8" tabindex="0">de</mark>fghij</mark>'
    )
    crossing = marks.reader_html(
        "abcdefghij", [(1, 0, 6, "verified"), (2, 4, 9, "false")], part_chars=None
    )
    assert crossing == (
        '<mark data-highlight-id="1" data-status="verified" id="highlight-1" '
        'tabindex="0">abcd<mark data-highlight-id="2" data-status="false" '
        'id="highlight-2" tabindex="0">ef</mark></mark>'
        '<mark data-highlight-id="2" data-status="false">ghi</mark>j'
    )


def test_reader_html_of_a_text_with_no_highlights_is_the_escaped_text():
    assert marks.reader_html('a <b> & "c"', []) == "a &lt;b&gt; &amp; &quot;c&quot;"
    assert marks.reader_html("", [(1, 0, 3, "none")]) == ""

"""Span arithmetic, with no database."""

import pytest

from editorial.highlights import spans


def test_split_at_boundaries_handles_overlapping_and_nested_spans():
    body = "abcdefghij"
    segments = spans.split_at_boundaries(body, [("a", 1, 6), ("b", 3, 9), ("c", 4, 5)])
    assert [(s.text, s.span_ids) for s in segments] == [
        ("a", ()),
        ("bc", ("a",)),
        ("d", ("a", "b")),
        ("e", ("a", "b", "c")),
        ("f", ("a", "b")),
        ("ghi", ("b",)),
        ("j", ()),
    ]
    assert "".join(s.text for s in segments) == body


def test_split_with_no_spans_is_the_whole_body():
    assert [s.text for s in spans.split_at_boundaries("text", [])] == ["text"]


@pytest.mark.parametrize(
    "text, utf16, codepoint",
    [("abc", 2, 2), ("😀abc", 2, 1), ("😀abc", 3, 2), ("a😀b😀c", 6, 4), ("😀", 2, 1)],
)
def test_utf16_offsets_convert_to_code_points_and_back(text, utf16, codepoint):
    assert spans.utf16_to_codepoint(text, utf16) == codepoint
    assert spans.codepoint_to_utf16(text, codepoint) == utf16


def test_utf16_offset_inside_a_surrogate_pair_is_refused():
    with pytest.raises(spans.SpanError):
        spans.utf16_to_codepoint("😀abc", 1)

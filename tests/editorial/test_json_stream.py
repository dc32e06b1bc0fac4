"""iter_json_list: a JSON list read element by element gives what json.loads gives."""

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editorial.exports.json_stream import JSONListError, NotAJSONList, iter_json_list

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


def read(text, chunk_chars=7):
    return list(iter_json_list(io.StringIO(text), chunk_chars=chunk_chars))


@settings(deadline=None)  # a shared machine's load is not the reader's speed
@given(
    st.lists(values, max_size=6),
    st.sampled_from([None, 1, 2]),
    st.booleans(),
    st.integers(min_value=1, max_value=40),
)
def test_any_list_reads_as_json_loads_reads_it_whatever_the_chunk_size(
    items, indent, ascii_only, chunk_chars
):
    text = json.dumps(items, indent=indent, ensure_ascii=ascii_only)
    assert read(text, chunk_chars) == json.loads(text)


@settings(deadline=None)
@given(
    st.lists(values, min_size=1, max_size=4),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from([",", "]", "}", "x", '"', ":", "\n", "1", ""]),
    st.integers(min_value=1, max_value=40),
)
def test_broken_json_is_refused_at_the_line_and_column_json_loads_names(
    items, where, inserted, chunk_chars
):
    text = json.dumps(items, indent=1)
    where %= len(text) + 1
    text = text[:where] + inserted + text[where + 1 :]
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as error:
        with pytest.raises(JSONListError) as caught:
            read(text, chunk_chars)
        if text.lstrip().startswith("["):
            assert f"line {error.lineno} column {error.colno}" in str(caught.value)
    else:
        if isinstance(expected, list):
            assert read(text, chunk_chars) == expected
        else:
            with pytest.raises(NotAJSONList):
                read(text, chunk_chars)


def test_a_number_cut_by_the_chunk_boundary_is_read_whole():
    assert read("[1e+20, -2.5, 12345678901234567890]", chunk_chars=1) == [
        1e20,
        -2.5,
        12345678901234567890,
    ]


def test_an_element_longer_than_a_chunk_is_read_whole():
    long = {"body": "word " * 10_000}
    assert read(json.dumps([long, long]), chunk_chars=64) == [long, long]


@pytest.mark.parametrize(
    ("text", "kind"),
    [('{"model": "x"}', "JSON object"), ('"text"', "string"), ("12", "number")],
)
def test_a_document_that_is_not_a_list_says_what_it_is(text, kind):
    with pytest.raises(NotAJSONList) as caught:
        read(text)
    assert caught.value.kind == kind


def test_elements_are_handed_out_before_the_rest_of_the_file_is_read():
    stream = io.StringIO(json.dumps([{"n": n} for n in range(10_000)]))
    elements = iter_json_list(stream, chunk_chars=100)
    assert next(elements) == {"n": 0}
    assert stream.tell() < 1_000

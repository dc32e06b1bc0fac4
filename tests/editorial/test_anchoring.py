"""Re-anchoring highlights on crafted revisions, with no database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editorial.highlights.anchoring import ANCHORED, MOVED, ORPHANED, Anchor, reanchor
from editorial.highlights.spans import quote_context

OLD = (
    "Coalition pledges troops\n"
    "French President Emmanuel Macron said on Thursday that 26 countries have "
    "committed to providing troops as a reassurance force.\n"
    "The United States made its first explicit commitment to support the alliance.\n"
    "Talks continue in Paris next month, officials said.\n"
)


def anchor_on(body: str, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(quote, start + 1)
    end = start + len(quote)
    prefix, suffix = quote_context(body, start, end)
    return Anchor(start, end, quote, prefix, suffix)


def test_unchanged_text_keeps_every_highlight_where_it_was():
    anchor = anchor_on(OLD, "26 countries have committed")
    placement = reanchor(anchor, OLD)
    assert placement.status == ANCHORED
    assert placement.method == "position"
    assert (placement.start, placement.end) == (anchor.start, anchor.end)


def test_insertion_before_a_span_moves_it_by_the_inserted_length():
    anchor = anchor_on(OLD, "first explicit commitment")
    inserted = "Updated 7 January with a statement from Kyiv.\n"
    new = OLD.replace("The United States", inserted + "The United States")
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert placement.method == "quote"
    assert placement.start == anchor.start + len(inserted)
    assert new[placement.start : placement.end] == "first explicit commitment"


def test_edit_inside_a_span_is_matched_approximately_and_the_quote_updated():
    anchor = anchor_on(OLD, "26 countries have committed to providing troops")
    new = OLD.replace("countries have committed", "countries had committed")
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert placement.method == "fuzzy"
    assert placement.exact == "26 countries had committed to providing troops"
    assert new[placement.start : placement.end] == placement.exact
    assert placement.distance == 2


def test_a_rewrite_beyond_the_edit_bound_orphans_the_highlight():
    anchor = anchor_on(OLD, "26 countries have committed")
    new = OLD.replace(
        "26 countries have committed", "several allies said they may send"
    )
    assert reanchor(anchor, new).status == ORPHANED


def test_deleted_paragraph_orphans_its_highlight_even_when_a_word_recurs():
    anchor = anchor_on(OLD, "Paris")
    new = OLD.replace("Talks continue in Paris next month, officials said.\n", "")
    new += "Paris has hosted earlier rounds.\n"
    placement = reanchor(anchor, new)
    assert placement.status == ORPHANED
    assert placement.start is None


def test_deleted_paragraph_leaves_highlights_in_other_paragraphs_placed():
    anchor = anchor_on(OLD, "Talks continue in Paris")
    new = OLD.replace(
        "The United States made its first explicit commitment to support the alliance.\n",
        "",
    )
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert new[placement.start : placement.end] == "Talks continue in Paris"


def test_duplicated_sentence_prefix_and_suffix_choose_the_right_copy():
    sentence = "The United States made its first explicit commitment."
    old = f"Intro line.\nIn Paris, {sentence} Officials cheered.\nEnd.\n"
    anchor = anchor_on(old, sentence)
    # The correction quotes the same sentence earlier, in another context.
    new = f"Intro line.\nAs reported, {sentence} Others doubted it.\nIn Paris, {sentence} Officials cheered.\nEnd.\n"
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert placement.start == new.index(f"In Paris, {sentence}") + len("In Paris, ")
    assert new[placement.start - 10 : placement.start] == "In Paris, "


def test_second_of_two_copies_stays_the_second_after_an_insertion_before_both():
    old = "Head.\nMacron spoke first. Then Macron spoke again to reporters.\n"
    anchor = anchor_on(old, "Macron", occurrence=1)
    new = "Head.\nA new opening paragraph.\n" + old.split("\n", 1)[1]
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert new[placement.start - 5 : placement.end] == "Then Macron"


def test_whitespace_changes_inside_and_around_a_span_still_place_it():
    anchor = anchor_on(OLD, "26 countries have committed to providing troops")
    new = OLD.replace(
        "26 countries have committed", "26  countries have\ncommitted"
    ).replace("said on Thursday that", "said on Thursday  that")
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert placement.method == "quote, whitespace changed"
    assert placement.exact == "26  countries have\ncommitted to providing troops"


def test_whitespace_change_only_in_the_context_keeps_the_offsets():
    old = "Title\nOne sentence here.  The quoted words are these.\n"
    anchor = anchor_on(old, "The quoted words")
    new = old.replace("here.  The", "here. \nThe")
    placement = reanchor(anchor, new)
    assert placement.status == ANCHORED
    assert placement.prefix.endswith("here. \n")


@pytest.mark.parametrize(
    "insert",
    ["🇺🇦 ", "𝔘𝔨𝔯𝔞𝔦𝔫𝔢 ", "😀😀😀 "],
    ids=["flag", "math-fraktur", "emoji"],
)
def test_characters_outside_the_bmp_shift_offsets_by_code_points(insert):
    old = "Kyiv 🇺🇦 update\nThe ministry said 𝔘 troops 😀 will stay.\n"
    anchor = anchor_on(old, "troops 😀 will stay")
    new = old.replace("The ministry", insert + "The ministry")
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert placement.start == anchor.start + len(insert)
    assert new[placement.start : placement.end] == "troops 😀 will stay"


def test_fuzzy_edit_next_to_astral_characters_keeps_code_point_offsets():
    old = "Kyiv 🇺🇦 update\nThe ministry said troops 😀 will stay until spring.\n"
    anchor = anchor_on(old, "troops 😀 will stay until spring")
    new = "🇺🇦🇺🇦 " + old.replace("will stay", "would stay")
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert placement.exact == "troops 😀 would stay until spring"
    assert new[placement.start : placement.end] == placement.exact


def test_a_short_quote_with_an_unrelated_copy_elsewhere_is_not_grabbed():
    old = "A.\nThe envoy Steve Witkoff met them.\nB.\n"
    anchor = anchor_on(old, "Witkoff")
    new = "A.\nB.\nA profile of Witkoff appears tomorrow in the magazine section.\n"
    assert reanchor(anchor, new).status == ORPHANED


def test_a_long_unique_quote_follows_its_paragraph_when_paragraphs_are_reordered():
    first = "Officials confirmed the deployment would begin after a ceasefire."
    second = "Critics said the plan lacked detail on the command structure."
    old = f"Title\n{first}\n{second}\n"
    anchor = anchor_on(old, first)
    new = f"Title rewritten entirely for the web\n{second}\nSomething else.\n{first}\n"
    placement = reanchor(anchor, new)
    assert placement.status == MOVED
    assert new[placement.start : placement.end] == first


@settings(max_examples=150, deadline=None)
@given(
    body=st.lists(
        st.sampled_from(list("ab c\n.🇺🇦𝔘é") + ["Macron ", "troops "]),
        min_size=1,
        max_size=60,
    ).map("".join),
    cut=st.tuples(st.integers(0, 200), st.integers(1, 40)),
    edit=st.tuples(st.integers(0, 200), st.integers(0, 10), st.text(max_size=12)),
)
def test_a_placed_highlight_always_quotes_the_new_text_exactly(body, cut, edit):
    """Whatever the edit, a placement is a valid span of the new text, with its context."""
    start = cut[0] % len(body)
    end = min(len(body), start + cut[1])
    if not body[start:end].strip():
        return
    prefix, suffix = quote_context(body, start, end)
    anchor = Anchor(start, end, body[start:end], prefix, suffix)
    assert reanchor(anchor, body).status == ANCHORED
    at = edit[0] % (len(body) + 1)
    new = body[:at] + edit[2] + body[at + edit[1] :]
    placement = reanchor(anchor, new)
    if placement.status == ORPHANED:
        assert placement.start is None
        return
    assert 0 <= placement.start < placement.end <= len(new)
    assert new[placement.start : placement.end] == placement.exact
    assert placement.exact.strip()
    assert (placement.prefix, placement.suffix) == quote_context(
        new, placement.start, placement.end
    )

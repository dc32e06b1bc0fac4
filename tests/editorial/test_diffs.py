"""Word diffs and field changes for history pages, with no database."""

from core.diffs import Piece, changed_fields, trim_equal, word_diff


def test_word_diff_marks_replaced_words_and_keeps_the_rest():
    pieces = word_diff(
        "Rishi Sunak was prime minister.", "Keir Starmer was prime minister."
    )
    assert pieces == [
        Piece("delete", "Rishi Sunak"),
        Piece("insert", "Keir Starmer"),
        Piece("equal", " was prime minister."),
    ]


def test_word_diff_of_inserted_and_deleted_words():
    assert word_diff("26 nations pledged", "26 nations pledged troops") == [
        Piece("equal", "26 nations pledged"),
        Piece("insert", " troops"),
    ]
    assert word_diff("a b c", "a c") == [
        Piece("equal", "a "),
        Piece("delete", "b "),
        Piece("equal", "c"),
    ]


def test_word_diff_rebuilds_both_texts():
    old, new = (
        "The envoy, Steve Witkoff, spoke.\nThen Macron.",
        "The envoy spoke 😀.\nThen Macron left.",
    )
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.op != "insert") == old
    assert "".join(p.text for p in pieces if p.op != "delete") == new


def test_long_unchanged_runs_are_trimmed_around_the_change():
    body = " ".join(f"w{i}" for i in range(200))
    pieces = trim_equal(word_diff(body, body.replace("w100", "CHANGED")))
    assert [p.op for p in pieces] == ["equal", "delete", "insert", "equal"]
    assert pieces[0].text.startswith("… ") and pieces[-1].text.endswith(" …")
    assert len(pieces[0].text) < 120


def test_changed_fields_lists_only_differences_and_word_diffs_long_text():
    labels = {"statement": "Statement", "status": "Status", "version": "Version"}
    old = {"statement": "Sunak was PM.", "status": "unverified", "version": 1}
    new = {"statement": "Starmer was PM.", "status": "unverified", "version": 2}
    changes = changed_fields(old, new, labels, long_text={"statement"})
    assert [c.name for c in changes] == ["statement", "version"]
    assert changes[0].is_text_diff and not changes[1].is_text_diff
    assert (changes[1].old, changes[1].new) == (1, 2)


def test_first_version_lists_every_filled_field():
    changes = changed_fields(
        None, {"statement": "x", "note": ""}, {"statement": "S", "note": "N"}, set()
    )
    assert [(c.name, c.old, c.new) for c in changes] == [("statement", None, "x")]

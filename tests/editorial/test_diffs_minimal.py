"""Word diffs of revisions keep every word that can be kept (a longest common subsequence)."""

from core.diffs import tokens, word_diff


def rebuild(pieces, side):
    return "".join(piece.text for piece in pieces if piece.op in ("equal", side))


def test_the_word_diff_keeps_the_longest_run_of_unchanged_words():
    # difflib's SequenceMatcher kept 3 of these words; the longest common
    # subsequence keeps 5.
    old, new = "e c b e d e c d b c", "c b d a b b c c b d"
    pieces = word_diff(old, new)
    assert rebuild(pieces, "delete") == old and rebuild(pieces, "insert") == new
    kept = [t for p in pieces if p.op == "equal" for t in tokens(p.text) if t.strip()]
    assert len(kept) == 5


def test_a_long_revision_diff_marks_only_the_edit():
    body = "".join(
        f"Paragraph {n} about the coalition and its troops.\n" for n in range(3000)
    )
    new = body.replace("Paragraph 1500 about", "Paragraph 1500, corrected, about")
    pieces = word_diff(body, new)
    assert [p.text for p in pieces if p.op != "equal"] == [", corrected,"]

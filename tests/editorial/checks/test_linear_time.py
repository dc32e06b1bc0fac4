"""Checking one source takes work in proportion to its length (issue 14).

Counted, not timed: the Python lines the checks execute are counted while they read a
text of one phrase repeated (many sentences, many mentions) and of names repeated in
one endless sentence; doubling the text must about double the count (a rescan of the
sentence or of the text per mention would make it four times), and each sentence's
years are read once however many people it names.
"""

import sys
from datetime import date
from pathlib import Path

import pytest

import editorial.checks
from editorial.checks import Document, KnownClaim, offices, run_checks

CHECKS = str(Path(editorial.checks.__file__).parent)
DAY = date(2025, 9, 4)
PHRASE = (
    "Prime Minister Keir Starmer and former President Joe Biden said 26 nations "
    "met in Paris on 6 January 2026. "
)
NAMES = "British Prime Minister Rishi Sunak and Keir Starmer, Emmanuel Macron "
CLAIMS = [
    KnownClaim(1, "26 nations committed troops", ("26 nations",), ("26 nations",))
]


def lines_run(reference, body: str, story: str = "") -> int:
    """The lines of ``editorial.checks`` executed while checking ``body`` (in the
    shipped story ``story``, whose story figures and events then apply)."""
    count = [0]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(CHECKS) else None

    document = Document("doc", body, DAY, story=story)
    sys.settrace(tracer)
    try:
        run_checks(
            targets=[document], corpus=[document], reference=reference, claims=CLAIMS
        )
    finally:
        sys.settrace(None)
    return count[0]


def repeated(text: str, size: int) -> str:
    return "Title\n" + text * (size // len(text))


#: The shipped story, with story figures (nations) and a story event (the founding).
STORY = "coalition-of-the-willing-for-ukraine"
FOUNDING = (
    "At the inaugural meeting of the coalition of the willing in Paris, 26 nations "
    "pledged troops. "
)


@pytest.mark.parametrize(
    "text, story",
    [(PHRASE, ""), (NAMES, ""), (FOUNDING, STORY)],
    ids=["phrase", "names", "story figures and events"],
)
def test_checking_twice_the_text_takes_about_twice_the_work(reference, text, story):
    assert not story or reference.watched[story]
    small = lines_run(reference, repeated(text, 20_000), story)
    large = lines_run(reference, repeated(text, 40_000), story)
    assert small > 10_000
    # Linear is 2; a scan per mention over what came before would be about 4.
    assert large / small < 2.3


def test_a_40_kb_phrase_and_300_kb_of_names_are_checked_with_bounded_work(
    reference, monkeypatch
):
    """A generous bound per character; each sentence's years are read once."""
    assert lines_run(reference, repeated(PHRASE, 40_000)) < 40_000 * 40
    scanned = []
    original = offices.years_in
    monkeypatch.setattr(
        offices, "years_in", lambda text: scanned.append(text) or original(text)
    )
    body = repeated(NAMES, 300_000)
    document = Document("doc", body, DAY)
    findings = run_checks(targets=[document], corpus=[document], reference=reference)
    assert len([f for f in findings if f.kind == "anachronism"]) > 3_000
    assert len(scanned) <= body.count("\n") + 1

"""Event dates: any event's dates compared within a story, and weekdays that lie."""

from datetime import date, timedelta

import pytest

from editorial.checks.dates import DATE, read_date
from editorial.checks.event_dates import conflicting_dates, date_mentions
from editorial.checks.text import sentences


def dated(text, published=None):
    """``(words, low, high)`` of each date read in ``text``."""
    found = []
    for match in DATE.finditer(text):
        when = read_date(match, published, text)
        if when is not None:
            found.append((match.group(), when.low, when.high))
    return found


def events(text, published=None):
    return [
        (m.event, m.phase, set(m.names), m.when.low)
        for m in date_mentions("doc", text, published, sentences(text))
    ]


@pytest.mark.parametrize(
    "text, published, low, high",
    [
        ("on 6 January 2026", None, date(2026, 1, 6), None),
        ("on January 6, 2026", None, date(2026, 1, 6), None),
        ("on January 6th", date(2026, 1, 6), date(2026, 1, 6), None),
        ("in a text of 2 January", date(2025, 12, 30), date(2026, 1, 2), None),
        ("On Tuesday, January 6th, they met", date(2026, 1, 6), date(2026, 1, 6), None),
        ("in March 2025", None, date(2025, 3, 1), date(2025, 3, 31)),
        ("in March", date(2025, 12, 9), date(2025, 3, 1), date(2025, 3, 31)),
        ("the 2022 invasion", None, date(2022, 1, 1), date(2022, 12, 31)),
        ("announced on Thursday", date(2025, 9, 4), date(2025, 9, 4), None),
        ("announced last Thursday", date(2025, 9, 4), date(2025, 8, 28), None),
        ("announced on Monday", date(2025, 9, 4), date(2025, 9, 1), None),
        ("He will host them on Thursday", date(2024, 7, 17), date(2024, 7, 18), None),
        ("said yesterday", date(2026, 1, 6), date(2026, 1, 5), None),
    ],
)
def test_dates_are_read_in_the_forms_sources_write_them(text, published, low, high):
    [(_, got_low, got_high)] = dated(text, published)
    assert (got_low, got_high) == (low, high or low)


def test_words_that_need_a_publication_date_are_not_read_without_one():
    assert dated("on January 6th, on Thursday, in March, yesterday") == []


def test_verbs_and_names_are_not_months():
    assert dated("Germany may participate; troops march; at Mar-a-Lago.", DAY) == []


DAY = date(2025, 2, 24)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Merz won Germany's national election on Sunday, February 23.",
            ("election", "", {"germany"}, date(2025, 2, 23)),
        ),
        (
            "Talks moved quickly after the February 24 election.",
            ("election", "", set(), date(2025, 2, 24)),
        ),
        (
            "The UK–EU Lancaster House summit in May agreed a pact.",
            ("summit", "", {"uk", "eu", "lancaster", "house"}, date(2024, 5, 1)),
        ),
        (
            "The COP29 climate conference opened on Monday, November 11.",
            ("conference", "start", {"cop29"}, date(2024, 11, 11)),
        ),
        (
            "The ceasefire took effect at noon on Friday, October 10.",
            ("ceasefire", "start", set(), date(2025, 10, 10)),
        ),
        (
            "Cardinals elected Robert Prevost as pope on Thursday, May 8.",
            ("election", "", set(), date(2025, 5, 8)),
        ),
    ],
)
def test_an_event_is_its_word_qualifiers_and_phase_with_its_nearest_date(
    text, expected
):
    published = expected[3] + timedelta(days=20)
    assert events(text, published) == [expected]


def test_a_date_is_the_nearest_events_and_an_event_takes_its_nearest_date():
    text = (
        "Starmer became prime minister on Friday after Labour won a landslide in "
        "the general election on Thursday, 4 July."
    )
    assert events(text, date(2024, 7, 5)) == [("election", "", set(), date(2024, 7, 4))]
    # A date before the event word, with words between, dates something else.
    assert events("They met on Monday to discuss the framework agreement.", DAY) == []


def test_a_quoted_date_is_not_the_sources_own():
    assert events("He said “the election on 3 March was stolen”.", DAY) == []


def test_the_same_event_dated_differently_in_two_sources_is_a_conflict():
    documents = [
        ("a", "Merz won Germany's national election on Sunday, February 23.", DAY),
        ("b", "Talks moved quickly after the February 24 election.", DAY),
    ]
    # Published the same day, one source against one: both sides are suspect.
    findings = conflicting_dates(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("a", "election on Sunday, February 23"),
        ("b", "February 24 election"),
    ]
    assert {f.group for f in findings} == {"figures:date:election::germany"}
    assert findings[0].question == "When did the Germany election take place?"
    assert findings[1].statement == "The election took place on 24 February 2025."
    assert findings[1].explanation == (
        "“February 24 election” dates it on 24 February 2025; source a dates it on "
        "23 February 2025 (“election on Sunday, February 23”)."
    )


def test_a_weekday_that_contradicts_its_date_is_a_finding_by_itself():
    text = "Labour's victory at the election on Wednesday, 4 July, was large."
    [finding] = conflicting_dates([("a", text, date(2024, 7, 17))])
    assert finding.exact == "Wednesday, 4 July"
    assert finding.group.startswith("figures:date:weekday:")
    assert finding.statement == "4 July 2024 was a Wednesday."
    assert "4 July 2024 was a Thursday" in finding.explanation


@pytest.mark.parametrize(
    "first, second",
    [
        # another event of the same kind, told apart by its names
        (
            "The London summit at Lancaster House on 2 March 2025 met.",
            "The UK–EU Lancaster House summit on 19 May 2025 agreed a pact.",
        ),
        # an unnamed summit months away from a named one
        (
            "A summit in March 2025 agreed a plan.",
            "The EU–Japan Akasaka Palace summit in May 2025 agreed a pact.",
        ),
        # the same word, another phase
        (
            "The conference opened on Monday, November 11, 2024.",
            "The conference is scheduled to run until November 22, 2024.",
        ),
        # an event that recurs, years apart
        (
            "He was elected on March 13, 2013, after Benedict resigned.",
            "Cardinals elected Prevost as pope on Thursday, May 8, 2025.",
        ),
        # everyday events are compared only when both name them
        (
            "Ministers held a meeting on 3 June 2025.",
            "Ministers held a meeting on 5 June 2025.",
        ),
        # another round, and a date once planned
        (
            "The first round of the election on 13 April 2025 was calm.",
            "Voters returned for the second round of the election on 27 April 2025.",
        ),
        (
            "The summit in Oslo, originally planned for 10 June 2025, was delayed.",
            "The summit in Oslo on 12 June 2025 agreed a text.",
        ),
        # the agreement's date is not the ceasefire's
        (
            "Both sides agreed on Wednesday, October 8, 2025, to a ceasefire.",
            "The ceasefire took effect on Friday, October 10, 2025.",
        ),
        # a date that says when something was said, not when the deal was struck
        (
            "Skippers said on 19 March 2026 that the deal would cost them dear.",
            "Ministers reached a deal on 11 March 2026 in Reykjavik.",
        ),
    ],
)
def test_dates_of_different_events_are_not_compared(first, second):
    assert conflicting_dates([("a", first, None), ("b", second, None)]) == []


def test_a_date_the_source_expects_is_compared_with_a_date_another_gives():
    documents = [
        ("a", "The deal will be signed in Oslo on 14 April 2026, the host said.", None),
        ("b", "The deal is due to be signed in Oslo on 21 April 2026.", None),
    ]
    assert sorted(f.document for f in conflicting_dates(documents)) == ["a", "b"]


def test_agreeing_dates_of_different_precision_make_no_finding():
    documents = [
        ("a", "The invasion in February 2022 changed Europe.", None),
        ("b", "With the 2022 invasion, Ukraine withdrew.", None),
        ("c", "The invasion on 24 February 2022 changed Europe.", None),
    ]
    assert conflicting_dates(documents) == []


def test_a_day_far_from_the_publication_takes_the_year_its_weekday_fits():
    # In December 2025, “Friday, March 7” is 7 March 2025 (a Friday), not 2026.
    [(_, low, _)] = dated("on Friday, March 7", date(2025, 12, 10))
    assert low == date(2025, 3, 7)
    # Near the publication the nearest year stands, and a wrong weekday is kept.
    [match] = list(DATE.finditer("on Saturday, July 27"))
    when = read_date(match, date(2025, 8, 22))
    assert (when.low, when.weekday_wrong) == (date(2025, 7, 27), "Saturday")

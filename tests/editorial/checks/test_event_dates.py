"""Conflicting figures: dates of the same event, in every form the sources write them."""

from datetime import date

import pytest

from editorial.checks.event_dates import (
    DATE,
    EVENTS,
    conflicting_dates,
    mentions,
    read_date,
)

FOUNDING, INVASION, LONDON = EVENTS


def dated(text, published=None):
    """``(words, low, high)`` of each date read in ``text``."""
    found = []
    for match in DATE.finditer(text):
        when = read_date(match, published)
        if when is not None:
            found.append((match.group(), when.low, when.high))
    return found


@pytest.mark.parametrize(
    "text, published, low, high",
    [
        ("on 6 January 2026", None, date(2026, 1, 6), date(2026, 1, 6)),
        ("on January 6, 2026", None, date(2026, 1, 6), date(2026, 1, 6)),
        ("on January 6th", date(2026, 1, 6), date(2026, 1, 6), date(2026, 1, 6)),
        ("in a text of 2 January", date(2025, 12, 30), date(2026, 1, 2), None),
        (
            "On Tuesday, January 6th, the coalition met",
            date(2026, 1, 6),
            date(2026, 1, 6),
            date(2026, 1, 6),
        ),
        ("in March 2025", None, date(2025, 3, 1), date(2025, 3, 31)),
        ("February 2022", None, date(2022, 2, 1), date(2022, 2, 28)),
        ("the 2022 full-scale invasion", None, date(2022, 1, 1), date(2022, 12, 31)),
        ("in March", date(2025, 12, 9), date(2025, 3, 1), date(2025, 3, 31)),
        ("in March", date(2026, 1, 6), date(2025, 3, 1), date(2025, 3, 31)),
        ("announced on Thursday", date(2025, 9, 4), date(2025, 9, 4), None),
        ("announced last Thursday", date(2025, 9, 4), date(2025, 8, 28), None),
        ("announced on Monday", date(2025, 9, 4), date(2025, 9, 1), None),
        ("said yesterday", date(2026, 1, 6), date(2026, 1, 5), None),
    ],
)
def test_dates_in_the_forms_the_sources_write_them(text, published, low, high):
    [(_, got_low, got_high)] = dated(text, published)
    assert (got_low, got_high) == (low, high or low)


def test_words_that_need_a_publication_date_are_not_read_without_one():
    assert dated("on January 6th, on Thursday, in March, yesterday") == []


def test_a_weekday_that_contradicts_the_day_leaves_the_day_unread():
    # 6 January 2026 was a Tuesday.
    assert dated("On Monday, January 6th", date(2026, 1, 6)) == []
    assert dated("on Monday 6 January 2026") == []


def test_verbs_and_ranges_are_not_dates():
    assert (
        dated("Germany may participate; troops march; the 2014-2022 aggression") == []
    )
    assert dated("They met at Mar-a-Lago.", date(2025, 12, 9)) == []
    [(_, low, _)] = dated("on 2 Mar. 2025")
    assert low == date(2025, 3, 2)


def test_each_event_is_recognised_with_its_date():
    assert [
        m.exact
        for m in mentions(
            FOUNDING,
            "a",
            "Formally launched as a 'coalition of the willing' in March 2025, it grew.",
            None,
        )
    ] == ["Formally launched as a 'coalition of the willing' in March 2025"]
    [invasion] = mentions(
        INVASION,
        "a",
        "The war began with Russia's full-scale invasion in February 2022.",
        None,
    )
    assert (invasion.exact, invasion.when.label) == (
        "Russia's full-scale invasion in February 2022",
        "February 2022",
    )
    [london] = mentions(
        LONDON, "a", "Talks included the 2 March 2025 London Summit on Ukraine.", None
    )
    assert london.when.low == date(2025, 3, 2)


def test_an_undated_inaugural_meeting_in_a_news_report_is_dated_by_its_publication():
    text = (
        "The pact was forged at the inaugural meeting of the 'Coalition of the "
        "Willing', an alliance of 35 nations."
    )
    [mention] = mentions(FOUNDING, "a", text, date(2026, 1, 6))
    assert (mention.when.low, mention.when.high) == (
        date(2025, 12, 30),
        date(2026, 1, 6),
    )
    assert mentions(FOUNDING, "a", text, None) == []
    assert (
        mentions(
            FOUNDING, "a", "Its first meeting of the Coalition of the Willing.", None
        )
        == []
    )


def test_mentions_without_a_date_future_invasions_and_other_treaties_are_not_read():
    assert (
        mentions(INVASION, "a", "It deters any future invasion attempts.", None) == []
    )
    # 2014's invasion of Crimea is another event.
    assert (
        mentions(INVASION, "a", "After Russia's invasion in 2014, talks began.", None)
        == []
    )
    assert (
        mentions(
            INVASION, "a", "Support since the onset of the Russian invasion.", None
        )
        == []
    )
    assert (
        mentions(
            LONDON,
            "a",
            "Lancaster House 2.0 – 2010 treaties, with an agreement of July 2025.",
            None,
        )
        == []
    )


def test_founding_dates_that_disagree_across_sources_make_one_proposed_dispute():
    documents = [
        (
            "news",
            "The UK and France signed a pact. The agreement was forged at the "
            "inaugural meeting of the 'Coalition of the Willing' in Paris.",
            date(2026, 1, 6),
        ),
        (
            "encyclopedia",
            "Its formal launch as a coalition of the willing was in March 2025 at "
            "the London summit.",
            date(2025, 12, 9),
        ),
    ]
    findings = conflicting_dates(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("news", "inaugural meeting of the 'Coalition of the Willing'"),
        (
            "encyclopedia",
            "formal launch as a coalition of the willing was in March 2025",
        ),
    ]
    assert {f.group for f in findings} == {"figures:date:coalition-founding"}
    assert {f.kind for f in findings} == {"figures"}
    assert findings[0].question == "When was the Coalition of the Willing founded?"
    assert findings[0].statement == (
        "The Coalition of the Willing was founded in the week to 6 January 2026."
    )
    assert "publication" in findings[0].explanation
    assert (
        findings[1].statement
        == "The Coalition of the Willing was founded in March 2025."
    )
    assert [cited.citation for cited in findings[1].evidence] == [
        "source news: “inaugural meeting of the 'Coalition of the Willing'”"
    ]


def test_a_conflict_within_one_source_is_found():
    text = (
        "The war began with Russia's full-scale invasion in February 2022. "
        "Since the full-scale invasion in 2023, the front has barely moved."
    )
    findings = conflicting_dates([("a", text, None)])
    assert [f.exact for f in findings] == [
        "Russia's full-scale invasion in February 2022",
        "full-scale invasion in 2023",
    ]


def test_agreeing_dates_of_different_precision_make_no_finding():
    documents = [
        (
            "a",
            "The war began with Russia's full-scale invasion in February 2022.",
            None,
        ),
        ("b", "With the 2022 full-scale invasion, Ukraine withdrew.", None),
        ("c", "Russia's full-scale invasion on 24 February 2022 changed Europe.", None),
    ]
    assert conflicting_dates(documents) == []


def test_dates_of_different_events_are_not_compared():
    documents = [
        (
            "a",
            "The war began with Russia's full-scale invasion in February 2022.",
            None,
        ),
        ("b", "Formally launched as a coalition of the willing in March 2025.", None),
        ("c", "Talks included the 2 March 2025 London Summit on Ukraine.", None),
    ]
    assert conflicting_dates(documents) == []


def test_a_date_in_a_quotation_of_an_older_statement_is_not_the_sources_dating():
    documents = [
        ("a", "Formally launched as a coalition of the willing in March 2025.", None),
        (
            "b",
            'Starmer said in 2024: "the formal launch of the coalition of the willing '
            'will come in June 2024", but it came later.',
            None,
        ),
    ]
    assert conflicting_dates(documents) == []
    assert mentions(FOUNDING, "b", documents[1][1], None) == []
    outside = (
        "It was formally launched as a coalition of the willing, which Starmer had "
        'promised "by June 2024" in an older speech.'
    )
    assert mentions(FOUNDING, "c", outside, None) == []


def test_one_mention_only_makes_no_finding():
    assert (
        conflicting_dates(
            [
                (
                    "a",
                    "Formally launched as a coalition of the willing in March 2025.",
                    None,
                )
            ]
        )
        == []
    )


def test_paris_summits_recur_and_are_not_one_event():
    documents = [
        ("a", "Macron spoke on Thursday at a summit in Paris.", date(2025, 9, 4)),
        ("b", "On Tuesday, January 6th, leaders met in Paris.", date(2026, 1, 6)),
    ]
    assert conflicting_dates(documents) == []

"""Conflicting figures: any quantity a text states, compared only with the same thing."""

import math
from datetime import date

import pytest

from editorial.checks.figures import conflicting_figures
from editorial.checks.numbers import MAX_DIGITS, number_value
from editorial.checks.quantities import quantities
from editorial.checks.text import sentences

DAY = date(2025, 7, 1)


def read(text, published=DAY):
    return quantities("doc", text, sentences(text), published)


def one(text, published=DAY):
    [quantity] = read(text, published)
    return quantity


@pytest.mark.parametrize(
    "text, low, high, unit, noun",
    [
        ("All 32 allied nations attended.", 32, 32, "count", "country"),
        ("Two dozen countries signed.", 24, 24, "count", "country"),
        ("Some 3,000 prisoners were freed.", 2550, 3450, "count", "prisoner"),
        ("It won between 130 and 135 seats.", 130, 135, "count", "seat"),
        ("Twenty-six nations agreed.", 26, 26, "count", "country"),
        ("Officials said 28 to 30 nations would join.", 28, 30, "count", "country"),
        ("More than 30 countries came.", 30, math.inf, "count", "country"),
        ("Nearly 200 countries met.", 170, 200, "count", "country"),
        ("It set a 25% tariff on steel.", 25, 25, "percent", "tariff"),
        ("Turnout was 82.5 per cent, a record.", 82.5, 82.5, "percent", "turnout"),
        ("Labour won 33.7 per cent of the vote.", 33.7, 33.7, "percent", "vote"),
        ("A rise of 20-25% is expected.", 20, 25, "percent", "rise"),
        ("A €500 billion infrastructure fund.", 5e11, 5e11, "money:eur", "fund"),
        ("They want 1.3 trillion dollars.", 1.3e12, 1.3e12, "money:usd", None),
        ("Pay $300 billion a year.", 3e11, 3e11, "money:usd/year", None),
    ],
)
def test_counts_percentages_and_money_are_read_as_ranges(text, low, high, unit, noun):
    quantity = one(text)
    assert (quantity.low, quantity.high) == pytest.approx((low, high))
    assert (quantity.unit, quantity.noun) == (unit, noun)


@pytest.mark.parametrize(
    "text",
    [
        "It was founded in 2019 and grew.",
        "They met on 17 July and on May 8.",
        "White smoke rose at 6:07 p.m. over the chapel.",
        "The pope died aged 88 at his home.",
        "Leo, 69, then appeared; the 91-year-old dean did not.",
        "Cardinals elected the 267th pope.",
        "Under Article 6 of the agreement, carbon markets open.",
        "A two-thirds majority is needed.",
        "Call +44 20 7946 0958 for details.",
        "COP29 and the G7 met.",
        "One of them won.",
    ],
)
def test_years_dates_times_ages_ordinals_and_identifiers_are_not_quantities(text):
    assert read(text) == []


def test_a_4301_digit_number_is_not_read_and_raises_nothing():
    text = "It counted " + "9" * 4301 + " votes, and then 12 votes more."
    assert number_value("9" * (MAX_DIGITS + 1)) is None
    assert [q.exact for q in read(text)] == ["12 votes"]


def test_the_owner_markers_and_years_of_a_figure_are_read():
    won = one("Reform UK took the lead and won only five seats.")
    assert won.owner == {"reform", "uk"}
    projected = one("The exit poll had projected 410 seats for the party.")
    assert projected.markers == {"projection"}
    needed = [q for q in read("It won 513 votes, more than the 489 votes needed.")]
    assert [q.markers for q in needed] == [set(), {"threshold"}]
    old = one("They were reduced from 365 seats in 2019.", date(2024, 7, 30))
    assert old.years == {2019}
    now = one("They won 121 seats in 2024.", date(2024, 7, 30))
    assert now.years == set()
    goal = one("Rich nations will pay at least $300 billion a year by 2035.")
    assert (goal.deadline, goal.years) == (2035, set())


def test_a_count_in_another_source_that_cannot_agree_is_a_conflict():
    documents = [
        ("a", "All 32 allied nations attended the summit in The Hague."),
        ("b", "Leaders of 30 allied nations attended the summit on Tuesday."),
    ]
    findings = conflicting_figures(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("a", "32 allied nations"),
        ("b", "30 allied nations"),
    ]
    assert findings[0].group == findings[1].group
    assert findings[0].question.startswith("How many allied nations attended")
    assert findings[1].explanation == (
        "“30 allied nations” says 30; source a says 32 (“32 allied nations”)."
    )
    assert [cited.citation for cited in findings[1].evidence] == [
        "source a: “32 allied nations”"
    ]


def test_the_question_is_the_texts_own_clause_with_the_figure_asked_about():
    documents = [
        ("a", "The deal set a tariff of 15 per cent on EU steel, officials said."),
        ("b", "The deal set a tariff of 25 per cent on EU steel on Sunday."),
    ]
    [first, _] = conflicting_figures(documents)
    assert first.question == "The deal set a tariff of what percentage on EU steel?"


@pytest.mark.parametrize(
    "first, second",
    [
        # ranges and approximations that can both be true
        ("Around twenty countries pledged troops.", "22 countries pledged troops."),
        ("Between 120 and 135 electors voted.", "133 electors voted in the chapel."),
        ("More than 30 nations pledged troops.", "34 nations pledged troops."),
        # different counted things
        ("Labour won 411 seats.", "Labour won 33.7 per cent of the vote."),
        ("The 252 members of the college met.", "135 cardinals under 80 met."),
        # different owners, markers, years
        ("The Liberal Democrats won 72 seats.", "Reform UK won five seats."),
        ("The exit poll projected 410 seats for Labour.", "Labour won 411 seats."),
        ("Labour had 202 seats in 2019, he said.", "Labour won 411 seats, he said."),
        (
            "A draft had proposed $250 billion a year.",
            "They agreed $300 billion a year.",
        ),
        ("He won 310 votes in the first round.", "He won 325 votes in the second."),
        ("Turnout was 61% in the first round.", "Turnout was 58% in the runoff."),
        ("Two eligible cardinals stayed away.", "135 cardinals are eligible."),
        # a modifier the other sentence never says
        ("Hamas is to free 20 living hostages.", "Hamas is to return 28 hostages."),
        # another month's figure, and a name before a percentage
        ("Inflation rose to 3.2% in March.", "Inflation was 2.9% in February."),
        ("The SPD fell to 16.4 per cent.", "The SPD rose to 25.7 per cent."),
        # a weak noun with nothing else in common
        ("The fund will run for 12 years.", "She spent 38 years in politics."),
    ],
)
def test_figures_that_need_not_disagree_make_no_finding(first, second):
    assert conflicting_figures([("a", first, DAY), ("b", second, DAY)]) == []


def test_figures_within_one_source_are_not_compared():
    text = "Britain cut emissions by 81 per cent, up from a previous 78 per cent."
    assert conflicting_figures([("a", text)]) == []


def test_a_wrong_figure_is_put_against_the_one_statement_most_like_it():
    documents = [
        ("a", "Israel freed about 2,000 Palestinian prisoners on Monday."),
        ("c", "Israel released some 3,000 Palestinian prisoners on Monday."),
    ]
    findings = conflicting_figures(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("a", "about 2,000 Palestinian prisoners"),
        ("c", "some 3,000 Palestinian prisoners"),
    ]


def test_a_figure_two_other_sources_contradict_is_the_only_one_flagged():
    documents = [
        ("a", "Israel freed about 2,000 Palestinian prisoners on Monday."),
        ("b", "Israel began freeing close to 2,000 Palestinian prisoners."),
        ("c", "Israel released some 3,000 Palestinian prisoners on Monday."),
    ]
    findings = conflicting_figures(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("c", "some 3,000 Palestinian prisoners"),
    ]
    # The agreeing words are named, with where they are, as the other side.
    assert [(c.document, c.exact) for c in findings[0].evidence] == [
        ("a", "about 2,000 Palestinian prisoners"),
        ("b", "close to 2,000 Palestinian prisoners"),
    ]


def test_repeated_mentions_in_one_source_are_read_once():
    text = "All 32 allied nations attended. " * 500
    documents = [("a", text), ("b", "Only 30 allied nations attended the summit.")]
    findings = conflicting_figures(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("a", "32 allied nations"),
        ("b", "30 allied nations"),
    ]


def test_a_figure_said_again_keeps_its_plainest_words_and_other_modifiers_count():
    from editorial.checks.figures import figure_mentions

    text = (
        "The plan rests on 34 contributing nations. Planning spans 34 coalition "
        "nations. In all, 34 nations signed the security pact. Then 34 Green MPs "
        "and 34 Liberal MPs voted."
    )
    mentions = figure_mentions("a", text, sentences(text), DAY)
    # “34 contributing nations” and “34 coalition nations” say again what “34
    # nations” says, wherever it comes; Green and Liberal MPs are two things.
    assert [m.exact for m in mentions] == [
        "34 nations",
        "34 Green MPs",
        "34 Liberal MPs",
    ]
    other = "In all, 35 nations signed the security pact."
    findings = conflicting_figures([("a", text, DAY), ("b", other, DAY)])
    assert {(f.document, f.exact) for f in findings} == {
        ("a", "34 nations"),
        ("b", "35 nations"),
    }


def test_a_deadline_is_a_figure_compared_when_what_is_due_is_said_alike():
    documents = [
        ("a", "Britain will phase out coal power by 2030, the minister said."),
        ("b", "The government confirmed it would phase out coal power by 2035."),
        ("c", "It will also cut emissions by 2035 and reach net zero by 2050."),
    ]
    findings = conflicting_figures(documents)
    assert [(f.document, f.exact) for f in findings] == [
        ("a", "by 2030"),
        ("b", "by 2035"),
    ]
    assert findings[0].question == "Britain will phase out coal power by when?"


def test_a_measure_named_before_its_percentage_is_compared_for_the_same_month():
    documents = [
        ("a", "Inflation rose to 3.2% in March, officials said."),
        ("b", "Inflation was 2.9% in March, the agency said."),
    ]
    findings = conflicting_figures(documents)
    assert [f.exact for f in findings] == ["3.2%", "2.9%"]
    assert findings[0].question == "Inflation was what percentage in March?"


def test_a_running_toll_is_compared_only_with_the_same_days():
    day, next_day = date(2025, 1, 1), date(2025, 1, 2)
    rising = [
        ("a", "The death toll rose to 20 people killed in the attack.", day),
        ("b", "The death toll has risen to 35 people killed in the attack.", next_day),
    ]
    assert conflicting_figures(rising) == []
    same_day = [(key, text, day) for key, text, _ in rising]
    assert [f.exact for f in conflicting_figures(same_day)] == [
        "20 people",
        "35 people",
    ]


def test_an_endless_sentence_of_repeated_figures_and_dates_is_read_in_bounded_work():
    """Nothing is rescanned per mention: a clause, a tail, a date's context are bounded."""
    from editorial.checks.event_dates import date_mentions

    phrase = "Leaders of 26 countries met on 6 January 2026 at the summit in Paris "
    calls = []
    for size in (500, 1000):
        body = phrase * size
        parts = sentences(body)
        assert len(parts) == 1
        calls.append(
            (
                len(quantities("doc", body, parts, DAY)),
                len(date_mentions("doc", body, DAY, parts)),
            )
        )
    # The repeated phrase is read once (twice at the edges), however long it grows.
    assert calls[0] == calls[1] and max(calls[0]) <= 3


def test_a_source_contradicting_itself_is_flagged_where_the_others_agree():
    documents = [
        (
            "a",
            "Twenty nations join force\nAround twenty nations joined the force. "
            "Later 26 nations joined the force, officials said.",
        ),
        ("b", "In Paris, 26 nations joined the force on Thursday."),
    ]
    findings = conflicting_figures(documents)
    # b and a's own later sentence agree on 26: only a's twenty is suspect.
    assert [(f.document, f.exact) for f in findings] == [("a", "Around twenty nations")]


def test_a_breakdown_stated_with_its_parts_is_not_a_contradiction():
    documents = [
        (
            "a",
            "Allies will spend 5% of GDP on defence by 2035. It is split into "
            "3.5% of GDP for core defence and 1.5% for wider security.",
        ),
        ("b", "The allies agreed to spend 5% of GDP on defence by 2035."),
    ]
    assert conflicting_figures(documents) == []


def test_a_count_after_from_n_nouns_to_takes_the_noun_and_not_the_earlier_year():
    text = "The party was reduced from 365 seats in 2019 to 121 at this election."
    read = {
        (q.exact, q.noun, tuple(q.years), tuple(q.markers))
        for q in quantities("a", text, sentences(text))
    }
    assert read == {
        ("365 seats", "seat", (2019,), ("earlier",)),
        ("121", "seat", (), ()),
    }


def test_an_elided_count_agreeing_with_another_source_decides_the_outlier():
    documents = [
        ("a", "The Conservatives were reduced to 121 seats, their worst result."),
        ("b", "The Conservatives fell from 365 seats in 2019 to 121 this time."),
        ("c", "The election left the Conservatives with 131 seats, their worst."),
    ]
    findings = conflicting_figures(documents)
    assert [(f.document, f.exact) for f in findings] == [("c", "131 seats")]

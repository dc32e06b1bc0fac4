"""Conflicting identities: the same role at the same event named differently across sources."""

from datetime import date

from editorial.checks.identities import conflicting_identities

DAY = date(2026, 1, 6)
UNNAMED = (
    "The U.S. Special Envoy for the crisis, appointed by President Trump, said the "
    "commitments would deter attacks."
)
WITKOFF = "The US sent a delegation that included Jared Kushner and Special Envoy Steve Witkoff."


def run(reference, reader, *documents):
    return conflicting_identities(reference, reader, list(documents))


def test_a_role_unnamed_in_one_source_and_named_in_another_is_a_conflict(
    reference, reader
):
    findings = run(reference, reader, ("a", UNNAMED, DAY), ("b", WITKOFF, DAY))
    assert [(f.document, f.exact) for f in findings] == [
        ("a", "U.S. Special Envoy"),
        ("b", "Special Envoy Steve Witkoff"),
    ]
    assert len({f.group for f in findings}) == 1
    assert findings[0].question == (
        "Who was the special envoy of the United States at the event reported on "
        "6 January 2026?"
    )
    assert findings[1].statement.startswith("Steve Witkoff was the special envoy")
    assert "not named" in findings[0].statement
    assert [c.note for c in findings[0].evidence] == [
        "Another source of 6 January 2026 names Steve Witkoff."
    ]


def test_different_people_for_the_same_office_at_the_same_event_conflict(
    reference, reader
):
    findings = run(
        reference,
        reader,
        ("a", "Macron stood with British Prime Minister Rishi Sunak.", DAY),
        ("b", "The pact was announced by UK Prime Minister Keir Starmer.", DAY),
    )
    assert [f.exact for f in findings] == [
        "British Prime Minister Rishi Sunak",
        "UK Prime Minister Keir Starmer",
    ]


def test_other_days_the_same_person_or_a_source_naming_the_role_are_no_conflict(
    reference, reader
):
    assert (
        run(reference, reader, ("a", UNNAMED, DAY), ("b", WITKOFF, date(2026, 1, 7)))
        == []
    )
    assert (
        run(
            reference,
            reader,
            ("a", "French President Emmanuel Macron spoke.", DAY),
            ("b", "Emmanuel Macron, the French president, spoke.", DAY),
        )
        == []
    )
    assert (
        run(reference, reader, ("a", UNNAMED + " " + WITKOFF, DAY), ("b", WITKOFF, DAY))
        == []
    )
    assert run(reference, reader, ("a", UNNAMED, None), ("b", WITKOFF, None)) == []


def test_a_mention_set_in_an_earlier_year_is_not_the_days_role(reference, reader):
    """“In 2018, President Trump …” says who was president in 2018, not on the day."""
    day = date(2024, 11, 12)
    past = "In 2018, President Donald Trump imposed tariffs on steel."
    today = "President Joe Biden did not attend the talks."
    assert run(reference, reader, ("a", past, day), ("b", today, day)) == []


def titles(*documents):
    """Title conflicts among ``(key, text, day)`` sources of one story."""
    from editorial.checks.identities import title_conflicts
    from editorial.checks.text import sentences
    from editorial.checks.titles import title_mentions

    return title_conflicts(
        [
            (key, day, title_mentions(key, text, sentences(text), day))
            for key, text, day in documents
        ]
    )


def test_a_later_source_naming_someone_else_with_the_storys_title_is_flagged():
    """Two articles days apart: the one that contradicts what the story set is flagged."""
    findings = titles(
        ("a", "Vatican spokesman Matteo Bruni read the bulletin.", date(2025, 4, 21)),
        ("b", "Vatican spokesman Federico Lombardi said so.", date(2025, 5, 7)),
        ("c", "UN climate chief Simon Stiell spoke.", date(2025, 5, 7)),
        ("d", "Vatican spokesman Matteo Bruni confirmed it.", date(2025, 5, 8)),
    )
    assert [(f.document, f.exact) for f in findings] == [
        ("b", "Vatican spokesman Federico Lombardi")
    ]
    assert findings[0].question == "Who was the vatican spokesman?"
    assert "Matteo Bruni" in findings[0].explanation


def test_names_of_one_title_that_disagree_on_the_first_day_are_all_flagged():
    day = date(2024, 7, 6)
    findings = titles(
        ("a", "It was run by chief of staff Sue Gray.", day),
        ("b", "Staff met chief of staff Morgan McSweeney on Friday.", day),
    )
    assert [f.document for f in findings] == ["a", "b"]
    assert len({f.group for f in findings}) == 1


def test_titles_about_the_past_or_saying_no_office_are_not_compared():
    day = date(2025, 5, 7)
    assert (
        titles(
            ("a", "COP29 President Mukhtar Babayev opened the talks.", day),
            ("b", "Former COP29 President Yalchin Rafiyev spoke.", day),
            ("c", "In 2019, COP29 President Yalchin Rafiyev spoke.", day),
            ("d", "then-COP29 President Yalchin Rafiyev spoke.", day),
            ("e", "President Joe Biden and President Donald Trump met.", day),
            ("f", "Cardinal Pietro Parolin and Cardinal Giovanni Battista Re.", day),
        )
        == []
    )


def test_who_presided_is_a_title_too():
    findings = titles(
        (
            "a",
            "The vote is presided over by Cardinal Pietro Parolin.",
            date(2025, 5, 7),
        ),
        (
            "b",
            "Cardinal Giovanni Battista Re, who presided over the conclave, spoke.",
            date(2025, 5, 8),
        ),
    )
    assert [(f.document, f.statement) for f in findings] == [
        ("b", "Giovanni Battista Re was the person who presided.")
    ]


def test_a_person_named_by_country_is_compared_in_the_role_they_hold_at_events(
    reference, reader
):
    """Starmer also leads his party; at an event he is the prime minister."""
    findings = run(
        reference,
        reader,
        ("a", "Macron met Britain's Keir Starmer in Paris.", DAY),
        ("b", "Macron met British Prime Minister Rishi Sunak in Paris.", DAY),
    )
    assert [f.exact for f in findings] == [
        "Britain's Keir Starmer",
        "British Prime Minister Rishi Sunak",
    ]

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

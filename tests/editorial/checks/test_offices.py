"""Office anachronisms: every recognised form, the qualifiers, and what must not be flagged."""

import pytest

AFTER_STARMER = "2026-01-06"


@pytest.mark.parametrize(
    "text, flagged",
    [
        (
            "British Prime Minister Rishi Sunak spoke in Paris.",
            "British Prime Minister Rishi Sunak",
        ),
        (
            "Rishi Sunak, the British prime minister, spoke.",
            "Rishi Sunak, the British prime minister",
        ),
        (
            "The British prime minister, Rishi Sunak, spoke.",
            "The British prime minister, Rishi Sunak",
        ),
        (
            "Rishi Sunak, the prime minister of the United Kingdom, spoke.",
            "Rishi Sunak, the prime minister of the United Kingdom",
        ),
        ("Britain's Rishi Sunak spoke in Paris.", "Britain's Rishi Sunak"),
        (
            "Rishi Sunak, who is now prime minister of Britain, spoke.",
            "Rishi Sunak, who is now prime minister of Britain",
        ),
        (
            "Leaders met, with UK Prime Minister Sunak in the chair.",
            "UK Prime Minister Sunak",
        ),
        (
            "German Chancellor Olaf Scholz said Germany might help.",
            "German Chancellor Olaf Scholz",
        ),
        (
            "Macron stood beside Rishi Sunak, German Chancellor Olaf Scholz and others.",
            "German Chancellor Olaf Scholz",
        ),
    ],
)
def test_each_form_of_a_wrong_office_is_flagged_with_its_words(flags, text, flagged):
    findings = flags(text, AFTER_STARMER)
    assert [finding.exact for finding in findings] == [flagged]
    assert text[findings[0].start : findings[0].end] == flagged


def test_the_finding_proposes_a_claim_and_cites_the_record(flags):
    (finding,) = flags("British Prime Minister Rishi Sunak spoke.", AFTER_STARMER)
    assert finding.statement == (
        "Rishi Sunak was Prime Minister of the United Kingdom on 6 January 2026."
    )
    assert "Keir Starmer held it then" in finding.explanation
    notes = [cited.note for cited in finding.evidence]
    assert any(note.startswith("Rishi Sunak held the office") for note in notes)
    assert any(note.startswith("Keir Starmer held the office") for note in notes)
    assert all(cited.citation and not cited.supports for cited in finding.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Keir Starmer spoke in Paris.",
        "Keir Starmer, British prime minister, spoke.",
        "Britain's Keir Starmer spoke.",
        "Sir Keir Starmer, the prime minister of the United Kingdom, spoke.",
        "British PM Starmer spoke.",
    ],
)
def test_starmer_as_prime_minister_after_july_2024_is_not_flagged(flags, text):
    assert flags(text, "2024-07-20") == []
    assert flags(text, AFTER_STARMER) == []


def test_the_same_words_are_right_on_an_earlier_date(flags):
    assert flags("British Prime Minister Rishi Sunak spoke.", "2023-05-01") == []
    assert flags("Prime Minister Keir Starmer spoke.", "2023-05-01") != []


@pytest.mark.parametrize(
    "text",
    [
        "Then-Prime Minister Rishi Sunak had promised support.",
        "then-British Prime Minister Rishi Sunak had promised support.",
        "Former Prime Minister Rishi Sunak spoke in London.",
        "Rishi Sunak, who was prime minister of the United Kingdom, spoke.",
        "Boris Johnson, who served as prime minister of the United Kingdom, spoke.",
        "In 2023, Prime Minister Rishi Sunak promised support.",
        "“Prime Minister Rishi Sunak has our full support,” Macron said in March 2023.",
        "The late Queen Elizabeth II was mourned.",
    ],
)
def test_past_tense_then_former_and_older_quotations_are_not_flagged(flags, text):
    assert flags(text, AFTER_STARMER) == []


def test_former_for_a_sitting_holder_is_flagged(flags):
    (finding,) = flags(
        "Meloni and former U.S. President Donald Trump spoke by phone.", "2025-09-04"
    )
    assert finding.exact == "former U.S. President Donald Trump"
    assert "still President of the United States" in finding.explanation
    assert flags("Former U.S. President Donald Trump spoke.", "2022-03-01") == []


def test_new_for_a_holder_of_long_standing_is_flagged_but_not_for_a_new_one(flags):
    text = "The announcement was made by new UK Prime Minister Keir Starmer."
    (finding,) = flags(text, AFTER_STARMER)
    assert finding.exact == "new UK Prime Minister Keir Starmer"
    assert "called new" in finding.explanation
    assert flags(text, "2024-07-20") == []


def test_a_role_the_person_never_held_is_flagged_from_a_country_named_in_the_sentence(
    flags,
):
    (finding,) = flags(
        "UK statements from Defense Secretary Luke Pollard confirmed it.", "2025-12-09"
    )
    assert "never held the office of Secretary of State for Defence" in (
        finding.explanation
    )


def test_a_role_held_by_two_people_in_one_list_goes_to_each_its_own(flags):
    text = (
        "Founders: Keir Starmer, British prime minister Emmanuel Macron, French "
        "president."
    )
    assert flags(text, AFTER_STARMER) == []


def test_an_undated_source_gets_no_anachronism_findings(flags):
    assert flags("British Prime Minister Rishi Sunak spoke in Paris.", None) == []


def test_names_without_a_role_are_not_flagged(flags):
    assert flags("Rishi Sunak spoke in Paris on Tuesday.", AFTER_STARMER) == []


def test_a_name_broken_across_a_line_is_still_read(flags):
    findings = flags(
        "British Prime Minister Rishi\nSunak spoke in Paris.", AFTER_STARMER
    )
    assert [finding.exact for finding in findings] == [
        "British Prime Minister Rishi\nSunak"
    ]


def test_a_desk_without_reference_data_finds_nothing_and_does_not_fail():
    from datetime import date

    from editorial.checks.anachronisms import anachronisms
    from editorial.checks.offices import OfficeReader
    from editorial.checks.reference import reference_from_fixture

    empty = reference_from_fixture([])
    reader = OfficeReader(empty)
    text = "British Prime Minister Rishi Sunak spoke in Paris ;  then he left ."
    assert reader.attributions("doc", text) == []
    assert anachronisms(empty, reader, "doc", text, date(2026, 1, 6)) == []


@pytest.mark.parametrize(
    "text",
    [
        # A country named elsewhere in the sentence is not the title's country.
        "President Keir Starmer said Russia must withdraw its troops.",
        # Another body's name before the title: some other office.
        "COP29 President Olaf Scholz opened the session.",
        # A deputy, a shadow: another office than the title's.
        "Deputy Prime Minister Rishi Sunak spoke in Paris.",
        "Shadow chancellor Olaf Scholz spoke in Paris.",
        # A list of “NAME ROLE, NAME2 ROLE2”: the role is the name before it's.
        "Starmer named Olaf Scholz prime minister, Rishi Sunak chancellor and more.",
    ],
)
def test_a_title_is_placed_only_where_the_text_attaches_it(flags, text):
    assert flags(text, AFTER_STARMER) == []


def test_outgoing_is_wrong_for_a_holder_who_has_just_taken_office(flags):
    findings = flags("Outgoing Prime Minister Keir Starmer spoke.", "2024-07-06")
    assert [f.statement for f in findings] == [
        "Keir Starmer was leaving the office of Prime Minister of the United Kingdom "
        "on 6 July 2024."
    ]
    assert flags("Outgoing Prime Minister Rishi Sunak spoke.", "2024-07-03") == []

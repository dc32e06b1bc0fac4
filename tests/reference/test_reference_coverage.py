"""What the shipped reference data covers: a newsroom's world since 2015, every term cited.

Read from the seed files (``fixtures/seeds/reference/``) without a database; the last
test checks that ``fixtures/reference.json`` is what they build.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from reference.seed import SeedError, office_rows, reference_rows
from tests.conftest import FIXTURES

SEEDS = FIXTURES / "seeds" / "reference"
ROWS = reference_rows(SEEDS)
OFFICES = {
    r["fields"]["key"]: r["fields"] for r in ROWS if r["model"] == "reference.office"
}
PEOPLE = {
    r["fields"]["key"]: r["fields"] for r in ROWS if r["model"] == "reference.person"
}
TERMS = [r["fields"] for r in ROWS if r["model"] == "reference.term"]

#: The period the heads of state and government are kept for, to the data's date.
SINCE, UNTIL = date(2015, 1, 1), date(2026, 1, 6)

G20 = {
    "Argentina", "Australia", "Brazil", "Canada", "China", "France", "Germany",
    "India", "Indonesia", "Italy", "Japan", "Mexico", "Russia", "Saudi Arabia",
    "South Africa", "South Korea", "Turkey", "United Kingdom", "United States",
}  # fmt: skip
EU = {
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czech Republic",
    "Denmark", "Estonia", "Finland", "France", "Germany", "Greece", "Hungary",
    "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "Netherlands",
    "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
}  # fmt: skip
NATO = {
    "Albania", "Belgium", "Bulgaria", "Canada", "Croatia", "Czech Republic",
    "Denmark", "Estonia", "Finland", "France", "Germany", "Greece", "Hungary",
    "Iceland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Montenegro",
    "Netherlands", "North Macedonia", "Norway", "Poland", "Portugal", "Romania",
    "Slovakia", "Slovenia", "Spain", "Sweden", "Turkey", "United Kingdom",
    "United States",
}  # fmt: skip

#: Days no one person held the office, by law: these are not gaps in the data.
INTERREGNUMS = {
    # The three Presidents of the National Council acted together as head of state.
    ("Austria", "head of state"): [(date(2016, 7, 8), date(2017, 1, 26))],
}

ROLES = {
    "head of state": {"head_of_state", "head_of_state_and_government"},
    "head of government": {"head_of_government", "head_of_state_and_government"},
}


def gaps(spans, since=SINCE, until=UNTIL) -> list[tuple[date, date]]:
    """The stretches of ``[since, until]`` no span covers (ends are exclusive)."""
    found, cursor = [], since
    for start, end in sorted(spans, key=lambda span: (span[0], span[1] or date.max)):
        if start > cursor:
            found.append((cursor, start))
        cursor = date.max if end is None else max(cursor, end)
    if cursor <= until:
        found.append((cursor, until))
    return [(start, end) for start, end in found if start < end and start <= until]


def spans(office_keys) -> list[tuple[date, date | None]]:
    return [
        (
            date.fromisoformat(term["start"]),
            date.fromisoformat(term["end"]) if term["end"] else None,
        )
        for term in TERMS
        if term["office"][0] in office_keys
    ]


def holders(office_key, on: date) -> list[str]:
    return [
        PEOPLE[term["person"][0]]["name"]
        for term in sorted(TERMS, key=lambda term: term["start"])
        if term["office"][0] == office_key
        and date.fromisoformat(term["start"]) <= on
        and (term["end"] is None or date.fromisoformat(term["end"]) > on)
    ]


def test_gaps_are_found_at_either_end_and_in_between_and_open_terms_cover_the_rest():
    assert gaps([(date(2014, 1, 1), None)]) == []
    assert gaps([(date(2016, 1, 1), None)]) == [(SINCE, date(2016, 1, 1))]
    assert gaps([(date(2010, 1, 1), None), (date(2016, 1, 1), date(2017, 1, 1))]) == []
    assert gaps(
        [(date(2014, 1, 1), date(2018, 1, 1)), (date(2018, 2, 1), date(2030, 1, 1))]
    ) == [(date(2018, 1, 1), date(2018, 2, 1))]


@pytest.mark.parametrize("country", sorted(G20 | EU | NATO))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_g20_eu_and_nato_member_has_both_heads_on_every_day_since_2015(
    country, role
):
    """Both heads, each held by someone on every day from 2015 to the data's date.

    A country with one office for both (the United States, Cyprus) satisfies both.
    """
    offices = [
        key
        for key, office in OFFICES.items()
        if office["country"] == country and office["kind"] in ROLES[role]
    ]
    assert offices, f"{country} has no {role} in the record"
    assert gaps(spans(offices)) == INTERREGNUMS.get((country, role), []), (
        f"{country}'s {role}: days without a holder"
    )


NAMED_OFFICES = [
    "nato-secretary-general",
    "eu-commission-president",
    "eu-council-president",
    "eu-parliament-president",
    "eu-high-representative",
    "un-secretary-general",
    "us-press-secretary",
    "uk-foreign-secretary",
    "us-secretary-of-state",
    "us-secretary-of-defense",
    "us-treasury-secretary",
    "uk-chancellor-of-the-exchequer",
    "va-pope",
    "qa-emir",
    "qa-prime-minister",
    # The G7's other foreign ministers (the United States' and the United Kingdom's
    # are above).
    "fr-foreign-minister",
    "de-foreign-minister",
    "it-foreign-minister",
    "jp-foreign-minister",
    "ca-foreign-minister",
]


@pytest.mark.parametrize("key", NAMED_OFFICES)
def test_the_offices_wire_stories_name_are_held_from_2015_to_today(key):
    office_spans = spans({key})
    assert office_spans, f"{key} has no terms"
    assert min(start for start, _ in office_spans) <= SINCE
    assert any(end is None for _, end in office_spans), f"no one holds {key} now"


@pytest.mark.parametrize(
    "office, on, expected",
    [
        ("nato-secretary-general", date(2020, 1, 1), ["Jens Stoltenberg"]),
        ("nato-secretary-general", date(2025, 6, 25), ["Mark Rutte"]),
        ("eu-council-president", date(2022, 6, 1), ["Charles Michel"]),
        ("eu-commission-president", date(2018, 6, 1), ["Jean-Claude Juncker"]),
        ("un-secretary-general", date(2016, 6, 1), ["Ban Ki-moon"]),
        ("uk-foreign-secretary", date(2024, 1, 1), ["David Cameron"]),
        ("us-press-secretary", date(2023, 1, 1), ["Karine Jean-Pierre"]),
        ("de-foreign-minister", date(2024, 1, 1), ["Annalena Baerbock"]),
        ("uk-chancellor-of-the-exchequer", date(2022, 10, 1), ["Kwasi Kwarteng"]),
        ("va-pope", date(2025, 5, 1), []),  # the see was vacant
        ("va-pope", date(2025, 5, 8), ["Leo XIV"]),
        ("qa-prime-minister", date(2024, 1, 1), ["Mohammed bin Abdulrahman bin Jassim Al Thani"]),
        ("it-president", date(2015, 1, 20), ["Pietro Grasso"]),
        ("kr-president", date(2017, 1, 1), ["Park Geun-hye", "Hwang Kyo-ahn"]),
        ("us-president", date(2015, 6, 1), ["Barack Obama"]),
        ("uk-prime-minister", date(2015, 6, 1), ["David Cameron"]),
    ],
)  # fmt: skip
def test_the_record_names_the_right_holder(office, on, expected):
    assert holders(office, on) == expected


def test_every_term_cites_a_page_and_says_where_a_date_is_uncertain():
    assert len(TERMS) > 400
    assert all("http" in term["citation"] for term in TERMS)
    sanders = next(t for t in TERMS if t["person"] == ["sarah-huckabee-sanders"])
    assert "uncertain" in sanders["citation"]


def test_people_answer_to_the_names_articles_use():
    def names(key):
        person = PEOPLE[key]
        return {person["name"], *person["aliases"].splitlines()}

    assert {"Keir Starmer", "Starmer", "Sir Keir Starmer"} <= names("keir-starmer")
    assert {"Ursula von der Leyen", "von der Leyen"} <= names("ursula-von-der-leyen")
    assert {"Leo XIV", "Pope Leo XIV", "Robert Prevost"} <= names("pope-leo-xiv")


def test_offices_carry_the_words_articles_use_for_the_role_and_the_country():
    chancellor = OFFICES["uk-chancellor-of-the-exchequer"]
    assert "chancellor" in chancellor["role_terms"].splitlines()
    assert {"British", "UK"} <= set(chancellor["country_terms"].splitlines())
    assert "secretary general" in OFFICES["nato-secretary-general"]["role_terms"]


def offices_file(terms, citation="Wikipedia, https://en.wikipedia.org/"):
    office = {
        "key": "xx-president",
        "name": "President of X",
        "country": "X",
        "kind": "head_of_state",
        "role_terms": ["president"],
        "country_terms": ["X"],
        "citation": citation,
        "terms": terms,
    }
    return [office]


@pytest.mark.parametrize(
    "terms, citation, message",
    [
        ([{"person": "a", "start": "2020-13-01"}], "cited", "is not a date"),
        ([{"person": "a", "start": "2020-01-02", "end": "2020-01-01"}], "cited", "ends before it starts"),
        ([{"person": "a", "start": "2020-01-01"}], "", "no citation"),
        ([{"person": "a", "start": "2020-01-01", "until": "2021"}], "cited", "unknown fields until"),
    ],
)  # fmt: skip
def test_a_seed_entry_that_is_wrong_is_refused_with_its_place(terms, citation, message):
    with pytest.raises(SeedError, match=message) as raised:
        office_rows(offices_file(terms, citation), "test.json")
    assert "test.json, office xx-president" in str(raised.value)


def test_overlapping_terms_and_unknown_people_in_the_seed_folder_are_refused(tmp_path):
    (tmp_path / "people.json").write_text(json.dumps([{"key": "a", "name": "A"}]))
    offices = tmp_path / "offices.json"
    offices.write_text(
        json.dumps(offices_file([{"person": "b", "start": "2020-01-01"}]))
    )
    with pytest.raises(SeedError, match="b is not in people.json"):
        reference_rows(tmp_path)
    overlapping = [
        {"person": "a", "start": "2020-01-01", "end": "2022-01-01"},
        {"person": "a", "start": "2021-01-01"},
    ]
    offices.write_text(json.dumps(offices_file(overlapping)))
    with pytest.raises(SeedError, match="terms from 2020-01-01 and 2021-01-01 overlap"):
        reference_rows(tmp_path)


def test_the_shipped_reference_json_is_what_the_seed_files_build():
    """Edit the seeds, then ``make fixtures``: the two never drift apart."""
    shipped = json.loads((FIXTURES / "reference.json").read_text(encoding="utf-8"))

    def rows(entries):
        return sorted(
            json.dumps([entry["model"], entry["fields"]], sort_keys=True)
            for entry in entries
        )

    assert rows(shipped) == rows(ROWS)
    assert Path(SEEDS / "people.json").is_file()

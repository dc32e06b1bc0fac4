"""The shipped reference data: people with aliases, offices, dated and cited terms, reloadable."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from editorial.exports.fixtures_load import fixtures_load
from reference.models import Office, Person, Term
from tests.conftest import FIXTURES

REFERENCE = FIXTURES / "reference.json"

#: Countries the seed articles name; each needs its heads of state and government.
SEED_COUNTRIES = {
    "United Kingdom",
    "France",
    "Germany",
    "United States",
    "Italy",
    "Ukraine",
    "Russia",
    "Poland",
    "Lithuania",
    "Latvia",
    "Estonia",
    "Finland",
    "Sweden",
    "Denmark",
    "Norway",
    "Netherlands",
    "Belgium",
    "Spain",
    "Canada",
    "Australia",
    "Japan",
    "Turkey",
    "Czech Republic",
    "Romania",
    "Albania",
    "Malta",
    "Belarus",
    "Iran",
    "North Korea",
    "China",
    "Serbia",
    "Iraq",
}


@pytest.fixture
def reference(db):
    return fixtures_load(paths=[REFERENCE])


def holder(office_key, on):
    terms = Term.objects.filter(office__key=office_key, start__lte=on).select_related(
        "person"
    )
    return [t.person.name for t in terms if t.end is None or t.end > on]


#: The period the record must cover without a gap, for every seed country.
SINCE, UNTIL = date(2019, 1, 1), date(2026, 1, 6)


def gaps(terms) -> list[tuple[date, date]]:
    """The stretches of ``[SINCE, UNTIL]`` that no term covers (ends are exclusive)."""
    found, cursor = [], SINCE
    # Open terms (end None) sort after closed ones that start the same day.
    for start, end in sorted(terms, key=lambda term: (term[0], term[1] or date.max)):
        if start > cursor:
            found.append((cursor, start))
        if end is None:
            return found
        cursor = max(cursor, end)
    if cursor <= UNTIL:
        found.append((cursor, UNTIL))
    return found


def test_gaps_are_found_at_either_end_and_in_between():
    assert gaps([(date(2018, 1, 1), None)]) == []
    assert gaps([(date(2020, 1, 1), None)]) == [(SINCE, date(2020, 1, 1))]
    assert gaps(
        [(date(2018, 1, 1), date(2021, 1, 1)), (date(2021, 2, 1), date(2030, 1, 1))]
    ) == [(date(2021, 1, 1), date(2021, 2, 1))]
    assert gaps([(date(2018, 1, 1), date(2025, 1, 1))]) == [(date(2025, 1, 1), UNTIL)]


@pytest.mark.parametrize("country", sorted(SEED_COUNTRIES))
@pytest.mark.parametrize(
    "role, kinds",
    [
        ("head of state", {"head_of_state", "head_of_state_and_government"}),
        ("head of government", {"head_of_government", "head_of_state_and_government"}),
    ],
)
def test_every_seed_country_has_its_heads_of_state_and_government_since_2019(
    reference, country, role, kinds
):
    """Both heads, each office held by someone on every day from 2019 on.

    A country with one office for both (the United States, Turkey) satisfies both.
    """
    offices = Office.objects.filter(country=country, kind__in=kinds)
    assert offices.exists(), f"{country} has no {role} in the record"
    terms = Term.objects.filter(office__in=offices).values_list("start", "end")
    assert gaps(list(terms)) == [], f"{country}'s {role}: days without a holder"


@pytest.mark.parametrize(
    "office, on, expected",
    [
        ("uk-prime-minister", date(2026, 1, 6), ["Keir Starmer"]),
        ("uk-prime-minister", date(2023, 1, 1), ["Rishi Sunak"]),
        ("uk-prime-minister", date(2019, 8, 1), ["Boris Johnson"]),
        ("de-chancellor", date(2026, 1, 6), ["Friedrich Merz"]),
        ("de-chancellor", date(2024, 1, 6), ["Olaf Scholz"]),
        ("us-president", date(2025, 9, 4), ["Donald Trump"]),
        ("us-president", date(2022, 9, 4), ["Joe Biden"]),
        ("fr-president", date(2026, 1, 6), ["Emmanuel Macron"]),
        ("it-prime-minister", date(2025, 9, 4), ["Giorgia Meloni"]),
        ("ua-president", date(2026, 1, 6), ["Volodymyr Zelensky"]),
        ("ru-president", date(2026, 1, 6), ["Vladimir Putin"]),
        ("pl-prime-minister", date(2025, 12, 9), ["Donald Tusk"]),
        ("pl-president", date(2025, 12, 9), ["Karol Nawrocki"]),
        ("us-envoy-peace-missions", date(2026, 1, 6), ["Steve Witkoff"]),
        ("uk-defence-secretary", date(2025, 12, 9), ["John Healey"]),
        ("lt-prime-minister", date(2023, 1, 1), ["Ingrida Šimonytė"]),
        ("cz-prime-minister", date(2024, 1, 1), ["Petr Fiala"]),
        ("cz-prime-minister", date(2026, 1, 6), ["Andrej Babiš"]),
        ("ro-prime-minister", date(2024, 1, 1), ["Marcel Ciolacu"]),
        ("ro-prime-minister", date(2025, 9, 4), ["Ilie Bolojan"]),
        ("ro-president", date(2025, 3, 1), ["Ilie Bolojan"]),
        ("ro-president", date(2025, 9, 4), ["Nicușor Dan"]),
        ("by-prime-minister", date(2022, 1, 1), ["Roman Golovchenko"]),
        ("kp-premier", date(2022, 1, 1), ["Kim Tok Hun"]),
    ],
)
def test_the_record_names_the_right_holder(reference, office, on, expected):
    assert holder(office, on) == expected


def test_every_term_is_cited_and_every_person_answers_to_their_aliases(reference):
    assert Term.objects.count() > 100
    assert not Term.objects.filter(citation="").exists()
    starmer = Person.objects.get(key="keir-starmer")
    assert {"Keir Starmer", "Starmer", "Sir Keir Starmer"} <= set(starmer.names())


def test_loading_writes_history_and_reloading_restores_what_was_deleted(reference):
    term = Term.objects.get(office__key="uk-prime-minister", person__key="rishi-sunak")
    assert term.history.first().history_change_reason == (
        "Loaded from fixture reference.json"
    )
    term.delete()
    again = fixtures_load(paths=[REFERENCE])
    assert again.inserted == {"terms": 1}
    assert Term.objects.filter(
        office__key="uk-prime-minister", person__key="rishi-sunak"
    ).exists()


def test_reloading_keeps_an_editors_change(reference):
    person = Person.objects.get(key="keir-starmer")
    person.aliases += "\nPM Starmer"
    person.save()
    fixtures_load(paths=[REFERENCE])
    assert "PM Starmer" in Person.objects.get(key="keir-starmer").aliases


def test_a_term_cannot_end_before_it_starts_or_lack_a_citation(reference):
    term = Term(
        office=Office.objects.get(key="uk-prime-minister"),
        person=Person.objects.get(key="rishi-sunak"),
        start=date(2030, 1, 2),
        end=date(2030, 1, 1),
        citation=" ",
    )
    with pytest.raises(ValidationError) as raised:
        term.full_clean()
    assert {"end", "citation"} <= set(raised.value.message_dict)


def test_the_admin_edits_reference_data_with_a_reason_in_history(
    reference, client, user_factory
):
    admin = user_factory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    person = Person.objects.get(key="rishi-sunak")
    response = client.post(
        f"/admin/reference/person/{person.pk}/change/",
        {
            "key": person.key,
            "name": person.name,
            "aliases": "Sunak\nRishi",
            "note": "",
            "change_reason": "add first-name alias",
            "terms-TOTAL_FORMS": "0",
            "terms-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:500]
    row = Person.objects.get(pk=person.pk).history.first()
    assert (row.history_user, row.history_change_reason) == (
        admin,
        "add first-name alias",
    )
    for path in ("/admin/reference/term/", "/admin/reference/office/"):
        assert client.get(path).status_code == 200

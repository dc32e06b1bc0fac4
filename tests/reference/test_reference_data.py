"""The shipped reference data: people with aliases, offices, dated and cited terms, reloadable."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from editorial.fixtures_loading import load_fixture_file
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
}


@pytest.fixture
def reference(db):
    return load_fixture_file(REFERENCE)


def holder(office_key, on):
    terms = Term.objects.filter(office__key=office_key, start__lte=on).select_related(
        "person"
    )
    return [t.person.name for t in terms if t.end is None or t.end > on]


def test_every_seed_country_has_a_head_of_state_or_government(reference):
    covered = set(
        Office.objects.filter(kind__startswith="head_of").values_list(
            "country", flat=True
        )
    )
    assert SEED_COUNTRIES <= covered


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
    again = load_fixture_file(REFERENCE)
    assert again.inserted == {"terms": 1}
    assert Term.objects.filter(
        office__key="uk-prime-minister", person__key="rishi-sunak"
    ).exists()


def test_reloading_keeps_an_editors_change(reference):
    person = Person.objects.get(key="keir-starmer")
    person.aliases += "\nPM Starmer"
    person.save()
    load_fixture_file(REFERENCE)
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

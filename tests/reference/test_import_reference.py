"""`import_reference`: refreshing people, offices and terms from a Wikidata result.

The result files in data/ are written for these tests in the SPARQL JSON results
format; their Wikidata item numbers (Q9000…) are made up.
"""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from core.roles import SYSTEM_USERNAME
from reference.models import Office, Person, Term
from reference.services import reference_import
from reference.wikidata import WikidataError, read_positions, role_words

DATA = Path(__file__).parent / "data"
FIRST = DATA / "wikidata-positions.json"
LATER = DATA / "wikidata-positions-later.json"


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_reference", str(path), *args, stdout=out)
    return out.getvalue()


def counts():
    return (
        Office.objects.count(),
        Person.objects.count(),
        Term.objects.count(),
        Term.history.count(),
        Person.history.count(),
        Office.history.count(),
    )


def test_an_import_adds_offices_people_and_cited_terms_and_refuses_a_row_without_country(
    db,
):
    output = run(FIRST)
    assert output.startswith("7 added, 0 changed, 0 unchanged, 1 refused.")
    assert "row 4 (Somebody Stateless, Chief Example Officer)" in output
    assert "names no country" in output
    office = Office.objects.get(wikidata="Q900100")
    assert (office.name, office.country, office.role_terms, office.country_terms) == (
        "Prime Minister of Slovakia",
        "Slovakia",
        "prime minister",
        "Slovakia",
    )
    fico = Person.objects.get(wikidata="Q900001")
    assert (fico.key, fico.names()) == ("robert-fico", ["Robert Fico", "Fico"])
    assert "Ludovit Odor" in Person.objects.get(wikidata="Q900002").names()
    assert Person.objects.get(wikidata="Q900002").key == "ludovit-odor"
    heger = Term.objects.get(person__wikidata="Q900003")
    assert (heger.start, heger.end) == (date(2021, 4, 1), date(2023, 5, 15))
    assert "https://www.wikidata.org/wiki/Q900003" in heger.citation
    assert "wikidata-positions.json" in heger.citation
    row = heger.history.get()
    assert row.history_user.username == SYSTEM_USERNAME
    assert (
        row.history_change_reason == "Imported from Wikidata, wikidata-positions.json"
    )
    assert not Person.objects.filter(name="Somebody Stateless").exists()


def test_importing_the_same_result_again_changes_nothing(db):
    run(FIRST)
    before = counts()
    output = run(FIRST)
    assert output.startswith("0 added, 0 changed, 3 unchanged, 1 refused.")
    assert counts() == before


def test_a_later_result_sets_an_end_date_with_history_and_keeps_the_rest(db):
    run(FIRST)
    output = run(LATER)
    assert output.startswith("0 added, 1 changed, 2 unchanged, 1 refused.")
    assert (
        "Ľudovít Ódor as Prime Minister of Slovakia from 2023-05-15: end in office → 2023-10-25"
        in output
    )
    term = Term.objects.get(person__wikidata="Q900002")
    assert term.end == date(2023, 10, 25)
    assert "end date from Wikidata" in term.citation
    assert term.history.first().history_change_reason.startswith("Imported from")
    assert term.history.count() == 2


def test_an_end_missing_from_the_result_never_clears_the_records_end(db):
    run(LATER)
    output = run(FIRST)
    assert output.startswith("0 added, 0 changed, 3 unchanged")
    assert Term.objects.get(person__wikidata="Q900002").end == date(2023, 10, 25)


def test_the_import_matches_people_and_offices_by_name_and_links_their_items(db):
    run(FIRST)
    Person.objects.filter(wikidata="Q900001").update(wikidata="")
    Office.objects.filter(wikidata="Q900100").update(wikidata="")
    output = run(FIRST)
    assert "office “Prime Minister of Slovakia” linked to Q900100" in output
    assert "Robert Fico linked to Q900001" in output
    assert Person.objects.filter(name="Robert Fico").count() == 1
    assert Office.objects.count() == 1


@pytest.mark.history_exempt  # the Heger term is moved by a day around the services
def test_a_term_whose_dates_differ_from_the_record_is_refused_not_duplicated(db):
    run(FIRST)
    Term.objects.filter(person__wikidata="Q900003").update(start=date(2021, 4, 2))
    output = run(FIRST)
    assert (
        "row 3 (Eduard Heger, Prime Minister of Slovakia): overlaps the term" in output
    )
    assert Term.objects.filter(person__wikidata="Q900003").count() == 1


def test_a_dry_run_reports_and_saves_nothing(db):
    before = counts()
    output = run(FIRST, "--dry-run")
    assert output.startswith("Dry run, nothing saved: 7 added")
    assert counts() == before


@pytest.mark.parametrize(
    "name, message",
    [
        ("wikidata-not-json.json", "is not JSON"),
        ("wikidata-wrong-shape.json", "needs head.vars and results.bindings"),
        (
            "wikidata-bad-date.json",
            "Row 3: the start date 'spring 2021' does not parse",
        ),
        ("wikidata-end-before-start.json", "Row 1: Q900001's term in Q900100 ends"),
    ],
)
def test_a_malformed_result_is_refused_with_a_clear_message_and_changes_nothing(
    db, name, message
):
    run(FIRST)
    before = counts()
    with pytest.raises(CommandError) as raised:
        run(DATA / name)
    assert message in str(raised.value)
    assert "Nothing was imported." in str(raised.value)
    assert counts() == before


def test_a_result_without_the_querys_variables_names_what_is_missing():
    text = '{"head": {"vars": ["person", "start"]}, "results": {"bindings": []}}'
    with pytest.raises(WikidataError, match="no personLabel, position, positionLabel"):
        read_positions(text)


def test_only_editors_and_the_system_account_may_import(db, user_factory, editor):
    positions = read_positions(FIRST.read_bytes())
    with pytest.raises(PermissionDenied):
        reference_import(
            positions=positions,
            user=user_factory(),
            reason="refresh",
            source_name=FIRST.name,
        )
    assert not Term.objects.exists()
    report = reference_import(
        positions=positions, user=editor, reason="refresh", source_name=FIRST.name
    )
    assert len(report.added) == 7
    assert Term.history.first().history_user == editor


def test_role_words_drop_the_country_from_the_positions_label():
    assert role_words("Prime Minister of Slovakia", "Slovakia") == "prime minister"
    assert role_words("President of the Czech Republic", "Czech Republic") == (
        "president"
    )
    assert role_words("Chancellor of the Exchequer", "United Kingdom") == (
        "chancellor of the exchequer"
    )

"""The one fixture loader: its two modes read, check and refuse alike, and differ only on existing rows."""

import json

import pytest
from django.core.management import CommandError, call_command

from editorial.exports.fixtures_load import FixtureError, fixtures_load
from reference.models import Person
from sources.models import Source
from tests.conftest import FIXTURES

REFERENCE = FIXTURES / "reference.json"

BAD_FILES = {
    "invalid JSON": "[\n{,}\n]",
    "not a list": '{"model": "sources.source"}',
    "unknown model": '[{"model": "editorial.nothing", "fields": {}}]',
    "wrong field type": json.dumps(
        [
            {
                "model": "editorial.claim",
                "fields": {"statement": "S", "status": "unverified", "version": "two"},
            }
        ]
    ),
    "unknown status": json.dumps(
        [
            {
                "model": "editorial.claim",
                "fields": {
                    "uid": "00000000-0000-0000-0000-000000000001",
                    "statement": "S",
                    "status": "probably",
                    "verdict_note": "",
                    "created_at": "2026-01-01T00:00:00Z",
                    "version": 1,
                },
            }
        ]
    ),
    "javascript URL": json.dumps(
        [
            {
                "model": "sources.source",
                "pk": 990,
                "fields": {
                    "title": "Hostile",
                    "url": "javascript:alert(1)",
                    "kind": "news_article",
                    "language": "en",
                    "sha256": "f" * 64,
                },
            }
        ]
    ),
    "a highlight of an unknown source": json.dumps(
        [
            {
                "model": "editorial.highlight",
                "fields": {"source": ["e" * 64], "revision": ["e" * 64]},
            }
        ]
    ),
}


def refusal(path, *, update: bool) -> str:
    with pytest.raises(FixtureError) as caught:
        fixtures_load(paths=[path], update=update)
    return str(caught.value)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_both_modes_refuse_the_same_bad_input_with_the_same_message(db, tmp_path, case):
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES[case], encoding="utf-8")
    inserting = refusal(path, update=False)
    updating = refusal(path, update=True)
    assert inserting == updating
    assert inserting.startswith("bad.json"), inserting
    assert not Source.objects.exists()


def test_both_commands_give_the_loaders_message(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES["javascript URL"], encoding="utf-8")
    message = refusal(path, update=False)
    for command, ending in [
        ("load_fixtures", "Nothing was loaded."),
        ("import_fixtures", "Nothing was imported."),
    ]:
        with pytest.raises(CommandError) as caught:
            call_command(command, str(path), verbosity=0)
        assert str(caught.value) == f"{message} {ending}"


def test_the_modes_differ_only_in_whether_existing_rows_take_the_files_values(db):
    first = fixtures_load(paths=[REFERENCE])
    assert first.inserted and not first.updated and not first.kept
    person = Person.objects.get(key="keir-starmer")
    shipped = person.aliases
    person.aliases += "\nPM Starmer"
    person.save()
    counts = (Person.objects.count(), Person.history.count())

    kept = fixtures_load(paths=[REFERENCE])
    assert Person.objects.get(key="keir-starmer").aliases == shipped + "\nPM Starmer"
    assert (Person.objects.count(), Person.history.count()) == counts
    assert not kept.inserted and not kept.updated
    assert sum(kept.kept.values()) == sum(first.inserted.values())

    updated = fixtures_load(paths=[REFERENCE], update=True, reason="Back to the file")
    assert Person.objects.get(key="keir-starmer").aliases == shipped
    assert not updated.inserted and updated.updated == {"people": 1}
    assert sum(updated.kept.values()) == sum(first.inserted.values()) - 1
    latest = Person.history.filter(key="keir-starmer").order_by("-history_id")[0]
    assert (latest.history_type, latest.history_change_reason) == (
        "~",
        "Back to the file (reference.json)",
    )
    assert Person.objects.count() == counts[0]

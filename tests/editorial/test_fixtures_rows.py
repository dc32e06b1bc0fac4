"""An export's objects go in as rows made straight from the JSON (fixtures_rows).

What the deserializer would refuse, the import still refuses in the deserializer's own
words, and changes nothing.
"""

import json
import uuid

import pytest

from editorial.exports import fixtures_load
from editorial.exports.fixtures_checks import Feed
from editorial.exports.fixtures_export import file_names
from editorial.exports.fixtures_rows import Rows
from editorial.models import Highlight

from .fixture_helpers import exported, fresh_database, record_inserts
from .test_import_fixtures import break_object, refused, run


@pytest.fixture
def history_export(shipped_desk, tmp_path):
    """The demo desk exported with history (every object with its primary key), then
    a fresh database to import it into."""
    folder = tmp_path / "with-history"
    exported(folder, with_history=True)
    fresh_database()
    return folder


def files(folder):
    return [str(folder / name) for name in file_names(with_history=True)]


def test_an_export_with_history_goes_in_without_the_deserializer(
    history_export, monkeypatch
):
    """Only the people (who carry their groups, a many-to-many) are deserialized."""
    read = []
    original = Feed.read
    monkeypatch.setattr(
        Feed,
        "read",
        lambda self, path, index, entry: (
            read.append(entry["model"]) or original(self, path, index, entry)
        ),
    )
    run(*files(history_export))
    assert set(read) == {"auth.user"}
    assert Highlight.objects.count() == 8
    assert Highlight.history.count() >= 8


def first(model):
    return lambda obj: obj["model"] == model


BAD_VALUES = [
    # (file, model, field, bad value, words of the deserializer's message)
    ("editorial.json", "editorial.highlight", "start", "ten", "must be an integer"),
    ("editorial.json", "editorial.highlight", "anchoring", "adrift", "valid choice"),
    ("editorial.json", "editorial.highlight", "exact", None, "cannot be null"),
    ("editorial.json", "editorial.claim", "uid", "not-a-uuid", "is not a valid UUID"),
    ("sources.json", "sources.revision", "created_at", "noon", "invalid format"),
    (
        "history.json",
        "editorial.historicalhighlight",
        "history_date",
        "yesterday",
        "invalid format",
    ),
]


@pytest.mark.parametrize(("name", "model", "field", "value", "words"), BAD_VALUES)
def test_a_bad_value_is_named_in_the_deserializers_words_and_changes_nothing(
    history_export, tmp_path, monkeypatch, name, model, field, value, words
):
    broken = break_object(
        history_export, name, first(model), lambda f: f.update({field: value})
    )
    message = refused(tmp_path, files(history_export), name, words)
    # The same message as when every object went through the deserializer.
    monkeypatch.setattr(Rows, "row", lambda self, entry: None)
    assert refused(tmp_path, files(history_export), name, words) == message
    assert f"({model} " in message
    assert broken["pk"]


def test_a_history_file_cut_short_changes_nothing_though_rows_went_in_before(
    history_export, tmp_path, monkeypatch
):
    """The rows written from the earlier files are undone with everything else."""
    written = record_inserts(monkeypatch)
    history = history_export / "history.json"
    text = history.read_text()
    history.write_text(text[: len(text) // 2])
    refused(tmp_path, files(history_export), "history.json: not valid JSON")
    assert "editorial_highlight" in written
    assert Highlight.objects.count() == 0


def highlight_entry() -> dict:
    return {
        "model": "editorial.highlight",
        "pk": 7,
        "fields": {
            "uid": "17da9f58-5cba-4604-9c43-feb5253b65d9",
            "source": 6,
            "revision": 6,
            "start": 0,
            "end": 4,
            "exact": "Word",
            "prefix": "",
            "suffix": " and more",
            "anchoring": "anchored",
            "created_at": "2026-12-06T21:04:37.354558Z",
            "created_by": 1,
            "slug": None,
            "via": None,
            "canonical": None,
        },
    }


def test_a_plain_object_becomes_its_row(db):
    model, pk, row, values = Rows().row(highlight_entry())
    assert (model, pk) == (Highlight, 7)
    assert "Word" in row and 6 in row
    assert (
        "Word" in values and uuid.UUID("17da9f58-5cba-4604-9c43-feb5253b65d9") in values
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e["fields"].update(created_by=["editor"]),  # a natural key
        lambda e: e["fields"].pop("suffix"),  # a field left to its default
        lambda e: e["fields"].update(colour="red"),  # a field the model lacks
        lambda e: e.update(pk=None),  # no primary key
        lambda e: e.update(model="editorial.nothing"),
        lambda e: e["fields"].update(start=-1),  # refused by a validator
    ],
)
def test_anything_but_a_plain_object_is_left_to_the_deserializer(db, change):
    entry = highlight_entry()
    change(entry)
    assert Rows().row(json.loads(json.dumps(entry))) is None


def test_sqlites_page_cache_is_larger_during_a_load_and_put_back_after(
    history_export, monkeypatch
):
    """Only the cache's size changes, and only while the load runs."""
    from django.db import connection

    from editorial.exports import fixtures_insert

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")

    def cache_size():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    before, during = cache_size(), []
    original = fixtures_load.reset_sequences
    monkeypatch.setattr(
        fixtures_load,
        "reset_sequences",
        lambda models: during.append(cache_size()) or original(models),
    )
    run(*files(history_export))
    assert during == [-fixtures_insert.LOAD_CACHE_KIB]
    assert cache_size() == before


def test_objects_already_there_are_deserialized_and_kept_not_inserted_again(
    history_export, tmp_path
):
    """A second import of the same export finds every row already there
    (``fixtures_insert.taken``) and changes nothing."""
    run(*files(history_export))
    before = exported(tmp_path / "before", with_history=True)
    run(*files(history_export))
    assert exported(tmp_path / "after", with_history=True) == before


QUICK_VALUES = [
    None,
    "",
    "anchored",
    "adrift",
    "x" * 32,
    "x" * 33,
    "17da9f58-5cba-4604-9c43-feb5253b65d9",
    "17DA9F58-5CBA-4604-9C43-FEB5253B65D9",
    "17da9f585cba46049c43feb5253b65d9",
    "2026-12-06T21:04:37.354558Z",
    "2026-12-06T21:04:37.000000Z",
    "2026-12-06T21:04:37Z",
    "2026-12-06T21:04:37.354Z",
    "2026-02-30T21:04:37Z",
    "2026-12-06T21:04:37+01:00",
    0,
    -1,
    7,
    2**40,
    True,
    1.5,
]


def as_compared(outcome, validated):
    """The model's value where it is kept, and the database's, a UUID as text
    (which PostgreSQL is given for a UUID column)."""
    if not isinstance(outcome, tuple):
        return outcome
    value, stored = outcome
    if isinstance(stored, uuid.UUID):
        stored = str(stored)
    return (value, stored) if validated else stored


@pytest.mark.parametrize(
    "label",
    [
        "editorial.highlight",
        "editorial.claim",
        "editorial.claimhighlight",
        "editorial.historicalhighlight",
        "sources.revision",
    ],
)
def test_the_quick_converters_take_what_the_full_path_takes_with_the_same_values(
    db, label
):
    """Every field, every kind of value: the same values, or refused by both."""
    from django.apps import apps

    from editorial.exports.fixtures_checks import is_history

    rows = Rows()
    model = apps.get_model(label)
    validated = not is_history(model)
    compared = 0
    for field in model._meta.concrete_fields:
        if field.primary_key or field.generated:
            continue
        quick = rows._converter(field, validated)
        full = rows._general(field, validated)
        for raw in QUICK_VALUES:
            outcomes = []
            for convert in (quick, full):
                try:
                    outcomes.append(convert(raw))
                except Exception as error:  # noqa: BLE001 - compared, not raised
                    outcomes.append(type(error))
            quick_value, full_value = (as_compared(o, validated) for o in outcomes)
            assert quick_value == full_value, (field.name, raw)
            compared += 1
    assert compared

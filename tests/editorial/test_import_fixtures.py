"""import_fixtures: one transaction, checked like the services, history for every object."""

import json
import tracemalloc
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from editorial.claims import services as claim_services
from editorial.exports import fixtures_load, fixtures_reader, json_stream
from editorial.exports.fixtures_export import file_names
from editorial.models import Claim, Highlight
from sources.models import Source

from .fixture_helpers import exported, fresh_database, record_inserts


@pytest.fixture
def export(shipped_desk, tmp_path):
    """The demo desk exported, then a fresh database to import it into."""
    folder = tmp_path / "export"
    exported(folder)
    fresh_database()
    return folder


def paths(folder):
    return [str(folder / name) for name in file_names(with_history=False)]


def run(*files, **options):
    call_command("import_fixtures", *files, verbosity=0, **options)


def snapshot(tmp_path, name="snap"):
    return exported(tmp_path / name, with_history=True)


def test_an_export_imports_into_a_fresh_database_with_a_history_row_for_each_object(
    export,
):
    run(*paths(export), reason="Moving the desk")
    assert Source.objects.count() == 5 and Highlight.objects.count() == 8
    claim = Claim.objects.get(statement__contains="Rishi Sunak")
    (row,) = claim.history.all()
    assert row.history_type == "+"
    assert row.history_change_reason == "Moving the desk (editorial.json)"
    assert row.history_user.username == "system"
    # The autouse history audit then checks every live row against its history.


def test_importing_the_same_files_again_changes_nothing(export, tmp_path):
    run(*paths(export))
    before = snapshot(tmp_path, "before")
    run(*paths(export))
    assert snapshot(tmp_path, "after") == before


def test_a_changed_object_takes_the_files_values_with_a_history_row_naming_who_and_why(
    export, tmp_path
):
    run(*paths(export))
    objects = json.loads((export / "editorial.json").read_text())
    sunak = next(
        o for o in objects if "Rishi Sunak" in o["fields"].get("statement", "")
    )
    sunak["fields"]["verdict_note"] = "Starmer, since 5 July 2024."
    (export / "editorial.json").write_text(json.dumps(objects))
    user = get_user_model().objects.get(username="reviewer")
    run(str(export / "editorial.json"), user="reviewer", reason="Sharper note")
    claim = Claim.objects.get(pk=Claim.objects.get(uid=sunak["fields"]["uid"]).pk)
    assert claim.verdict_note == "Starmer, since 5 July 2024."
    latest = claim.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        user,
        "Sharper note (editorial.json)",
    )


def test_an_existing_person_is_kept_as_they_are(export, user_factory):
    person = user_factory("editor", first_name="Real", password="kept-pass-123")
    run(*paths(export))
    person.refresh_from_db()
    assert person.first_name == "Real" and person.check_password("kept-pass-123")


def break_object(folder, name, predicate, change):
    objects = json.loads((folder / name).read_text())
    target = next(o for o in objects if predicate(o))
    change(target["fields"])
    (folder / name).write_text(json.dumps(objects, indent=1))
    return target


def refused(tmp_path, files, *words):
    before = snapshot(tmp_path, "before")
    with pytest.raises(CommandError) as caught:
        run(*files)
    message = str(caught.value)
    for word in words:
        assert word in message, message
    assert "Nothing was imported" in message
    assert snapshot(tmp_path, "after") == before
    return message


def is_highlight(obj):
    return obj["model"] == "editorial.highlight"


def test_a_highlight_whose_offsets_do_not_match_its_body_changes_nothing(
    export, tmp_path
):
    run(str(export / "accounts.json"))  # something already there, to be kept
    broken = break_object(
        export,
        "editorial.json",
        is_highlight,
        lambda f: f.update(start=f["start"] + 1, end=f["end"] + 1),
    )
    refused(
        tmp_path,
        paths(export),
        "editorial.json, object 1",
        broken["fields"]["uid"],
        "exact: The quoted text does not match the source",
    )
    assert Source.objects.count() == 0


def test_a_highlight_past_the_end_of_its_body_is_named(export, tmp_path):
    broken = break_object(
        export, "editorial.json", is_highlight, lambda f: f.update(end=10**6)
    )
    refused(tmp_path, paths(export), broken["fields"]["uid"], "past the end")


def test_a_highlight_with_a_wrong_prefix_is_named(export, tmp_path):
    broken = break_object(
        export, "editorial.json", is_highlight, lambda f: f.update(prefix="nope")
    )
    refused(tmp_path, paths(export), broken["fields"]["uid"], "prefix or suffix")


def test_a_highlight_of_an_unknown_source_changes_nothing(export, tmp_path):
    broken = break_object(
        export,
        "editorial.json",
        is_highlight,
        lambda f: f.update(source=["f" * 64]),
    )
    refused(
        tmp_path,
        paths(export),
        "editorial.json, object 1",
        broken["fields"]["uid"],
        "source",
        "neither in the database nor earlier in these files",
    )


def test_an_unknown_status_or_stance_is_named(export, tmp_path):
    claim = break_object(
        export,
        "editorial.json",
        lambda o: o["model"] == "editorial.claim",
        lambda f: f.update(status="probably"),
    )
    refused(tmp_path, paths(export), claim["fields"]["uid"], "status", "probably")


def test_a_link_to_an_unknown_claim_is_named(export, tmp_path):
    link = break_object(
        export,
        "editorial.json",
        lambda o: o["model"] == "editorial.claimhighlight",
        lambda f: f.update(claim=["00000000-0000-0000-0000-000000000000"]),
    )
    refused(tmp_path, paths(export), link["fields"]["uid"], "claim")


def test_a_revision_whose_hash_does_not_match_its_body_is_named(export, tmp_path):
    revision = break_object(
        export,
        "sources.json",
        lambda o: o["model"] == "sources.revision",
        lambda f: f.update(body=f["body"] + " tampered"),
    )
    refused(tmp_path, paths(export), "sources.json", revision["fields"]["sha256"])


def test_invalid_json_changes_nothing_and_names_the_file_and_line(export, tmp_path):
    (export / "editorial.json").write_text('[\n{"model": "editorial.claim",,}\n]')
    refused(tmp_path, paths(export), "editorial.json: not valid JSON", "line 2")


def test_a_file_that_is_not_a_list_or_not_there_is_named(export, tmp_path):
    (export / "editorial.json").write_text('{"model": "editorial.claim"}')
    refused(tmp_path, paths(export), "editorial.json", "JSON list")
    refused(tmp_path, [str(export / "missing.json")], "missing.json: no such file")


def test_an_unknown_model_is_named(export, tmp_path):
    (export / "extra.json").write_text('[{"model": "editorial.nothing", "fields": {}}]')
    refused(tmp_path, [str(export / "extra.json")], "extra.json, object 1", "nothing")


def test_history_files_refuse_to_overwrite_other_objects(
    shipped_desk, tmp_path, user_factory
):
    folder = tmp_path / "with-history"
    exported(folder, with_history=True)
    fresh_database()
    taken = json.loads((folder / "accounts.json").read_text())[0]["pk"]
    user_factory("someone-else", pk=taken)
    message = refused(
        tmp_path,
        [str(folder / name) for name in file_names(with_history=True)],
        "already belongs to another",
    )
    assert "empty database" in message


def test_history_files_import_into_an_empty_database_as_they_were(
    shipped_desk, tmp_path, reviewer
):
    claim = Claim.objects.get(statement__contains="Rishi Sunak")
    claim_services.claim_update(
        claim=claim, verdict_note="Edited", user=reviewer, reason="r"
    )
    folder = tmp_path / "with-history"
    first = exported(folder, with_history=True)
    fresh_database()
    run(*[str(folder / name) for name in file_names(with_history=True)])
    assert snapshot(tmp_path, "again") == first


def test_an_import_needs_a_reason_and_a_known_user(export, tmp_path):
    refused_without = snapshot(tmp_path, "before")
    with pytest.raises(CommandError, match="Give a reason"):
        run(*paths(export), reason="  ")
    with pytest.raises(CommandError, match="No user named “nobody”"):
        run(*paths(export), user="nobody")
    assert snapshot(tmp_path, "after") == refused_without


def test_a_problem_in_a_later_batch_names_its_own_file_position(
    export, tmp_path, monkeypatch
):
    """Objects are written and checked in batches; messages still count from the file."""
    monkeypatch.setattr(fixtures_reader, "BATCH", 2)
    objects = json.loads((export / "editorial.json").read_text())
    fifth = [n for n, o in enumerate(objects) if is_highlight(o)][4]
    objects[fifth]["fields"]["prefix"] = "nope"
    (export / "editorial.json").write_text(json.dumps(objects, indent=1))
    refused(
        tmp_path,
        paths(export),
        f"editorial.json, object {fifth + 1} ",
        objects[fifth]["fields"]["uid"],
        "prefix or suffix",
    )


def test_an_object_the_database_refuses_in_a_batch_is_named(export, tmp_path):
    objects = json.loads((export / "editorial.json").read_text())
    claims = [n for n, o in enumerate(objects) if o["model"] == "editorial.claim"]
    twin = objects[claims[2]]
    twin["fields"]["uid"] = objects[claims[0]]["fields"]["uid"]
    (export / "editorial.json").write_text(json.dumps(objects, indent=1))
    refused(
        tmp_path,
        paths(export),
        f"editorial.json, object {claims[2] + 1} ",
        "the database refused it",
    )


def test_after_a_history_import_new_objects_get_ids_of_their_own(
    shipped_desk, tmp_path, editor
):
    """The files' primary keys move the id sequences on (PostgreSQL), as loaddata does."""
    folder = tmp_path / "with-history"
    exported(folder, with_history=True)
    fresh_database()
    run(*[str(folder / name) for name in file_names(with_history=True)])
    editor = get_user_model().objects.get(username="editor")
    claim = claim_services.claim_create(statement="New since", user=editor, reason="r")
    assert claim.pk > max(c.pk for c in Claim.objects.exclude(pk=claim.pk))


def claims_file(path, count, first=1):
    """``count`` claims of 2,000 characters each, as an export would write them."""
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("[")
        for n in range(first, first + count):
            claim = {
                "model": "editorial.claim",
                "fields": {
                    "uid": str(uuid.UUID(int=n)),
                    "statement": f"{n:06d} " + "x" * 1993,
                    "status": "unverified",
                    "verdict_note": "",
                    "created_at": "2026-01-01T00:00:00Z",
                    "version": 1,
                },
            }
            stream.write(
                ("," if n > first else "") + "\n" + json.dumps(claim, indent=1)
            )
        stream.write("\n]\n")
    return path


def peak_bytes_of(call) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_objects_contents(db, tmp_path, monkeypatch):
    """The file is read an object at a time and written a batch at a time.

    ``json.load`` held the whole document and every object built from it until the
    end: each further claim of 2,000 characters cost about 6 kB. Streaming keeps of an
    object only its primary key and where it came from, a few dozen bytes.
    """
    monkeypatch.setattr(fixtures_reader, "BATCH", 50)
    monkeypatch.setattr(json_stream, "CHUNK_CHARS", 1 << 16)
    run(str(claims_file(tmp_path / "warm-up.json", 10, first=100_000)))
    small = claims_file(tmp_path / "small.json", 800)
    large = claims_file(tmp_path / "large.json", 3_200, first=1_000)
    small_peak = peak_bytes_of(lambda: run(str(small)))
    large_peak = peak_bytes_of(lambda: run(str(large)))
    assert Claim.objects.count() == 4_010
    per_further_claim = (large_peak - small_peak) / 2_400
    assert per_further_claim < 500, (small_peak, large_peak)


def every_row() -> dict:
    """Every row of every table an export writes, history tables included, by pk."""
    from editorial.exports.fixtures_export import KINDS, history_models

    tables = [model for kind in KINDS for model in kind.models()] + history_models()
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in tables
    }


def test_files_with_history_go_in_through_the_fast_insert_with_the_rows_bulk_create_wrote(
    shipped_desk, tmp_path, monkeypatch
):
    """New objects with their keys go in as one statement (COPY on PostgreSQL), turned
    straight into rows without the deserializer; the rows, history rows included, are
    the ones the deserializer and ``bulk_create`` wrote."""
    from editorial.exports import fixtures_rows

    folder = tmp_path / "with-history"
    exported(folder, with_history=True)
    files = [str(folder / name) for name in file_names(with_history=True)]
    fresh_database()
    monkeypatch.setattr(fixtures_load, "insertable", lambda objects: False)
    monkeypatch.setattr(fixtures_rows.Rows, "row", lambda self, entry: None)
    run(*files)
    slow = every_row()
    assert slow["editorial.HistoricalHighlight"]

    fresh_database()
    monkeypatch.undo()
    written = record_inserts(monkeypatch)
    run(*files)
    assert "editorial_historicalhighlight" in written
    assert every_row() == slow

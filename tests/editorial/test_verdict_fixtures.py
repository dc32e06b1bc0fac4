"""Verdicts in fixture files follow the desk's rules.

A claim a file inserts with a verdict has its note and names a reviewer in
``reviewed_by``; an import that changes the statement, the note or the status of a
claim that has or gets a verdict acts as a reviewer (``--user``), or is refused with
the file, the object and the field named, and nothing changes.
"""

import json

import pytest
from django.core.management import CommandError, call_command

from editorial.exports.fixtures_export import file_names
from editorial.models import Claim

from .fixture_helpers import exported, fresh_database


@pytest.fixture
def export(shipped_desk, tmp_path):
    folder = tmp_path / "export"
    exported(folder)
    fresh_database()
    return folder


def paths(folder):
    return [str(folder / name) for name in file_names(with_history=False)]


def run(*files, **options):
    call_command("import_fixtures", *files, verbosity=0, **options)


def edit_sunak(folder, **fields):
    """Change the Sunak claim (rated false) in the export; its position and uid."""
    objects = json.loads((folder / "editorial.json").read_text())
    index, sunak = next(
        (i, o)
        for i, o in enumerate(objects)
        if "Rishi Sunak" in o["fields"].get("statement", "")
    )
    sunak["fields"].update(fields)
    (folder / "editorial.json").write_text(json.dumps(objects))
    return index + 1, sunak["fields"]["uid"]


def refused(files, *words, **options):
    before = list(Claim.objects.values().order_by("pk"))
    with pytest.raises(CommandError) as caught:
        run(*files, **options)
    for word in words:
        assert word in str(caught.value), str(caught.value)
    assert list(Claim.objects.values().order_by("pk")) == before


@pytest.mark.parametrize(
    "fields",
    [
        {"statement": "Keir Starmer was British prime minister on 6 January 2026."},
        {"verdict_note": "Nothing to see."},
        {"status": "unverified", "reviewed_by": None, "reviewed_at": None},
    ],
)
def test_only_a_reviewer_imports_a_change_to_a_verdict(export, fields):
    run(*paths(export))
    number, uid = edit_sunak(export, **fields)
    refused(
        [str(export / "editorial.json")],
        f"editorial.json, object {number}",
        uid,
        f"{next(iter(fields))}: This claim has or gets a verdict",
        "--user",
    )
    # A reviewer imports the same change, and history names them.
    run(str(export / "editorial.json"), user="reviewer", reason="Checked")
    claim = Claim.objects.get(uid=uid)
    assert all(
        getattr(claim, name) == value
        for name, value in fields.items()
        if name != "reviewed_by"
    )
    assert claim.history.first().history_user.username == "reviewer"


def test_a_claim_inserted_with_a_verdict_and_no_note_is_refused(export):
    number, uid = edit_sunak(export, verdict_note="")
    refused(paths(export), f"object {number}", uid, "verdict_note", "no verdict note")
    assert not Claim.objects.exists()


def test_a_claim_inserted_with_a_verdict_not_given_by_a_reviewer_is_refused(export):
    for reviewed_by in (None, ["editor"]):
        number, uid = edit_sunak(export, reviewed_by=reviewed_by)
        refused(paths(export), f"object {number}", uid, "reviewed_by")
    assert not Claim.objects.exists()

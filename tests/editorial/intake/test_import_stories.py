"""Imports put each new source in a story: the one named, or the desk's proposal."""

import pytest
from django.core.management import call_command

from sources.models import Source, Story

pytestmark = pytest.mark.django_db

SUMMIT = """Lisbon water summit opens
LISBON - Ministers gathered at the Lisbon Water Summit on Monday, where Luís Montenegro
called for a treaty on shared river basins. Teresa Ribera said the Lisbon Water Summit
must agree a drought relief fund for the river basins.
"""
CLOSING = """Drought fund agreed in Lisbon
LISBON - The Lisbon Water Summit closed with a drought relief fund, Luís Montenegro said.
Teresa Ribera said the river basins still lacked a treaty.
"""
TRANSFER = """Osimhen joins Bayern Munich
MUNICH - Bayern Munich signed Victor Osimhen from Napoli, the Bundesliga club said.
Vincent Kompany said Osimhen would lead the line.
"""


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_sources_with_story_puts_every_new_source_in_that_story(tmp_path):
    paths = [_write(tmp_path, "a.txt", SUMMIT), _write(tmp_path, "b.txt", TRANSFER)]
    call_command(
        "import_sources",
        *paths,
        "--story",
        "Desk picks",
        "--progress",
        "never",
        stdout=open("/dev/null", "w"),
    )
    story = Story.objects.get()
    assert (story.name, story.confirmed) == ("Desk picks", True)
    assert Source.objects.filter(story=story).count() == 2
    first = Source.objects.get(file_name="a.txt").history.get()
    assert first.story_id == story.pk  # one history row, naming the story


def test_imports_without_a_story_get_the_desk_s_proposal_unconfirmed(tmp_path):
    for name, text in [("a.txt", SUMMIT), ("b.txt", CLOSING), ("c.txt", TRANSFER)]:
        call_command(
            "import_sources",
            _write(tmp_path, name, text),
            "--progress",
            "never",
            stdout=open("/dev/null", "w"),
        )
    summit, closing, transfer = (
        Source.objects.get(file_name=name) for name in ("a.txt", "b.txt", "c.txt")
    )
    assert summit.story == closing.story != transfer.story
    assert not summit.story.confirmed and not transfer.story.confirmed
    assert summit.story.history.first().history_change_reason.endswith(
        "the desk's proposal"
    )


def test_a_blank_story_name_is_refused_and_nothing_is_imported(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--story needs a name"):
        call_command(
            "import_sources", _write(tmp_path, "a.txt", SUMMIT), "--story", " "
        )
    assert not Source.objects.exists() and not Story.objects.exists()

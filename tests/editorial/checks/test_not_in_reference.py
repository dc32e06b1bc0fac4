"""Titles whose office the reference data does not know are listed, not skipped."""

from datetime import date

from django.urls import reverse

from editorial.checks.offices import OfficeReader
from editorial.checks.text import sentences
from editorial.checks.titles import not_in_reference
from editorial.exports.fixtures_load import fixtures_load
from sources import services as source_services
from tests.conftest import FIXTURES

TEXT = (
    "Vatican spokesman Matteo Bruni read the bulletin. "
    "British Prime Minister Keir Starmer sent condolences. "
    "Vatican spokesman Matteo Bruni said so again."
)


def test_titles_the_reference_data_cannot_place_are_listed_once(reference):
    reader = OfficeReader(reference)
    parts = sentences(TEXT)
    placed = [(a.start, a.end) for a in reader.attributions("d", TEXT, parts)]
    assert placed  # Starmer is placed by the reference data …
    # … and only the spokesman is left for editors to add.
    assert not_in_reference("d", TEXT, parts, placed) == [
        "Vatican spokesman Matteo Bruni"
    ]


def test_the_sources_suggestions_page_lists_titles_not_in_the_reference_data(
    editor_client, editor
):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    source = source_services.source_import_text(
        text="Conclave\n" + TEXT,
        user=editor,
        reason="Test source",
        published_on=date(2025, 4, 21),
    ).source
    page = editor_client.get(reverse("suggestions:list"), {"source": source.pk})
    html = page.content.decode()
    assert "Not in the reference data: Vatican spokesman Matteo Bruni." in html
    assert "Keir Starmer" not in html.split("Not in the reference data")[1][:200]

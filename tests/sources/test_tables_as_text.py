"""A saved page's tables (a Wikipedia infobox) are read as text, not as lines of pipes."""

from pathlib import Path

from django.conf import settings

from sources.extract import extract, tables_as_text

INFOBOX = """Multinational Force – Ukraine
| Multinational Force — Ukraine (MNF-U) | |
|---|---|
| |
| Founders | 2025 London Summit participants |
| Allies | Contributors:[d]
Partner country, allied mission, commands, and group: |
| Organization | No-standing • Ad hoc |
| Year | Troops | Nations |
The legal architecture has been evolving."""


def test_table_rows_become_labelled_lines_and_rules_go():
    assert tables_as_text(INFOBOX).split("\n") == [
        "Multinational Force – Ukraine",
        "Multinational Force — Ukraine (MNF-U)",
        "Founders: 2025 London Summit participants",
        "Allies: Contributors:[d]",
        "Partner country, allied mission, commands, and group:",
        "Organization: No-standing • Ad hoc",
        "Year · Troops · Nations",
        "The legal architecture has been evolving.",
    ]


def test_text_without_tables_is_unchanged():
    text = "Title\nA paragraph - with a dash.\n\nAnother one."
    assert tables_as_text(text) == text


def test_a_saved_wikipedia_page_imports_its_infobox_as_text():
    page = (
        "<html><head><title>Multinational Force</title></head><body><article>"
        "<h1>Multinational Force</h1><p>The force is a planned multinational military "
        "formation, described at length here so the page has main text.</p>"
        "<table><tr><th>Founders</th><td>2025 London Summit participants</td></tr>"
        "<tr><th>Headquarters</th><td>CHQ, Kyiv</td></tr></table>"
        "<p>Its legal basis has been evolving amid precedent and international law, "
        "with deployment only after a signed ceasefire.</p></article></body></html>"
    )
    body = extract(page.encode(), "wiki.html").body
    assert "|" not in body
    assert "Founders: 2025 London Summit participants" in body.split("\n")
    assert "Headquarters: CHQ, Kyiv" in body.split("\n")


def test_the_shipped_wikipedia_seed_reads_as_text_through_the_same_function():
    seed = Path(settings.BASE_DIR) / "fixtures/seeds/004_9cab52ddeb08c648.txt"
    text = tables_as_text(seed.read_text())
    assert "|---|" not in text and not any(
        line.strip().startswith("|") for line in text.split("\n")
    )
    assert "Founders: 2025 London Summit participants" in text.split("\n")

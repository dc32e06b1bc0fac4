"""The reader draws an article's marks once per state of its highlights, and never
shows a drawing older than the highlights, their claims and statuses."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.highlights import marks, reader
from editorial.highlights import services as highlight_services
from tests.sources.test_reader import highlight, parse_body


@pytest.fixture
def drawings(monkeypatch):
    """Counts the times the reader really draws marks (rather than reusing a drawing),
    from an empty cache (another test may have drawn the same text and highlights)."""
    caches[settings.EDITORIAL_READER_CACHE].clear()
    made = []
    draw = marks.reader_html

    def counting(body, highlights):
        made.append(len(highlights))
        return draw(body, highlights)

    monkeypatch.setattr(marks, "reader_html", counting)
    return made


def statuses_on_page(client, source) -> dict[int, str]:
    response = client.get(reverse("sources:detail", args=[source.pk]))
    assert response.status_code == 200
    parsed = parse_body(response.content.decode())
    assert "".join(parsed.text) == source.current_revision.body
    return {int(m["data-highlight-id"]): m["data-status"] for m in parsed.marks}


def test_an_unchanged_article_is_drawn_once_for_every_reader(
    editor_client, reviewer_client, source_factory, claim_factory, drawings
):
    source = source_factory("Title\nThe coalition has 26 nations and a plan.")
    made = claim_factory(source, "26 nations").highlights.get()
    first = statuses_on_page(editor_client, source)
    assert first == {made.pk: "unverified"}
    assert statuses_on_page(reviewer_client, source) == first
    assert statuses_on_page(editor_client, source) == first
    assert drawings == [1]


def test_a_new_highlight_a_status_and_a_deleted_highlight_show_at_once(
    editor_client, source_factory, claim_factory, editor, reviewer, drawings
):
    source = source_factory("Title\nThe U.S. Special Envoy met officials in Kyiv.")
    claim = claim_factory(source, "Special Envoy")
    envoy = claim.highlights.get()
    assert statuses_on_page(editor_client, source) == {envoy.pk: "unverified"}

    officials = highlight(source, "met officials", user=editor)
    assert statuses_on_page(editor_client, source) == {
        envoy.pk: "unverified",
        officials.pk: "none",
    }

    claim_services.claim_set_status(
        claim=claim,
        status="false",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="The release says otherwise",
    )
    assert statuses_on_page(editor_client, source)[envoy.pk] == "false"

    highlight_services.highlight_delete(
        highlight=officials, user=editor, reason="Wrong words"
    )
    assert statuses_on_page(editor_client, source) == {envoy.pk: "false"}
    assert len(drawings) == 4


def test_the_same_highlights_on_another_text_are_drawn_for_that_text(
    editor_client, source_factory, editor
):
    """The drawing is kept under the text's sha256 as well as its highlights."""
    one = source_factory("Title\nAlpha beta gamma.")
    other = source_factory("Title\nDelta epsilon zeta.")
    rows = [(1, 6, 11, "none")]
    assert reader.drawing_key(one.current_revision.sha256, rows) != reader.drawing_key(
        other.current_revision.sha256, rows
    )
    assert reader.drawing_key(one.current_revision.sha256, rows) != (
        reader.drawing_key(one.current_revision.sha256, [(1, 6, 11, "false")])
    )
    highlight(one, "Alpha", user=editor)
    highlight(other, "Delta", user=editor)
    for source in (one, other, one):
        response = editor_client.get(reverse("sources:detail", args=[source.pk]))
        assert "".join(parse_body(response.content.decode()).text) == (
            source.current_revision.body
        )

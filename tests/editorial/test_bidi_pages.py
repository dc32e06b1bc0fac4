"""Pages show bidi controls in titles, statements and the reader; services refuse
highlights with nothing visible."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from editorial.highlights.services import highlight_create
from editorial.models import Highlight

TOKEN = '<span class="bidi-control" data-bidi="RLO"'


@pytest.fixture
def source(source_factory):
    return source_factory("Invoice \u202eexe.live\nOpen exe.live\u200d now.\n")


def test_the_source_list_and_the_reader_show_a_title_s_override(source, editor_client):
    listing = editor_client.get(reverse("sources:list")).content.decode()
    reader = editor_client.get(reverse("sources:detail", args=[source.pk]))
    assert TOKEN in listing
    # Once in the heading, once in the body.
    assert reader.content.decode().count(TOKEN) == 2


def test_the_claim_list_shows_a_statement_s_override(
    source, claim_factory, editor_client
):
    claim = claim_factory(source, "Open", statement="Pay \u202efdp.exe today")
    listing = editor_client.get(reverse("claims:list")).content.decode()
    detail = editor_client.get(reverse("claims:detail", args=[claim.pk]))
    assert TOKEN in listing and TOKEN in detail.content.decode()


def test_a_highlight_of_only_a_zero_width_joiner_is_refused_and_not_stored(
    source, editor
):
    body = source.current_revision.body
    start = body.index("\u200d")
    with pytest.raises(ValidationError) as raised:
        highlight_create(
            source=source, start=start, end=start + 1, user=editor, reason="t"
        )
    assert "no visible character" in str(raised.value)
    assert not Highlight.objects.exists()

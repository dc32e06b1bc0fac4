"""The claims list's Source filter: typed words find sources by title or publisher; an
exact ``source=<id>`` (the reader's link, the API's) still works; no menu of every source."""

from __future__ import annotations

import pytest
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.highlights import services as highlight_services


@pytest.fixture
def desk(source_factory, claim_factory, editor, reviewer):
    kyiv = source_factory(
        "Kyiv report\nOn Tuesday the envoy met officials in Kyiv. "
        "The coalition has 26 nations.",
        publisher="Kyiv Independent",
    )
    paris = source_factory(
        "Paris report\nIn Paris, 35 nations joined the coalition.",
        publisher="Le Monde",
    )
    berlin = source_factory(
        "Berlin briefing\nTroops will stay. Troops will train.",
        publisher="Deutsche Welle",
    )
    envoy = claim_factory(kyiv, "the envoy met officials", "The envoy met officials")
    twenty_six = claim_factory(kyiv, "26 nations", "26 nations joined")
    thirty_five = claim_factory(paris, "35 nations joined", "35 nations joined")
    troops = claim_factory(berlin, "Troops will stay", "Troops stay")
    quote_again(troops, berlin, "Troops will train", user=editor)
    claim_services.claim_set_status(
        claim=twenty_six,
        status="false",
        verdict_note="Test verdict note",
        user=reviewer,
        reason="Counted",
    )
    claim_services.claim_update(
        claim=envoy, assigned_to=reviewer, user=editor, reason="Assign"
    )
    return {
        "kyiv": kyiv,
        "paris": paris,
        "berlin": berlin,
        "envoy": envoy,
        "twenty_six": twenty_six,
        "thirty_five": thirty_five,
        "troops": troops,
    }


def quote_again(claim, source, words: str, *, user):
    """Highlight ``words`` in ``source`` and link them to ``claim`` too."""
    start = source.current_revision.body.index(words)
    highlight = highlight_services.highlight_create(
        source=source, start=start, end=start + len(words), user=user, reason="Test"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=user, reason="Test"
    )


def page(client, **params):
    response = client.get(reverse("claims:list"), params)
    assert response.status_code == 200
    return response


def listed(client, **params) -> list[int]:
    return [claim.pk for claim in page(client, **params).context["page"].object_list]


def test_typing_part_of_a_title_finds_that_sources_claims_and_no_others(
    editor_client, desk
):
    assert set(listed(editor_client, source_q="kyiv REP")) == {
        desk["envoy"].pk,
        desk["twenty_six"].pk,
    }
    assert listed(editor_client, source_q="  paris  ") == [desk["thirty_five"].pk]


def test_the_typed_words_match_the_publisher_too(editor_client, desk):
    assert listed(editor_client, source_q="le monde") == [desk["thirty_five"].pk]
    assert listed(editor_client, source_q="WELLE") == [desk["troops"].pk]


def test_the_typed_words_are_one_phrase(editor_client, desk):
    """As the sources list matches titles: "report kyiv" is not in "Kyiv report"."""
    response = page(editor_client, source_q="report kyiv")
    assert list(response.context["page"].object_list) == []
    assert "No claim matches these filters" in response.content.decode()


def test_a_claim_with_several_matching_highlights_is_listed_once(
    editor_client, desk, editor
):
    assert listed(editor_client, source_q="berlin") == [desk["troops"].pk]
    # The same claim quoted in two matching sources.
    quote_again(desk["envoy"], desk["paris"], "coalition", user=editor)
    response = page(editor_client, source_q="report")
    ids = [claim.pk for claim in response.context["page"].object_list]
    assert sorted(ids) == sorted(
        {desk["envoy"].pk, desk["twenty_six"].pk, desk["thirty_five"].pk}
    )
    assert response.context["page"].paginator.count == 3


def test_the_typed_source_combines_with_status_search_and_assignee(
    editor_client, desk, reviewer
):
    assert listed(editor_client, source_q="kyiv", status="false") == [
        desk["twenty_six"].pk
    ]
    assert listed(editor_client, source_q="report", q="nations") == [
        desk["thirty_five"].pk,
        desk["twenty_six"].pk,
    ]
    assert listed(editor_client, source_q="report", assignee=reviewer.pk) == [
        desk["envoy"].pk
    ]
    assert listed(editor_client, source_q="kyiv", source=desk["paris"].pk) == []


def test_the_typed_source_keeps_the_newest_first_order_and_the_pages(
    editor_client, source_factory, claim_factory
):
    source = source_factory(
        "Long report\n" + " ".join(f"w{i}." for i in range(30)), publisher="Wire"
    )
    made = [claim_factory(source, f"w{i}.", f"Claim {i}").pk for i in range(30)]
    claim_factory(source_factory("Other\nw99."), "w99.", "Not this one")
    first = page(editor_client, source_q="long report")
    assert [c.pk for c in first.context["page"].object_list] == made[::-1][:25]
    assert "source_q=long+report&amp;page=2" in first.content.decode()
    second = page(editor_client, source_q="long report", page=2)
    assert [c.pk for c in second.context["page"].object_list] == made[::-1][25:]


def test_an_exact_source_shows_its_title_and_a_link_that_removes_only_it(
    editor_client, desk
):
    paris = desk["paris"]
    response = page(editor_client, source=paris.pk, status="unverified")
    assert [c.pk for c in response.context["page"].object_list] == [
        desk["thirty_five"].pk
    ]
    html = response.content.decode()
    assert f'Source: <a href="/sources/{paris.pk}/">Paris report</a>' in html
    assert '<a href="/claims/?status=unverified" aria-label="Remove' in html
    assert f'<input type="hidden" name="source" value="{paris.pk}">' in html
    alone = page(editor_client, source=paris.pk).content.decode()
    assert '<a href="/claims/" aria-label="Remove' in alone


@pytest.mark.parametrize("bad", ["999999", "abc", "-1"])
def test_an_unknown_source_is_shown_as_an_error_and_filters_nothing(
    editor_client, desk, bad
):
    response = page(editor_client, source=bad)
    html = response.content.decode()
    assert "were not understood" in html
    assert "There is no source with that number." in html
    assert len(response.context["page"].object_list) == 4
    assert 'name="source"' not in html
    assert "Source: <a" not in html


@pytest.mark.parametrize(
    "typed",
    ["%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "\u202ereport"],
)
def test_hostile_typing_matches_only_itself_and_is_shown_escaped(
    editor_client, desk, typed
):
    response = page(editor_client, source_q=typed)
    assert list(response.context["page"].object_list) == []
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_percent_sign_in_a_title_is_found_as_typed(
    editor_client, source_factory, claim_factory
):
    sure = source_factory("100% sure\nThey are sure.")
    claim = claim_factory(sure, "They are sure", "They are sure")
    claim_factory(source_factory("1000 sure\nThey are not."), "They are not")
    assert listed(editor_client, source_q="100%") == [claim.pk]


def test_overlong_typing_is_refused_with_a_message_and_filters_nothing(
    editor_client, desk
):
    response = page(editor_client, source_q="kyiv" * 60)
    html = response.content.decode()
    assert "were not understood" in html and "at most 200 characters" in html
    assert len(response.context["page"].object_list) == 4


def test_the_page_has_no_menu_of_sources_and_does_not_grow_with_them(
    editor_client, desk, source_factory
):
    def measure():
        html = page(editor_client).content.decode()
        return html.count("<option"), len(html)

    options, size = measure()
    for i in range(40):
        source_factory(f"Another long source title number {i}\nBody.")
    assert measure() == (options, size)
    html = page(editor_client).content.decode()
    assert "Kyiv report</option>" not in html
    assert 'name="source_q"' in html and 'placeholder="title or publisher"' in html


def test_the_reader_links_to_the_claims_on_its_source(editor_client, desk):
    kyiv = desk["kyiv"]
    html = editor_client.get(reverse("sources:detail", args=[kyiv.pk])).content.decode()
    link = f'<a href="/claims/?source={kyiv.pk}">Claims on this source</a>'
    assert link in html
    assert set(listed(editor_client, source=kyiv.pk)) == {
        desk["envoy"].pk,
        desk["twenty_six"].pk,
    }

"""The sources list: every source with its kind, date, publisher and a bar of its claims by status."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sources.models import Source


def test_each_source_has_a_bar_of_its_claims_by_status(
    editor_client, source_factory, claim_factory, reviewer
):
    source = source_factory("Title\nalpha beta gamma delta")
    source_factory("Quiet\nNothing checked here.")
    claim_factory(source, "alpha", status="false", status_by=reviewer)
    claim_factory(source, "beta", status="verified", status_by=reviewer)
    claim_factory(source, "gamma", status="verified", status_by=reviewer)
    claim_factory(source, "delta")
    response = editor_client.get(reverse("sources:list"))
    row = next(s for s in response.context["sources"] if s.pk == source.pk)
    assert [(p.status, p.count, p.width) for p in row.status_bar] == [
        ("false", 1, 25),
        ("unverified", 1, 25),
        ("verified", 2, 50),
    ]
    html = response.content.decode()
    assert 'aria-label="4 claims: 1 false, 1 unverified, 2 verified"' in html
    assert "no claims yet" in html
    assert f'href="{reverse("sources:detail", args=[source.pk])}"' in html


def test_sources_list_searches_title_and_text_and_filters_by_kind(
    editor_client, source_factory
):
    news = source_factory("Envoy news\nThe envoy arrived.")
    wiki = source_factory(
        "Coalition article\nThe coalition has members.",
        kind=Source.Kind.ENCYCLOPEDIA_ARTICLE,
    )

    def listed(**params):
        response = editor_client.get(reverse("sources:list"), params)
        return {s.pk for s in response.context["sources"]}

    assert listed(q="arrived") == {news.pk}
    assert listed(q="coalition article") == {wiki.pk}
    assert listed(kind="encyclopedia_article") == {wiki.pk}
    assert listed(kind="bogus") == {news.pk, wiki.pk}


def test_sources_list_makes_the_same_queries_for_1_or_6_sources(
    editor_client, source_factory, claim_factory
):
    counts = []
    for i in range(6):
        source = source_factory(f"Title {i}\nword{i} here")
        claim_factory(source, f"word{i}")
        if i in (0, 5):
            editor_client.get(reverse("sources:list"))
            with CaptureQueriesContext(connection) as queries:
                editor_client.get(reverse("sources:list"))
            counts.append(len(queries))
    # Session, user, the page's sources with their counts, the paginator's count, the
    # role check for the import button and the masthead's unread count.
    assert counts[0] == counts[1] <= 6

"""The sources list pages through a large desk, keeping its filters."""

from django.urls import reverse


def test_sources_list_shows_25_a_page_and_keeps_the_search_in_its_links(
    editor_client, source_factory
):
    for number in range(30):
        source_factory(
            f"Report {number}\nThe coalition met in Paris.", kind="news_article"
        )
    source_factory("Other\nNothing about that.")
    url = reverse("sources:list")
    first = editor_client.get(url, {"q": "coalition"})
    assert len(first.context["sources"]) == 25
    assert first.context["page"].paginator.count == 30
    assert "q=coalition&amp;kind=&amp;page=2" in first.content.decode()
    second = editor_client.get(url, {"q": "coalition", "page": 2})
    assert len(second.context["sources"]) == 5
    assert {s.title for s in first.context["sources"]}.isdisjoint(
        s.title for s in second.context["sources"]
    )
    beyond = editor_client.get(url, {"q": "coalition", "page": 99})
    assert beyond.context["page"].number == 2

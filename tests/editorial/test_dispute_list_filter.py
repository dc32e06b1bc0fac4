"""The disputes list filtered by a source names the source by its title, not its number."""

from django.urls import reverse


def test_the_source_filter_names_the_source_by_its_title(
    editor_client, source_factory, django_assert_max_num_queries
):
    source = source_factory("Coalition pledges troops\nThe coalition met in Paris.")
    url = reverse("disputes:list")
    with django_assert_max_num_queries(12):
        page = editor_client.get(url, {"source": source.pk}).content.decode()
    assert "Coalition pledges troops" in page
    assert f"source {source.pk}" not in page


def test_a_filter_by_a_source_that_is_gone_says_so(editor_client, db):
    page = editor_client.get(reverse("disputes:list"), {"source": 99999}).content
    assert b"a source that is no longer on the desk" in page

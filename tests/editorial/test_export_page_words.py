"""The export page speaks the newsroom's words, not the framework's or schema.org's field names."""

from django.urls import reverse


def test_the_export_page_says_what_each_file_is_in_plain_words(reviewer_client):
    page = reviewer_client.get(reverse("export:index")).content.decode()
    for jargon in ("Django", "JSON fixtures", "ratingValue", "alternateName"):
        assert jargon not in page, jargon
    assert "A copy of the desk for another desk" in page
    assert "Score" in page and "Download fixtures" in page

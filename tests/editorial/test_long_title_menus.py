"""A source menu cuts a long title and keeps the whole of it as the option's tooltip."""

from django.urls import reverse

TITLE = "Unbroken" * 62 + "Word"


def test_the_recent_changes_source_menu_cuts_long_titles(source_factory, editor_client):
    source = source_factory(f"{TITLE}\nThe text.\n")
    page = editor_client.get(reverse("history:changes")).content.decode()
    assert f'<option value="{source.pk}" title="{TITLE}">{TITLE[:79]}…</option>' in page

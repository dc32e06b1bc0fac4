"""A long source title is cut where a filter names the source, the whole of it kept as
the tooltip; and no filter lists every source of the desk as a menu."""

from django.urls import reverse

TITLE = "Unbroken" * 62 + "Word"


def test_recent_changes_names_its_chosen_source_with_a_cut_title(
    source_factory, editor_client
):
    source = source_factory(f"{TITLE}\nThe text.\n")
    page = editor_client.get(
        reverse("history:changes"), {"source": source.pk}
    ).content.decode()
    assert f'title="{TITLE}">{TITLE[:79]}…</a>' in page


def test_recent_changes_offers_no_menu_of_every_source(source_factory, editor_client):
    sources = [source_factory() for _ in range(3)]
    page = editor_client.get(reverse("history:changes")).content.decode()
    assert not any(f">{source.title}</option>" in page for source in sources)

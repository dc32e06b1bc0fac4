"""Hostile words in comments stay text on every page that shows a thread."""

from django.urls import reverse

from editorial.models import Comment
from tests.hostile import MARKERS, build_hostile_desk


def test_hostile_comments_are_shown_as_text_on_every_thread(client, reviewer):
    desk = build_hostile_desk(reviewer=reviewer)
    client.force_login(desk["editor"])
    highlight = Comment.objects.exclude(highlight=None).get().highlight
    urls = [
        reverse("claims:detail", args=[desk["claim"].pk]),
        reverse("disputes:detail", args=[desk["dispute"].pk]),
        reverse("conversation:highlight", args=[highlight.pk]),
        reverse("conversation:thread", args=["highlight", highlight.pk]),
        reverse("conversation:inbox"),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        found = [marker for marker in MARKERS if marker in html]
        assert found == [], url
    claim_page = client.get(urls[0]).content.decode()
    assert "&lt;script&gt;window.__pwned" in claim_page  # there, escaped
    assert "[click](javascript:window.__pwned=1)" in claim_page  # no link made

"""The Atom feed of published fact checks (Django's syndication framework)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from editorial.publishing import selectors

FEED_SIZE = 50


class FactCheckFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return f"Fact checks by {settings.EDITORIAL_ORGANISATION_NAME}"

    def link(self):
        return reverse("publishing:list")

    def subtitle(self):
        return "Claims checked and rated, newest first."

    def items(self):
        return selectors.public_fact_checks()[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse("publishing:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return selectors.date_modified(item)

    def item_author_name(self, item):
        return settings.EDITORIAL_ORGANISATION_NAME

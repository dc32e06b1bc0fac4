"""sitemap.xml: every published fact check's page (Django's sitemaps framework)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from editorial.publishing import selectors


class FactCheckSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.public_fact_checks()

    def location(self, item):
        return reverse("publishing:detail", args=[item.slug])

    def lastmod(self, item):
        return selectors.date_modified(item)


SITEMAPS = {"fact-checks": FactCheckSitemap}

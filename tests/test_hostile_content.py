"""Hostile text in sources, claims, notes, evidence and usernames is shown as text everywhere.

Every page, export and API answer the permission matrix lists is fetched over a desk
made of hostile text (``tests/hostile.py``), and so is every admin page for it. HTML
must carry none of the markup unescaped, no ``javascript:`` link and no script but
static files and JSON data blocks; JSON must parse and say it is JSON; the CSV must
not start a cell with a formula. The browser test does the same in Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.hostile import FORMULA, MARKERS, build_hostile_desk
from tests.test_permission_matrix import MATRIX, url_kwargs

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
DATA_TYPES = {"application/json", "application/ld+json"}


class ActiveContent(HTMLParser):
    """Finds what a browser would run: inline scripts, handlers, ``javascript:`` URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.data_blocks: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                ("javascript:", "data:text/html", "vbscript:")
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            if (attributes.get("type") or "").lower() in DATA_TYPES:
                self._in_data = True
                self.data_blocks.append("")
            elif not attributes.get("src"):
                self.found.append("inline <script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data_blocks[-1] += data


def text_of(response) -> str:
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return raw.decode("utf-8-sig")


@pytest.fixture
def hostile(reviewer, user_factory):
    desk = build_hostile_desk(reviewer=reviewer)
    desk["chief"] = user_factory("chief", is_staff=True, is_superuser=True)
    return desk


def problems_in(response) -> list[str]:
    kind = response["Content-Type"]
    if kind.startswith("application/zip"):
        return []
    content = text_of(response)
    found = []
    if kind.startswith("text/html"):
        found += [f"unescaped {marker!r}" for marker in MARKERS if marker in content]
        parser = ActiveContent()
        parser.feed(content)
        found += parser.found
        for block in parser.data_blocks:
            json.loads(block)
    elif "json" in kind:
        json.loads(content)
        if response.get("X-Content-Type-Options") != "nosniff":
            found.append("JSON without nosniff")
    elif kind.startswith("text/csv"):
        for row in csv.reader(io.StringIO(content)):
            found += [
                f"formula cell {cell!r}"
                for cell in row
                if cell[:1] in ("=", "+", "-", "@")
            ]
    elif "xml" in kind:
        # The feed and the sitemap: well-formed XML, so every text was escaped.
        ElementTree.fromstring(content.encode())
    elif kind.startswith("text/plain"):
        pass  # robots.txt: fixed lines, no desk text
    elif kind.startswith("application/vnd.oai.openapi"):
        pass  # the API's schema: describes endpoints, holds no desk text
    else:
        found.append(f"unexpected content type {kind}")
    return found


def get_pages(hostile) -> list[str]:
    """Every URL in the matrix that a superuser may GET, pointed at the hostile desk."""
    urls = []
    for name, cells in sorted(MATRIX.items()):
        if cells["GET"].split()[-1] not in ("200",):
            continue
        urls.append(reverse(name, kwargs=url_kwargs(hostile).get(name, {})))
    return urls


def test_every_page_shows_hostile_text_as_text(client, hostile):
    client.force_login(hostile["chief"])
    found = {}
    for url in get_pages(hostile):
        query = {"version": hostile["history_id"]} if "as-of" in url else {}
        response = client.get(url, query)
        assert response.status_code == 200, url
        if problems := problems_in(response):
            found[url] = problems
    assert found == {}


def test_the_hostile_editor_sees_their_own_pages_safely(client, hostile):
    client.force_login(hostile["editor"])
    for url in [reverse("account"), reverse("sources:list"), reverse("claims:list")]:
        response = client.get(url)
        assert response.status_code == 200
        assert problems_in(response) == []
        assert (
            "ed&lt;img src=x onerror=window.__pwned=1&gt;" in response.content.decode()
        )


@pytest.mark.parametrize(
    "name", ["sources:detail", "claims:detail", "history:claim", "history:source"]
)
def test_the_hostile_text_is_there_escaped_not_dropped(client, hostile, name):
    client.force_login(hostile["chief"])
    page = client.get(reverse(name, kwargs=url_kwargs(hostile)[name])).content.decode()
    assert "&lt;svg onload=window.__pwned=1&gt;" in page or "&lt;script&gt;" in page
    assert "\u202e" in page and "🦄" in page


def test_the_embedded_claimreview_cannot_close_its_script_element(client, hostile):
    client.force_login(hostile["chief"])
    page = client.get(reverse("claims:detail", args=[hostile["claim"].pk])).content
    page = page.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block, "the claim page embeds its ClaimReview"
    assert "<" not in block.group(1) and ">" not in block.group(1)
    review = json.loads(block.group(1))
    assert "<svg onload=window.__pwned=1>" in json.dumps(review, ensure_ascii=False)


def test_the_spreadsheet_neutralises_formulas(client, hostile):
    client.force_login(hostile["chief"])
    content = text_of(client.get(reverse("export:claims-csv")))
    cells = [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    assert FORMULA not in cells
    assert "'" + FORMULA in cells


def admin_urls(hostile) -> list[str]:
    urls = [reverse("admin:index")]
    for app in ("sources", "editorial", "auth"):
        for model in apps.get_app_config(app).get_models():
            if model not in admin.site._registry:
                continue
            prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            urls.append(reverse(f"{prefix}_changelist"))
            obj = model._default_manager.order_by("-pk").first()
            if obj is None:
                continue
            urls.append(reverse(f"{prefix}_change", args=[obj.pk]))
            if hasattr(model, "history"):
                urls.append(reverse(f"{prefix}_history", args=[obj.pk]))
                row = model.history.filter(id=obj.pk).first()
                urls.append(reverse(f"{prefix}_simple_history", args=[obj.pk, row.pk]))
    return urls


def test_every_admin_page_shows_hostile_text_as_text(hostile):
    client = Client()
    client.force_login(hostile["chief"])
    found = {}
    for url in admin_urls(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        if problems := problems_in(response):
            found[url] = problems
    assert found == {}

"""Every kind of page names the desk's icon, a static file that exists (no 404 for /favicon.ico)."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse

ICON = re.compile(r'<link rel="icon" href="([^"]+favicon\.svg)"')


def test_desk_public_login_and_admin_pages_name_the_icon(client, people):
    pages = [reverse("login"), reverse("publishing:list")]
    for url in pages:
        assert ICON.search(client.get(url).content.decode()), url
    client.force_login(people["users"]["superuser"])
    for url in (reverse("sources:list"), reverse("admin:index")):
        assert ICON.search(client.get(url).content.decode()), url


def test_the_icon_is_a_static_svg():
    path = finders.find("editorial/img/favicon.svg")
    assert path is not None
    assert open(path, encoding="utf-8").read().startswith("<svg")

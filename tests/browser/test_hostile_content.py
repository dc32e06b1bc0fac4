"""In Chromium: a desk full of hostile text runs no script on any page that shows it."""

from django.urls import reverse

from tests.hostile import LONG_WORD, build_hostile_desk
from tests.test_permission_matrix import url_kwargs

from .conftest import screenshot
from .test_security import watch_policy

PAGES = [
    "sources:list",
    "sources:detail",
    "sources:revisions",
    "sources:revision-compare",
    "claims:list",
    "claims:detail",
    "history:claim",
    "history:source",
    "history:changes",
    "history:deleted",
    "disputes:list",
    "disputes:detail",
    "suggestions:list",
    "account",
]

# What an injected payload would leave behind, whether or not the policy stopped it.
INJECTED = """() => ({
  pwned: window.__pwned === 1,
  handlers: document.querySelectorAll(
    "[onerror], [onload], [onclick], [onmouseover]").length,
  images: document.querySelectorAll('img[src="x"]').length,
  svgs: document.querySelectorAll("main svg[onload]").length,
  jsLinks: [...document.querySelectorAll("a[href]")]
    .filter((a) => a.href.trim().toLowerCase().startsWith("javascript:")).length,
})"""
CLEAN = {"pwned": False, "handlers": 0, "images": 0, "svgs": 0, "jsLinks": 0}


def test_no_script_runs_and_nothing_is_injected_on_any_page(desk_page, reviewer):
    hostile = build_hostile_desk(reviewer=reviewer)
    page = desk_page(hostile["editor"])
    dialogs, refusals = [], watch_policy(page)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = {}
    for name in PAGES:
        url = reverse(name, kwargs=url_kwargs(hostile).get(name, {}))
        page.goto(url)
        for mark in page.locator("mark").all()[:3]:
            mark.hover()
        state = page.evaluate(INJECTED)
        if state != CLEAN:
            found[url] = state
        if name in ("sources:detail", "claims:detail", "history:claim"):
            screenshot(page, f"hostile-{name.replace(':', '-')}")
    assert found == {}
    assert dialogs == [] and refusals == [] and page.errors == []


def test_a_very_long_word_does_not_widen_the_reader(desk_page, reviewer):
    hostile = build_hostile_desk(reviewer=reviewer)
    page = desk_page(hostile["editor"])
    page.goto(reverse("sources:detail", args=[hostile["source"].pk]))
    assert LONG_WORD[:40] in page.locator("[data-source-body]").inner_text()
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1], "the page scrolls sideways"


def test_the_admin_runs_no_script_from_hostile_records(
    desk_page, reviewer, user_factory
):
    hostile = build_hostile_desk(reviewer=reviewer)
    chief = user_factory("chief", is_staff=True, is_superuser=True)
    page = desk_page(chief)
    refusals = watch_policy(page)
    claim, source = hostile["claim"], hostile["source"]
    row = claim.history.order_by("history_id").first()
    found = {}
    for url in [
        "/admin/editorial/claim/",
        f"/admin/editorial/claim/{claim.pk}/change/",
        f"/admin/editorial/claim/{claim.pk}/history/",
        f"/admin/editorial/claim/{claim.pk}/history/{row.pk}/",
        f"/admin/sources/source/{source.pk}/change/",
        "/admin/editorial/evidence/",
        "/admin/auth/user/",
    ]:
        page.goto(url)
        state = page.evaluate(INJECTED)
        if state != CLEAN:
            found[url] = state
    screenshot(page, "hostile-admin-users")
    assert found == {}
    assert refusals == [] and page.errors == []

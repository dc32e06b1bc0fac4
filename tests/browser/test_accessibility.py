"""Every page of the permission matrix passes axe-core with no serious or critical violation.

axe-core is the npm package pinned in ``package.json`` (``make browser-deps`` runs
``npm ci``); Playwright injects it into each page and runs it there. The pages are
checked at 1366 px and at 390 px, since a phone layout has its own contrast and
landmark mistakes to make.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from .matrix_pages import browser_desk, desk, html_pages  # noqa: F401

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}
#: Pages drawn by a third party, not by the desk's templates; axe's findings there are
#: upstream's to fix (drf-spectacular's Swagger UI: its widget's colours, buttons
#: nested in buttons, an <html> without lang).
THIRD_PARTY = {"api:docs"}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
    # (no inline scripts) does not govern; a <script> tag would be refused.
    page.evaluate(AXE.read_text() + "\n;0")
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in SERIOUS]


@pytest.fixture(scope="module")
def axe_available():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run make browser-deps (npm ci).")


def test_no_page_of_the_matrix_has_a_serious_accessibility_violation(
    axe_available,
    desk_page,
    browser_desk,  # noqa: F811
):
    pages = {
        name: url
        for name, url in html_pages(browser_desk).items()
        if name not in THIRD_PARTY
    }
    assert len(pages) > 25, f"only {len(pages)} pages found; the walk is broken"
    page = desk_page(browser_desk["users"]["superuser"])
    found = {}
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            problems = violations(page)
            if problems:
                found[f"{name} at {width} px"] = problems
    assert found == {}, json.dumps(found, indent=1)


def test_the_log_in_page_has_no_serious_accessibility_violation(
    axe_available, browser, live_server
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto(reverse("login"))
    assert violations(page) == []
    context.close()

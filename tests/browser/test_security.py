"""In a real browser: the lockout and error pages, and the admin working under the CSP."""

import pytest
from django.db import DatabaseError
from playwright.sync_api import expect

from editorial.claims import services as claim_services

from .conftest import screenshot


def watch_policy(page) -> list[str]:
    """Collect the browser's Content-Security-Policy refusals on ``page``."""
    refusals = []
    page.on(
        "console",
        lambda message: (
            refusals.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refusals


@pytest.fixture
def anonymous_page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def test_repeated_wrong_passwords_end_on_the_lockout_page(
    anonymous_page, editor, settings
):
    page = anonymous_page
    refusals = watch_policy(page)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(editor.username)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
    heading = page.get_by_role(
        "heading", name="Log-in paused after too many failed attempts"
    )
    assert heading.is_visible()
    assert page.get_by_text("Try again in 15 minutes").is_visible()
    screenshot(page, "security-lockout")
    assert refusals == []


def test_error_pages_explain_what_happened(desk_page, editor, monkeypatch):
    page = desk_page(editor)
    refusals = watch_policy(page)
    page.goto("/no-such-page/")
    assert page.get_by_role(
        "heading", name="There's nothing at this address"
    ).is_visible()
    screenshot(page, "security-404")

    def broken(**kwargs):
        raise DatabaseError("disk I/O error")

    # The live server runs in this process, so the patch reaches its requests.
    monkeypatch.setattr("editorial.intake.selectors.sources_for_list", broken)
    page.goto("/sources/")
    assert page.get_by_role(
        "heading", name="Something went wrong on the desk's side"
    ).is_visible()
    assert "disk I/O error" not in page.content()
    screenshot(page, "security-500")
    assert refusals == []


def test_a_refusal_explains_itself(desk_page, user_factory):
    clerk = user_factory("clerk", is_staff=True)
    page = desk_page(clerk)
    page.goto("/admin/editorial/claim/")
    assert page.get_by_role("heading", name="You can't do that here").is_visible()
    screenshot(page, "security-403")


def test_the_admin_and_its_history_pages_work_under_the_policy(
    desk_page, django_user_model, editor
):
    claim = claim_services.claim_create(
        statement="26 nations joined", user=editor, reason="From the article"
    )
    claim = claim_services.claim_update(
        claim=claim, statement="26 nations signed", user=editor, reason="Exact verb"
    )
    first = claim.history.order_by("history_id").first()
    chief = django_user_model.objects.create_superuser(
        "chief", password="desk-pass-123"
    )
    page = desk_page(chief)
    refusals = watch_policy(page)

    page.goto("/admin/editorial/claim/")
    # The changelist's own script runs: ticking "select all" ticks every row.
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select").first.is_checked()
    assert page.locator(".action-counter").inner_text().startswith("1 of 1")
    screenshot(page, "security-admin-changelist")

    page.goto(f"/admin/editorial/claim/{claim.pk}/change/")
    assert page.locator("#id_statement").input_value() == "26 nations signed"
    page.goto(f"/admin/editorial/claim/{claim.pk}/history/")
    assert page.get_by_text("Exact verb").first.is_visible()
    screenshot(page, "security-admin-history")

    page.goto(f"/admin/editorial/claim/{claim.pk}/history/{first.pk}/")
    page.get_by_label("Reason for this change").fill("Back to the first wording")
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    claim.refresh_from_db()
    assert claim.statement == "26 nations joined"

    page.goto("/admin/editorial/evidence/add/")
    # The related-object widget's script adds its lookup link.
    assert page.locator("#lookup_id_claim").count() == 1
    assert page.errors == []
    assert refusals == []

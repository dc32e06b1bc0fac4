"""Error pages say what happened in the desk's words, never with a stack trace."""

import pytest
from django.db import DatabaseError
from django.test import Client


def assert_friendly(response, status: int, *phrases: str):
    assert response.status_code == status
    page = response.content.decode()
    for phrase in phrases:
        assert phrase in page
    for leak in ("Traceback", 'File "', "django.", "Exception Value", "DEBUG"):
        assert leak not in page
    return page


def test_a_missing_page_says_there_is_nothing_at_that_address(editor_client):
    page = assert_friendly(
        editor_client.get("/no-such-page/<b>x</b>"),
        404,
        "nothing at this address",
        "Back to the sources",
    )
    # The address is shown (quoted), never as markup.
    assert "/no-such-page/" in page and "<b>x</b>" not in page


def test_a_refused_page_says_the_account_lacks_permission(client, user_factory):
    staff = user_factory("clerk", is_staff=True)
    client.force_login(staff)
    assert_friendly(
        client.get("/admin/editorial/claim/"),
        403,
        "You can't do that here",
        "clerk",
        "nothing was changed",
    )


def test_a_form_without_its_security_token_says_it_was_not_saved(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert_friendly(
        client.post("/accounts/logout/"),
        403,
        "That form could not be accepted",
        "nothing was saved",
    )
    assert "_auth_user_id" in client.session


def test_an_oversized_request_is_refused_with_a_clear_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    assert_friendly(
        client.post("/accounts/login/", {"username": "x" * 2000, "password": "y"}),
        400,
        "couldn't understand that request",
        "larger than the 1,000 bytes the desk accepts",
        "Nothing was saved",
    )


def test_the_request_limit_leaves_room_for_the_largest_source_text(settings):
    """A text at the documented maximum, all four-byte characters, fits in one form."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= 4 * settings.EDITORIAL_MAX_BODY_CHARS


def test_api_errors_answer_in_json(editor_client, settings, monkeypatch):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = editor_client.generic(
        "POST",
        "/api/annotations/",
        '{"x": "' + "a" * 2000 + '"}',
        content_type="application/json",
    )
    assert big.status_code == 400
    assert "larger than the 1,000 bytes" in big.json()["detail"]
    missing = editor_client.get("/api/no-such-endpoint/")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not found."})

    def broken(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr("editorial.api.views.claim_selectors.claims_for_list", broken)
    editor_client.raise_request_exception = False
    crash = editor_client.get("/api/claims/")
    assert crash.status_code == 500
    assert "nothing was saved" in crash.json()["detail"]
    assert "disk I/O" not in crash.content.decode()


def test_a_crash_shows_what_happened_and_that_nothing_was_saved(
    editor_client, monkeypatch
):
    def broken(**kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr("editorial.intake.selectors.sources_for_list", broken)
    editor_client.raise_request_exception = False
    page = assert_friendly(
        editor_client.get("/sources/"),
        500,
        "Something went wrong",
        "was not saved, not even in part",
    )
    assert "disk I/O error" not in page


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_load_only_the_desks_own_stylesheet(status):
    from django.template.loader import get_template

    page = get_template(f"{status}.html").render({})
    assert "desk.css" in page and "<script" not in page

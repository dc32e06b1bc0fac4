"""Logging in and out, changing a password, and a login on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/claims/",
        "/claims/1/",
        "/sources/1/",
        "/accounts/me/",
        "/accounts/password_change/",
    ],
)
def test_every_desk_page_needs_a_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")


def test_the_api_answers_401_not_a_login_page(client, db):
    response = client.get(reverse("api:claims"))
    assert response.status_code == 401


def test_login_logout_and_password_change(client, editor):
    response = client.post(
        reverse("login"), {"username": "ed", "password": "desk-pass-123"}
    )
    assert response.status_code == 302 and response.url == reverse("home")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "desk-pass-123",
            "new_password1": "a-much-longer-Pass-42",
            "new_password2": "a-much-longer-Pass-42",
        },
    )
    assert response.status_code == 302
    assert "Password changed" in client.get(response.url).content.decode()
    editor.refresh_from_db()
    assert editor.check_password("a-much-longer-Pass-42")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_a_weak_new_password_is_refused_with_a_message(editor_client, editor):
    response = editor_client.post(
        reverse("password_change"),
        {
            "old_password": "desk-pass-123",
            "new_password1": "123",
            "new_password2": "123",
        },
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("desk-pass-123")


def test_account_page_says_what_the_role_allows(client, editor, reviewer):
    client.force_login(editor)
    assert (
        "verdicts are for reviewers" in client.get(reverse("account")).content.decode()
    )
    client.force_login(reviewer)
    assert "give verdicts" in client.get(reverse("account")).content.decode()

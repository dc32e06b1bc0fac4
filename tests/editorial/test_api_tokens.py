"""Per-user API tokens: made on the account page, stored hashed, revocable."""

from __future__ import annotations

import hashlib

from django.test import Client
from django.urls import reverse

from editorial.accounts import services as account_services
from editorial.models import ApiToken


def test_a_token_is_stored_only_as_a_hash_and_shown_once(editor_client, editor):
    response = editor_client.post(
        reverse("api-token-create"), {"name": "nightly check"}
    )
    assert response.status_code == 200
    key = response.context["new_key"]["key"]
    token = ApiToken.objects.get()
    assert token.user == editor
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.key_prefix, token.name}
    assert token.history.get().history_user == editor
    page = editor_client.get(reverse("account")).content.decode()
    assert key not in page
    assert "nightly check" in page


def test_a_token_authenticates_api_calls_without_csrf(editor, source_factory):
    _, key = account_services.api_token_create(
        user=editor, name="script", reason="Test"
    )
    source = source_factory("Title\nSome words here.")
    client = Client(enforce_csrf_checks=True)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    response = client.get(reverse("api:source-annotations", args=[source.pk]), **auth)
    assert response.status_code == 200
    response = client.post(
        reverse("api:annotations"),
        {
            "type": "Annotation",
            "bodyValue": "Some words are here.",
            "target": {
                "source": f"/sources/{source.pk}/",
                "selector": {"type": "TextQuoteSelector", "exact": "Some words"},
            },
        },
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_unknown_and_malformed_tokens_get_401(editor_client, editor):
    token, key = account_services.api_token_create(
        user=editor, name="old", reason="Test"
    )
    response = editor_client.post(reverse("api-token-revoke", args=[token.pk]))
    assert response.status_code == 302
    url = reverse("api:claims")
    client = Client()
    for header in [f"Token {key}", "Token not-a-key", "Token two parts"]:
        response = client.get(url, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response.json()["detail"]


def test_only_the_owner_revokes_a_token(client, editor, user_factory):
    token, _ = account_services.api_token_create(
        user=editor, name="mine", reason="Test"
    )
    client.force_login(user_factory())
    response = client.post(reverse("api-token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_a_token_needs_a_name(editor_client):
    response = editor_client.post(reverse("api-token-create"), {"name": " "})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_the_admin_lists_tokens_and_revokes_them_through_the_service(
    client, editor, django_user_model
):
    token, _ = account_services.api_token_create(
        user=editor, name="cron", reason="Test"
    )
    chief = django_user_model.objects.create_superuser("chief", password="x-pass-12")
    client.force_login(chief)
    url = reverse("admin:editorial_apitoken_changelist")
    assert "cron" in client.get(url).content.decode()
    assert (
        client.get(
            reverse("admin:editorial_apitoken_change", args=[token.pk])
        ).status_code
        == 200
    )
    client.post(url, {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert not token.is_active
    assert token.history.first().history_change_reason == "Revoked in the admin"

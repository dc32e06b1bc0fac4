"""Log-in throttling (django-axes): repeated wrong passwords lock one username from one address."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from editorial.security import client_ip

LOGIN = "/accounts/login/"
RIGHT = "desk-pass-123"


def fail(client, username, times, **extra):
    response = None
    for _ in range(times):
        response = client.post(
            LOGIN, {"username": username, "password": "wrong-guess"}, **extra
        )
    return response


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


def test_wrong_passwords_below_the_limit_just_say_they_did_not_match(
    client, editor, limit
):
    response = fail(client, editor.username, limit - 1)
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()
    assert (
        client.post(LOGIN, {"username": editor.username, "password": RIGHT}).status_code
        == 302
    )


def test_reaching_the_limit_shows_the_lockout_page_and_refuses_the_right_password(
    client, editor, limit
):
    response = fail(client, editor.username, limit)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Log-in paused after too many failed attempts" in page
    assert f"wrong {limit} times" in page
    assert "Try again in 15 minutes" in page
    assert editor.username in page
    assert "Traceback" not in page

    refused = client.post(LOGIN, {"username": editor.username, "password": RIGHT})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_touches_neither_other_usernames_nor_other_addresses(
    client, editor, reviewer, limit
):
    fail(client, editor.username, limit)
    assert (
        client.post(
            LOGIN, {"username": reviewer.username, "password": RIGHT}
        ).status_code
        == 302
    )
    client.logout()
    elsewhere = client.post(
        LOGIN,
        {"username": editor.username, "password": RIGHT},
        REMOTE_ADDR="203.0.113.9",
    )
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, editor, limit):
    for n in range(limit):
        client.post(
            LOGIN,
            {"username": editor.username, "password": "wrong-guess"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    response = client.post(
        LOGIN,
        {"username": editor.username, "password": RIGHT},
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert response.status_code == 429


def test_the_address_is_the_connection_unless_behind_the_tls_proxy():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert client_ip(request) == "10.0.0.5"
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        # The proxy appends the real client last; what the client sent comes first.
        assert client_ip(request) == "203.0.113.7"


def test_a_successful_log_in_clears_earlier_failures(client, editor, limit):
    fail(client, editor.username, limit - 1)
    assert (
        client.post(LOGIN, {"username": editor.username, "password": RIGHT}).status_code
        == 302
    )
    client.logout()
    response = fail(client, editor.username, limit - 1)
    assert response.status_code == 200


def test_the_lock_lifts_after_the_cool_off(client, editor, limit, settings):
    fail(client, editor.username, limit)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    assert (
        client.post(LOGIN, {"username": editor.username, "password": RIGHT}).status_code
        == 302
    )


def test_the_admin_log_in_is_throttled_too(client, django_user_model, limit):
    django_user_model.objects.create_superuser("chief", password=RIGHT)
    url = reverse("admin:login")
    for _ in range(limit):
        client.post(url, {"username": "chief", "password": "wrong-guess"})
    response = client.post(url, {"username": "chief", "password": RIGHT})
    assert response.status_code == 429
    assert "Log-in paused" in response.content.decode()


def test_the_lockout_is_visible_to_admins_and_can_be_cleared(
    client, editor, django_user_model, limit
):
    fail(client, editor.username, limit)
    chief = django_user_model.objects.create_superuser("chief", password=RIGHT)
    client.force_login(chief)
    attempts = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert editor.username in attempts.content.decode()
    client.logout()
    AccessAttempt.objects.filter(username=editor.username).delete()
    assert (
        client.post(LOGIN, {"username": editor.username, "password": RIGHT}).status_code
        == 302
    )

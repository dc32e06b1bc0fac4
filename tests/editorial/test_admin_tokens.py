"""A revoked API token never works again, whatever the path (issue 20, finding 1).

The token admin was on plain ``SimpleHistoryAdmin``: a staff user who could only view
tokens posted a revoked token's history form and the token worked again, in a history
row without a reason. Every admin is now on the desk's base, and the model refuses to
save a revoked token as working.
"""

import json

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from core.admin import DeskModelAdmin
from core.history import delete_with_history
from editorial.accounts import services as account_services
from editorial.models import ApiToken

PROJECT_APPS = {"core", "sources", "reference", "editorial"}


def test_every_admin_of_the_projects_apps_is_on_the_desk_admin_base():
    project = {
        model._meta.label: type(model_admin).__name__
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
    }
    assert "editorial.ApiToken" in project
    outside = {
        label: name
        for label, name in project.items()
        if not isinstance(admin.site._registry[apps.get_model(label)], DeskModelAdmin)
    }
    assert outside == {}, "Admins not on core.admin.DeskModelAdmin"


@pytest.fixture
def revoked(editor):
    token, key = account_services.api_token_create(
        user=editor, name="script", reason="For the nightly check"
    )
    token = account_services.api_token_revoke(
        token=token, user=editor, reason="Laptop lost"
    )
    return token, key


def still_revoked(token, key, rows: int):
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.count() == rows
    response = Client().get(reverse("api:claims"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401


def history_form(token, row):
    url = reverse("admin:editorial_apitoken_simple_history", args=[token.pk, row.pk])
    data = {
        "name": token.name,
        "created_at_0": "2026-01-01",
        "created_at_1": "10:00:00",
        "revoked_at_0": "",
        "revoked_at_1": "",
        "change_reason": "Bring it back",
    }
    return url, data


def test_staff_who_may_only_view_tokens_cannot_revert_a_revoked_one(
    client, user_factory, revoked
):
    token, key = revoked
    viewer = user_factory("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_apitoken"))
    client.force_login(viewer)
    first = token.history.order_by("history_id").first()
    url, data = history_form(token, first)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    still_revoked(token, key, rows=2)


def test_a_superuser_cannot_revert_a_revoked_token_from_its_history_page(
    client, user_factory, revoked
):
    token, key = revoked
    client.force_login(user_factory("chief", is_staff=True, is_superuser=True))
    first = token.history.order_by("history_id").first()
    url, data = history_form(token, first)
    assert client.post(url, data).status_code == 403
    change = reverse("admin:editorial_apitoken_change", args=[token.pk])
    assert client.post(change, data).status_code == 403
    still_revoked(token, key, rows=2)


def test_the_token_admin_pages_show_and_revoking_there_keeps_a_reason(
    client, user_factory, editor
):
    token, _ = account_services.api_token_create(
        user=editor, name="script", reason="Test"
    )
    client.force_login(user_factory("chief", is_staff=True, is_superuser=True))
    for url in [
        reverse("admin:editorial_apitoken_changelist"),
        reverse("admin:editorial_apitoken_change", args=[token.pk]),
        reverse("admin:editorial_apitoken_history", args=[token.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("admin:editorial_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    latest = token.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Revoked in the admin"


def test_saving_a_revoked_token_as_working_is_refused_with_a_message(revoked):
    token, key = revoked
    token.revoked_at = None
    with pytest.raises(ValidationError) as refused:
        token.save()
    (message,) = refused.value.message_dict["revoked_at"]
    assert message.startswith("A revoked API token stays revoked")
    assert "make a new token on their account page" in message
    still_revoked(token, key, rows=2)


def test_a_revoked_token_cannot_come_back_through_loaddata(revoked, tmp_path):
    token, key = revoked
    (entry,) = json.loads(serializers.serialize("json", [token]))
    entry["fields"]["revoked_at"] = None
    fixture = tmp_path / "token.json"
    fixture.write_text(json.dumps([entry]))
    with pytest.raises(ValidationError, match="stays revoked"):
        call_command("loaddata", str(fixture), verbosity=0)
    still_revoked(token, key, rows=2)


def test_a_revoked_token_cannot_come_back_through_import_fixtures(
    revoked, tmp_path, reviewer
):
    token, key = revoked
    (entry,) = json.loads(serializers.serialize("json", [token]))
    entry["fields"]["revoked_at"] = None
    fixture = tmp_path / "token.json"
    fixture.write_text(json.dumps([entry]))
    with pytest.raises(CommandError, match="API tokens are never loaded from files"):
        call_command(
            "import_fixtures",
            str(fixture),
            "--user",
            reviewer.username,
            "--reason",
            "Bring it back",
            verbosity=0,
        )
    still_revoked(token, key, rows=2)


def test_a_deleted_revoked_token_cannot_be_saved_again(revoked, editor):
    token, key = revoked
    pk, key_hash = token.pk, token.key_hash
    delete_with_history(token, user=editor, reason="Tidy up")
    again = ApiToken(
        pk=pk, user=editor, name="script", key_hash=key_hash, key_prefix=key[:8]
    )
    with pytest.raises(ValidationError, match="stays revoked"):
        again.save()
    assert not ApiToken.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("command", ["import_fixtures", "load_fixtures"])
def test_a_deleted_token_cannot_come_back_through_the_fixture_loader(
    command, editor, tmp_path
):
    """Tokens are never exported, so a token in a file is refused whatever its state:
    a deleted one (never revoked) would otherwise come back as a new row."""
    token, key = account_services.api_token_create(
        user=editor, name="script", reason="Test"
    )
    (entry,) = json.loads(serializers.serialize("json", [token]))
    delete_with_history(token, user=editor, reason="Tidy up")
    fixture = tmp_path / "token.json"
    fixture.write_text(json.dumps([entry]))
    with pytest.raises(CommandError, match="API tokens are never loaded from files"):
        call_command(command, str(fixture), verbosity=0)
    assert not ApiToken.objects.filter(key_hash=token.key_hash).exists()

"""Settings read the environment; demo accounts are for local use only."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from editorial.settings.base import BASE_DIR


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_deploy_check_is_clean_with_debug_off_and_a_real_secret():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 20 + "a-real-long-random-secret-key-0123456789",
        DJANGO_ALLOWED_HOSTS="desk.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_a_secret_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_sqlite_is_set_up_for_concurrent_requests():
    from editorial.settings.base import database_from_environment

    os.environ.pop("DATABASE_URL", None) if False else None
    saved = os.environ.pop("DATABASE_URL", None)
    try:
        options = database_from_environment()["OPTIONS"]
    finally:
        if saved is not None:
            os.environ["DATABASE_URL"] = saved
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_database_url_selects_postgresql(monkeypatch):
    from editorial.settings.base import database_from_environment

    monkeypatch.setenv("DATABASE_URL", "postgres://desk:pw@db.example:5432/editorial")
    config = database_from_environment()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"]) == ("db.example", "editorial")


@override_settings(DEBUG=True)
def test_demo_accounts_are_made_once_and_passwords_printed_once(db, django_user_model):
    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_demo_accounts", stdout=first)
    call_command("ensure_demo_accounts", stdout=second)
    assert (
        "shown only now" in first.getvalue()
        and "shown only now" not in second.getvalue()
    )
    assert (
        django_user_model.objects.filter(
            username__in=["editor", "reviewer", "admin"]
        ).count()
        == 3
    )
    assert (
        django_user_model.objects.get(username="editor")
        .groups.filter(name="Editors")
        .exists()
    )
    assert (
        django_user_model.objects.get(username="reviewer")
        .groups.filter(name="Reviewers")
        .exists()
    )
    password = first.getvalue().split("editor")[1].split()[0]
    assert django_user_model.objects.get(username="editor").check_password(password)


@override_settings(DEBUG=False)
def test_demo_accounts_are_refused_when_debug_is_off(db, django_user_model):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("ensure_demo_accounts", stdout=io.StringIO())
    assert not django_user_model.objects.filter(username="editor").exists()


def test_source_list_shows_the_five_seed_sources_after_login(
    client, shipped_desk, editor
):
    assert client.get("/").status_code == 302
    client.force_login(editor)
    page = client.get("/sources/").content.decode()
    assert page.count("<tr>") == 6
    assert "Multinational Force – Ukraine" in page


def test_no_password_reset_pages_since_the_desk_sends_no_mail(client, db):
    for url in ["/accounts/password_reset/", "/accounts/reset/MQ/set-password/"]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"email": "someone@example.org"}).status_code == 404
    from django.core import mail

    assert mail.outbox == []


def test_postgresql_connections_are_made_with_jit_off(monkeypatch):
    """Short queries must not pay PostgreSQL's JIT compilation (hundreds of ms)."""
    from editorial.settings.base import database_from_environment

    monkeypatch.setenv(
        "DATABASE_URL", "postgres://desk@db.example:5432/editorial?options=-c%20x=1"
    )
    database = database_from_environment()
    assert database["OPTIONS"]["options"].endswith("-c jit=off")
    monkeypatch.delenv("DATABASE_URL")
    assert "options" not in database_from_environment()["OPTIONS"]


@pytest.mark.django_db
def test_the_suites_postgresql_runs_with_jit_off():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

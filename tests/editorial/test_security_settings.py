"""Headers and settings that keep the desk safe: CSP, clickjacking, cookies, HSTS, passwords."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from editorial.settings.base import BASE_DIR

REAL_SECRET = "x" * 20 + "a-real-long-random-secret-key-0123456789"


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_HTTPONLY", "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF",
]}))
"""


def settings_of(module: str, **env) -> dict:
    result = run_python(SHOW_SETTINGS, DJANGO_SETTINGS_MODULE=module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_turn_on_secure_cookies_hsts_and_https():
    values = settings_of(
        "editorial.settings.production",
        DJANGO_SECRET_KEY=REAL_SECRET,
        DJANGO_ALLOWED_HOSTS="desk.example.org",
    )
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"]


def test_local_settings_leave_cookies_usable_over_plain_http():
    values = settings_of("editorial.settings.local")
    assert values["DEBUG"] is True
    assert not values["SESSION_COOKIE_SECURE"] and not values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_deploy_check_is_clean_with_the_production_settings_module():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings",
            "editorial.settings.production",
        ],
        cwd=BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SECRET_KEY": REAL_SECRET,
            "DJANGO_ALLOWED_HOSTS": "desk.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_responses_carry_hsts_and_redirect_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert client.get("/accounts/login/").status_code == 301
    response = client.get("/accounts/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_secure_cookies_are_marked_secure_and_http_only(client, editor, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get("/accounts/login/", secure=True)
    response = client.post(
        "/accounts/login/",
        {"username": editor.username, "password": "desk-pass-123"},
        secure=True,
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert client.cookies[settings.CSRF_COOKIE_NAME]["secure"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize("url", ["/accounts/login/", "/", "/admin/", "/no-such-page/"])
def test_every_page_carries_a_policy_that_runs_no_inline_script(editor_client, url):
    response = editor_client.get(url)
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_pages_refuse_to_be_framed(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]


INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def template_files():
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += [
        Path(settings.BASE_DIR) / app / "templates" for app in ("editorial", "sources")
    ]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*.html"))


@pytest.mark.parametrize(
    "path", template_files(), ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_no_template_has_inline_script_handlers_or_styles(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to a static file"
    assert not INLINE_HANDLER.search(text), "inline on...= handler: use a listener"
    assert not INLINE_STYLE.search(text), "inline style=: use a class in the CSS"
    assert "javascript:" not in text.lower()


def test_history_list_override_is_the_package_template_less_its_inline_style():
    """The override exists only for CSP; it must track simple-history's own template."""
    import simple_history

    package = (
        Path(simple_history.__file__).parent
        / "templates/simple_history/object_history_list.html"
    ).read_text(encoding="utf-8")
    ours = (
        Path(settings.BASE_DIR) / "templates/simple_history/object_history_list.html"
    ).read_text(encoding="utf-8")
    ours_without_comment = ours.split("{% endcomment %}\n", 1)[1]
    assert ours_without_comment == package.replace(
        '<p class="paginator" style="border-top: 0">', '<p class="paginator">'
    )


@pytest.mark.parametrize(
    "password",
    ["short1", "password123", "12345678901", "ed-the-editor"],
    ids=["too-short", "common", "all-digits", "like-the-username"],
)
def test_weak_passwords_are_refused(editor, password):
    editor.first_name = "ed-the-editor"
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_long_uncommon_password_is_accepted(editor):
    validate_password("amber-otter-lantern-41", user=editor)

"""Source and evidence URLs accept only http and https, on every path that writes them."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Evidence
from sources import services as source_services
from sources.models import Source
from sources.validators import web_url_validator
from tests.dbdump import dump_difference, full_dump

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://files.example.org/a.txt",
    "mailto:desk@example.org",
    "//evil.example/x",
    "http://",
    "https://exa mple.org/",
    "not a url",
]
GOOD_URLS = ["https://example.org/a?b=c#d", "http://news.example.com/2026/01/06/x"]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_the_validator_refuses_anything_but_web_addresses(url):
    with pytest.raises(ValidationError, match="http:// or https://"):
        web_url_validator(url)


@pytest.mark.parametrize("url", GOOD_URLS)
def test_the_validator_accepts_web_addresses(url):
    web_url_validator(url)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_importing_a_source_with_a_bad_url_imports_nothing(editor, url):
    before = full_dump()
    with pytest.raises(ValidationError) as error:
        source_services.source_import_text(
            text="Title\nBody.", user=editor, reason="Import", url=url
        )
    assert "url" in error.value.message_dict
    assert dump_difference(before, full_dump()) == {}


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_changing_a_source_to_a_bad_url_changes_nothing(source_factory, editor, url):
    source = source_factory()
    before = full_dump()
    with pytest.raises(ValidationError):
        source_services.source_update_metadata(
            source=source, url=url, user=editor, reason="Link"
        )
    assert dump_difference(before, full_dump()) == {}


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_evidence_with_a_bad_url_is_refused(editor, url):
    claim = claim_services.claim_create(statement="A claim", user=editor, reason="New")
    before = full_dump()
    with pytest.raises(ValidationError) as error:
        claim_services.evidence_add(
            claim=claim, supports=True, url=url, user=editor, reason="Found"
        )
    assert "url" in error.value.message_dict
    assert dump_difference(before, full_dump()) == {}


def test_evidence_with_a_web_url_is_kept(editor):
    claim = claim_services.claim_create(statement="A claim", user=editor, reason="New")
    evidence = claim_services.evidence_add(
        claim=claim, supports=True, url=GOOD_URLS[0], user=editor, reason="Found"
    )
    assert evidence.url == GOOD_URLS[0]


@pytest.fixture
def chief_client(client, db):
    chief = get_user_model().objects.create_superuser("chief", password="x-pass-123")
    client.force_login(chief)
    return client


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org/"]
)
def test_the_admin_refuses_a_bad_source_url(chief_client, source_factory, url):
    source = source_factory()
    before = full_dump()
    response = chief_client.post(
        reverse("admin:sources_source_change", args=[source.pk]),
        {
            "title": source.title,
            "url": url,
            "kind": source.kind,
            "language": "en",
            "change_reason": "Link",
            "revisions-TOTAL_FORMS": 0,
            "revisions-INITIAL_FORMS": 0,
            "highlights-TOTAL_FORMS": 0,
            "highlights-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert dump_difference(before, full_dump()) == {}


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd"])
def test_the_admin_refuses_bad_evidence_urls(chief_client, editor, url):
    claim = claim_services.claim_create(statement="A claim", user=editor, reason="New")
    before = full_dump()
    response = chief_client.post(
        reverse("admin:editorial_evidence_add"),
        {"claim": claim.pk, "url": url, "supports": "on", "change_reason": "Found"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert dump_difference(before, full_dump()) == {}
    assert not Evidence.objects.exists()


def test_the_import_command_refuses_a_bad_url_option(tmp_path, editor):
    article = tmp_path / "article.txt"
    article.write_text("Title\nBody.", encoding="utf-8")
    before = full_dump()
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_sources",
            str(article),
            url="javascript:alert(1)",
            user=editor.username,
            stdout=io.StringIO(),
            stderr=stderr,
        )
    assert "http:// or https://" in stderr.getvalue()
    assert dump_difference(before, full_dump()) == {}


def test_the_import_command_refuses_a_bad_url_in_the_sidecar(tmp_path, editor):
    article = tmp_path / "article.txt"
    article.write_text("Title\nBody.", encoding="utf-8")
    (tmp_path / "article.json").write_text(
        json.dumps({"url": "javascript:alert(1)"}), encoding="utf-8"
    )
    before = full_dump()
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_sources",
            str(article),
            user=editor.username,
            stdout=io.StringIO(),
            stderr=stderr,
        )
    assert "http:// or https://" in stderr.getvalue()
    assert dump_difference(before, full_dump()) == {}


def test_a_fixture_with_a_bad_url_loads_nothing(tmp_path, editor):
    fixture = tmp_path / "bad.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "sources.source",
                    "pk": 990,
                    "fields": {
                        "title": "Hostile",
                        "url": "javascript:alert(1)",
                        "kind": "news_article",
                        "language": "en",
                        "sha256": "f" * 64,
                    },
                }
            ]
        ),
        encoding="utf-8",
    )
    before = full_dump()
    with pytest.raises(ValidationError, match="http:// or https://"):
        fixtures_load(paths=[fixture])
    assert dump_difference(before, full_dump()) == {}
    assert not Source.objects.filter(pk=990).exists()

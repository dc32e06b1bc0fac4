"""The protocol's writes go through the desk's services (roles, history, restorable
deletes), and other origins reach the API with tokens only (CORS)."""

import json

import pytest
from django.test import override_settings

from editorial.accounts.services import api_token_create
from editorial.models import Claim, ClaimHighlight, Highlight

ANNO = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@pytest.fixture
def source(source_factory, claim_factory):
    source = source_factory(
        "Talks\nThe talks ended on Friday with a deal on 22 hostages."
    )
    claim_factory(source, "22 hostages", "22 hostages are to be freed")
    return source


def _token(user):
    return {
        "HTTP_AUTHORIZATION": f"Token {api_token_create(user=user, name='t', reason='t')[1]}"
    }


def _post(client, source, auth, **extra):
    body = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "The talks ended on Friday"},
        "target": {
            "selector": {"type": "TextQuoteSelector", "exact": "ended on Friday"}
        },
        **extra,
    }
    return client.post(
        f"/annotations/{source.pk}/", json.dumps(body), content_type=ANNO, **auth
    )


def test_a_post_makes_a_highlight_and_a_claim_in_history(client, source, editor):
    answer = _post(client, source, _token(editor), reason="From our annotation tool")
    assert answer.status_code == 201
    highlight = Highlight.objects.get(exact="ended on Friday")
    claim = Claim.objects.get(statement="The talks ended on Friday")
    row = highlight.history.first()
    assert row.history_user == editor
    assert row.history_change_reason == "From our annotation tool"
    assert claim.history.get().history_user == editor


def test_someone_off_the_desk_cannot_post(client, source, user_factory):
    outsider = user_factory("outsider")
    answer = _post(client, source, _token(outsider))
    assert answer.status_code == 403
    assert not Highlight.objects.filter(exact="ended on Friday").exists()


def test_a_bare_highlight_is_an_annotation_without_a_body(client, source, editor):
    answer = client.post(
        f"/annotations/{source.pk}/",
        json.dumps(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "Annotation",
                "motivation": "highlighting",
                "target": {
                    "selector": {"type": "TextQuoteSelector", "exact": "a deal"}
                },
            }
        ),
        content_type=ANNO,
        **_token(editor),
    )
    assert answer.status_code == 201
    assert answer.json()["motivation"] == "highlighting"


def test_put_takes_a_claim_off_and_puts_a_new_one_on(client, source, editor):
    auth = _token(editor)
    made = _post(client, source, auth).json()
    current = client.get(made["id"], **auth)
    replaced = {
        **current.json(),
        "body": [{"type": "TextualBody", "value": "The talks ended on a Friday"}],
    }
    answer = client.put(
        made["id"],
        json.dumps(replaced),
        content_type=ANNO,
        HTTP_IF_MATCH=current["ETag"],
        **auth,
    )
    assert answer.status_code == 200
    statements = [b["value"] for b in answer.json()["body"]]
    assert statements == ["The talks ended on a Friday"]
    unlinked = ClaimHighlight.history.filter(history_type="-").get()
    assert unlinked.history_user == editor
    assert Claim.objects.filter(statement="The talks ended on Friday").exists()


def test_put_cannot_move_the_words(client, source, editor):
    auth = _token(editor)
    made = _post(client, source, auth).json()
    current = client.get(made["id"], **auth)
    moved = {
        **current.json(),
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "a deal"}},
    }
    answer = client.put(
        made["id"],
        json.dumps(moved),
        content_type=ANNO,
        HTTP_IF_MATCH=current["ETag"],
        **auth,
    )
    assert answer.status_code == 400
    assert "cannot be changed" in json.dumps(answer.json())


def test_delete_keeps_the_highlight_in_history_to_restore(client, source, editor):
    auth = _token(editor)
    made = _post(client, source, auth).json()
    tag = client.get(made["id"], **auth)["ETag"]
    assert client.delete(made["id"], HTTP_IF_MATCH=tag, **auth).status_code == 204
    assert client.get(made["id"], **auth).status_code == 404
    deleted = Highlight.history.filter(history_type="-", exact="ended on Friday").get()
    assert deleted.history_user == editor


@override_settings(CORS_ALLOWED_ORIGINS=["https://tools.example"])
def test_an_allowed_origin_gets_cors_headers_without_credentials(
    client, source, editor
):
    preflight = client.options(
        f"/annotations/{source.pk}/",
        HTTP_ORIGIN="https://tools.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, slug",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://tools.example"
    assert "slug" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in preflight
    answer = client.get(
        f"/annotations/{source.pk}/",
        HTTP_ORIGIN="https://tools.example",
        **_token(editor),
    )
    assert answer.status_code == 200
    assert "ETag" in answer["Access-Control-Expose-Headers"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://tools.example"])
def test_another_origin_is_not_allowed(client, source, editor):
    answer = client.get(
        f"/annotations/{source.pk}/",
        HTTP_ORIGIN="https://evil.example",
        **_token(editor),
    )
    assert "Access-Control-Allow-Origin" not in answer


def test_no_origin_is_allowed_by_default(client, source, editor):
    answer = client.get(
        f"/annotations/{source.pk}/",
        HTTP_ORIGIN="https://tools.example",
        **_token(editor),
    )
    assert "Access-Control-Allow-Origin" not in answer


@override_settings(CORS_ALLOWED_ORIGINS=["https://tools.example"])
def test_a_session_cookie_is_never_accepted_cross_origin(client, source, editor):
    client.force_login(editor)
    same_site = client.get(f"/annotations/{source.pk}/")
    assert same_site.status_code == 200
    cross = client.get(
        f"/annotations/{source.pk}/", HTTP_ORIGIN="https://tools.example"
    )
    assert cross.status_code == 401


def test_a_deleted_annotation_is_restored_from_history_with_its_claim(
    client, source, editor
):
    from editorial.history.services import highlight_restore

    auth = _token(editor)
    made = _post(client, source, auth, canonical="urn:x-tool:anno-1").json()
    tag = client.get(made["id"], **auth)["ETag"]
    client.delete(made["id"], HTTP_IF_MATCH=tag, **auth)
    deleted = Highlight.history.filter(history_type="-", exact="ended on Friday").get()
    restored = highlight_restore(highlight_id=deleted.id, user=editor, reason="Undo")
    assert restored.canonical == "urn:x-tool:anno-1"
    again = client.get(made["id"], **auth).json()
    assert again["body"][0]["value"] == "The talks ended on Friday"


def test_the_older_api_answers_a_client_that_asks_for_json_ld(client, source, editor):
    auth = _token(editor)
    for accept in (ANNO, "application/ld+json"):
        answer = client.get(
            f"/api/sources/{source.pk}/annotations/", HTTP_ACCEPT=accept, **auth
        )
        assert answer.status_code == 200
        assert answer["Content-Type"].startswith("application/ld+json")
    refused = client.post(
        "/api/annotations/",
        "{}",
        content_type="application/ld+json",
        HTTP_ACCEPT="application/ld+json",
        **auth,
    )
    assert refused.status_code == 400  # read and answered, not 406


def test_numbers_too_large_for_the_database_name_nothing(client, source, editor):
    auth = _token(editor)
    huge = 2**63
    assert client.get(f"/annotations/{huge}/", **auth).status_code == 404
    assert client.get(f"/annotations/{huge}/0", **auth).status_code == 404
    assert client.get(f"/annotations/{source.pk}/{huge}", **auth).status_code == 404
    assert client.get("/api/claims/", {"page": huge}, **auth).status_code == 400

"""The JSON API's OpenAPI schema: served to the desk, browsable, and fuzzed.

schemathesis generates requests for every operation of the schema (a bounded number
of examples each, with an editor's token) against the live server; any 5xx is a bug.
"""

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings

from editorial.accounts.services import api_token_create


def _schema() -> dict:
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


SCHEMA = schemathesis.openapi.from_dict(_schema())


def test_the_schema_is_served_to_the_desk_only(client, editor):
    assert client.get("/api/schema/").status_code == 401
    client.force_login(editor)
    answer = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert answer.status_code == 200
    paths = json.loads(answer.content)["paths"]
    assert {
        "/api/claims/{id}/",
        "/annotations/{id}/",
        "/annotations/{id}/{name}",
    } <= set(paths)


def test_the_reference_page_loads_its_files_from_the_desk(client, editor):
    client.force_login(editor)
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()


@pytest.fixture
def fuzz_desk(live_server, source_factory, claim_factory, editor):
    source = source_factory("Fuzzed\nThe summit drew 32 allied nations in May.")
    claim_factory(source, "32 allied nations")
    _, key = api_token_create(user=editor, name="fuzz", reason="Tests")
    return live_server.url, key


@SCHEMA.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_the_schema_allows_makes_a_server_error(case, fuzz_desk):
    base, key = fuzz_desk
    response = case.call(base_url=base, headers={"Authorization": f"Token {key}"})
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} answered {response.status_code}: "
        f"{response.text[:500]}"
    )

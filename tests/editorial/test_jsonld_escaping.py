"""Standalone JSON-LD downloads never carry a raw ``<``, ``>`` or ``&`` (issue 20, finding 7).

A download pasted into a page, or sniffed as HTML, must not be able to close a
``<script>`` element: the characters are written as ``\\u003C``, ``\\u003E`` and
``\\u0026``, which JSON readers turn back into the same text.
"""

import json

import pytest
from django.urls import reverse

from editorial.exports.jsonld import jsonld_text

HOSTILE = "</script><script>alert(1)</script> & <!--"


def test_jsonld_text_escapes_angle_brackets_and_ampersands_and_means_the_same():
    document = {"name": HOSTILE, "list": ["a<b", "c>d", "e&f"], "é": "ü"}
    text = jsonld_text(document, indent=1)
    assert not {"<", ">", "&"} & set(text)
    assert "\\u003C/script\\u003E" in text
    assert "é" in text  # non-ASCII stays readable
    assert json.loads(text) == document


@pytest.fixture
def hostile_verdict(source_factory, claim_factory, reviewer):
    source = source_factory(f"A hostile title {HOSTILE}\nThe body says {HOSTILE} here.")
    return claim_factory(
        source,
        HOSTILE,
        statement=f"Claimed {HOSTILE}",
        status="false",
        status_by=reviewer,
    )


@pytest.mark.parametrize(
    "name, args",
    [
        ("export:claimreview", "claim"),
        ("export:claimreviews", None),
        ("export:annotations", None),
        ("export:source-annotations", "source"),
    ],
)
def test_every_standalone_jsonld_download_escapes_script_endings(
    hostile_verdict, reviewer_client, name, args
):
    source = hostile_verdict.links.get().highlight.source
    pk = {"claim": hostile_verdict.pk, "source": source.pk}.get(args)
    response = reviewer_client.get(reverse(name, args=[pk] if pk else []))
    assert response.status_code == 200
    assert "ld+json" in response["Content-Type"]
    body = response.content.decode()
    assert HOSTILE in json.dumps(response.json(), ensure_ascii=False)
    assert "</script" not in body.lower()
    assert not {"<", ">", "&"} & set(body)

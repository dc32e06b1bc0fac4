"""The checks are pure: these tests read the shipped reference data without a database."""

import json
from datetime import date

import pytest

from editorial.checks.anachronisms import anachronisms
from editorial.checks.offices import OfficeReader
from editorial.checks.reference import reference_from_fixture
from tests.conftest import FIXTURES, SEEDS


@pytest.fixture(scope="session")
def reference():
    """The shipped reference data, with the shipped story's figures and events."""
    rows = []
    for name in ("reference.json", "sources.json"):
        with open(FIXTURES / name, encoding="utf-8") as stream:
            rows += json.load(stream)
    return reference_from_fixture(rows)


@pytest.fixture(scope="session")
def reader(reference):
    return OfficeReader(reference)


@pytest.fixture
def flags(reference, reader):
    """The anachronism findings for ``text`` published on ``day`` (ISO)."""

    def check(text: str, day: str | None):
        published = date.fromisoformat(day) if day else None
        return anachronisms(reference, reader, "doc", text, published)

    return check


def demo_claims_and_links():
    """The demo data's claims as the checks see them, and where they are highlighted.

    Returns ``(claims, linked)``: KnownClaim per demo claim (ids from 1, in order) and,
    per seed file, the ``(start, end, claim_id)`` of its highlights.
    """
    from editorial.checks import KnownClaim
    from editorial.checks.text import sentence_at, sentences
    from editorial.exports import demo

    claims, linked = [], {}
    for number, spec in enumerate(demo.CLAIMS, start=1):
        contexts = []
        for mark in spec.highlights:
            body = (SEEDS / mark.seed).read_text(encoding="utf-8")
            start = body.index(mark.quote)
            contexts.append(sentence_at(sentences(body), start).text)
            linked.setdefault(mark.seed, set()).add(
                (start, start + len(mark.quote), number)
            )
        claims.append(
            KnownClaim(
                number,
                spec.statement,
                tuple(mark.quote for mark in spec.highlights),
                tuple(contexts),
            )
        )
    return claims, linked


def seed_documents(linked=None):
    """The seed texts as the checks see them, in the story the shipped fixture gives."""
    from editorial.checks import Document

    with open(FIXTURES / "sources.json", encoding="utf-8") as stream:
        stories = {
            row["fields"]["story"][0]
            for row in json.load(stream)
            if row["model"] == "sources.source" and row["fields"]["story"]
        }
    (story,) = stories
    documents = []
    for path in sorted(SEEDS.glob("*.txt")):
        with open(path.with_suffix(".json"), encoding="utf-8") as stream:
            published = json.load(stream)["published_on"]
        documents.append(
            Document(
                path.name,
                path.read_text(encoding="utf-8"),
                date.fromisoformat(published) if published else None,
                frozenset((linked or {}).get(path.name, ())),
                story=story,
            )
        )
    return documents

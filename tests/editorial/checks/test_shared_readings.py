"""Readings in a cache servers share: one server's reading serves the others (issue 19).

A process keeps its readings in memory (``checks_memory``); with a shared cache each
new reading is also stored there as signed JSON text, and another process (here: the
same one with its memory forgotten) takes it from there instead of reading the text
again. What comes back that is not a reading this code stored (tampered, unsigned,
foreign shapes) is ignored and the source read again, with the same findings.
"""

import json
from datetime import date
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import override_settings

from core import roles
from editorial.checks import Document, Readings, plain, reading, run_checks
from editorial.checks.memory import checks_memory
from editorial.checks.reading import Reading
from editorial.checks.services import checks_run
from editorial.checks.shared_readings import SharedReadings
from editorial.exports.fixtures_load import fixtures_load
from editorial.models import Suggestion
from sources import services as source_services
from tests.conftest import FIXTURES

from .conftest import seed_documents

TEXTS = [
    "Paris talks\nBritish Prime Minister Rishi Sunak said 26 nations pledged troops "
    "at the summit in Paris on 6 January 2026.",
    "Paris talks\nPrime Minister Keir Starmer said 35 nations pledged troops at the "
    "summit in Paris on 6 January 2026, with U.S. Special Envoy Steve Witkoff.",
    "Paris talks\nFormer President Joe Biden was not there; Vatican spokesman Matteo "
    "Bruni said the Pope prayed for peace.",
]


class Store:
    """A cache two processes share, as plain texts by key."""

    def __init__(self):
        self.texts = {}

    def get_many(self, keys):
        return {key: self.texts[key] for key in keys if key in self.texts}

    def set_many(self, texts):
        self.texts.update(texts)


def documents():
    return [Document(f"d{i}", text, date(2026, 1, 6)) for i, text in enumerate(TEXTS)]


def run(reference, readings):
    docs = documents()
    return run_checks(targets=docs, corpus=docs, reference=reference, readings=readings)


def test_a_second_process_reuses_the_readings_the_first_stored(reference):
    store = Store()
    first = run(reference, Readings(shared=store))
    assert len(store.texts) == len(TEXTS)
    assert all(isinstance(text, str) for text in store.texts.values())
    with mock.patch.object(reading, "read", wraps=reading.read) as read:
        second = run(reference, Readings(shared=store))  # a new process's memory
    assert read.call_count == 0
    assert second == first
    assert any(finding.kind == "anachronism" for finding in first)


@pytest.mark.parametrize(
    "tampered",
    [
        "not json",
        json.dumps({"c": "Reading", "f": {"attributions": {"t": []}}}),  # fields
        json.dumps({"c": "Popen", "f": {"args": "rm -rf /"}}),  # not a check's class
        json.dumps({"t": []}),  # a tuple, not a reading
        json.dumps(None),
        b"\x80\x04K\x01.",  # bytes: a pickle
        12,
    ],
    ids=["text", "fields", "foreign-class", "tuple", "null", "pickle", "number"],
)
def test_what_is_not_a_stored_reading_is_ignored_and_read_again(reference, tampered):
    store = Store()
    first = run(reference, Readings(shared=store))
    bad = sorted(store.texts)[0]
    store.texts[bad] = tampered
    with mock.patch.object(reading, "read", wraps=reading.read) as read:
        second = run(reference, Readings(shared=store))
    assert read.call_count == 1
    assert second == first


def test_a_changed_text_is_read_again_and_the_others_taken(reference):
    store = Store()
    run(reference, Readings(shared=store))
    changed = [
        Document(d.key, d.body.replace("26 nations", "27 nations"), d.published_on)
        for d in documents()
    ]
    with mock.patch.object(reading, "read", wraps=reading.read) as read:
        run_checks(
            targets=changed,
            corpus=changed,
            reference=reference,
            readings=Readings(shared=store),
        )
    assert read.call_count == 1  # only the text that changed


def test_every_reading_of_the_seed_corpus_is_stored_as_plain_data(reference):
    """Each reading comes back equal from its JSON text, so each can be shared."""
    readings = Readings()
    readings.reader(reference)
    for document in seed_documents():
        found = readings.of(document)
        text = plain.dumps(found)
        assert text is not None, document.key
        assert plain.loads(text, Reading) == found
        assert found.attributions or found.figures or document.published_on is None


def imported(text, editor):
    return source_services.source_import_text(
        text=text, user=editor, reason="Test source", published_on=date(2026, 1, 6)
    ).source


@override_settings(EDITORIAL_CHECK_READINGS_CACHE="default")
def test_a_desk_run_takes_the_readings_another_server_left_in_the_cache(db, editor):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    caches["default"].clear()
    sources = [imported(text, editor) for text in TEXTS]
    user = roles.system_user()
    checks_memory.reset()
    checks_run(user=user, sources=sources, reason="First server")
    found = sorted(Suggestion.objects.values_list("source_id", "kind", "exact"))
    assert found
    checks_memory.reset()  # another server: its own memory, the same cache
    with mock.patch.object(reading, "read", wraps=reading.read) as read:
        checks_run(user=user, sources=sources, reason="Second server")
    assert read.call_count == 0
    assert sorted(Suggestion.objects.values_list("source_id", "kind", "exact")) == found


@override_settings(EDITORIAL_CHECK_READINGS_CACHE="default")
def test_readings_in_the_cache_without_this_desks_signature_are_read_again(db, editor):
    fixtures_load(paths=[FIXTURES / "reference.json"])
    cache = caches["default"]
    cache.clear()
    sources = [imported(text, editor) for text in TEXTS]
    checks_memory.reset()
    checks_run(user=roles.system_user(), sources=sources, reason="First server")
    shared = SharedReadings("default")
    # The local-memory cache's own keys are Django's "prefix:version:key".
    keys = [made.split(":", 2)[2] for made in list(cache._cache)]  # noqa: SLF001
    keys = [key for key in keys if key.startswith("checks-reading:")]
    assert len(keys) == len(TEXTS)
    for key in keys:
        signed_json = shared.signer.unsign(cache.get(key))
        assert plain.loads(signed_json, Reading) is not None
        cache.set(key, signed_json)  # the same JSON, unsigned: not ours
    checks_memory.reset()
    with mock.patch.object(reading, "read", wraps=reading.read) as read:
        checks_run(user=roles.system_user(), sources=sources, reason="Second server")
    assert read.call_count == len(TEXTS)

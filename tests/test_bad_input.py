"""Bad input on every write path gets a clear message and a 4xx (or a failing command), and
the database is unchanged: a full dump before and after each case is compared.

One row per case: the write path, what is wrong with the input, the status (or
``"exit"`` for a command that must fail), and words the message must contain.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.highlights import services as highlight_services
from tests.dbdump import dump_difference, full_dump
from tests.test_permission_matrix import LOGS, annotation

LD_JSON = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def oversized() -> bytes:
    """One byte past the documented request limit (EDITORIAL_MAX_REQUEST_BYTES)."""
    return b"a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)


@dataclass
class Case:
    id: str
    send: Callable  # (desk, clients, tmp_path) -> response
    status: int | str
    says: str
    #: Set while another developer's page still answers otherwise: what it does now.
    known_gap: str = ""


def api_post(body, content_type=LD_JSON):
    def send(desk, clients, tmp_path):
        data = body(desk) if callable(body) else body
        if not isinstance(data, (bytes, str)):
            data = json.dumps(data)
        return clients["editor"].generic(
            "POST", reverse("api:annotations"), data, content_type=content_type
        )

    return send


def with_target(desk, **changes):
    document = annotation(desk)
    document["target"].update(changes)
    return document


def claim_patch(change, role="editor"):
    def send(desk, clients, tmp_path):
        claim = desk["claim"]
        data = {"status": "in_review", "reason": "Checking", "version": claim.version}
        data.update(change(desk) if callable(change) else change)
        return clients[role].generic(
            "PATCH",
            reverse("api:claim", args=[claim.pk]),
            json.dumps(data),
            content_type="application/json",
        )

    return send


def form_post(name, data, role="editor", kwargs=None, files=None):
    def send(desk, clients, tmp_path):
        url = reverse(name, kwargs=kwargs(desk) if kwargs else None)
        payload = data(desk) if callable(data) else dict(data)
        payload.update(files(tmp_path) if files else {})
        return clients[role].post(url, payload)

    return send


def command(*args, **options):
    def send(desk, clients, tmp_path):
        stdout, stderr = io.StringIO(), io.StringIO()
        resolved = [a(tmp_path) if callable(a) else a for a in args]
        try:
            call_command(*resolved, stdout=stdout, stderr=stderr, **options)
        except CommandError as error:
            return "exit", f"{error} {stderr.getvalue()} {stdout.getvalue()}"
        return "ok", stdout.getvalue() + stderr.getvalue()

    return send


def a_file(name: str, content: bytes):
    def make(tmp_path):
        path = tmp_path / name
        path.write_bytes(content)
        return str(path)

    return make


def upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return lambda tmp_path: {"files": SimpleUploadedFile(name, content)}


def claim_pk(desk):
    return {"pk": desk["claim"].pk}


def claim_id(desk):
    return {"claim_id": desk["claim"].pk}


def version(desk):
    return desk["claim"].version


CASES = [
    # The JSON API ---------------------------------------------------------------------
    Case("api invalid JSON", api_post(b'{"type": "Annotation",'), 400, "JSON"),
    Case("api a list, not an object", api_post([1, 2]), 400, ""),
    Case(
        "api no target",
        api_post(lambda d: {**annotation(d), "target": None}),
        400,
        "target",
    ),
    Case(
        "api offsets past the end",
        api_post(
            lambda d: with_target(
                d, selector=[{"type": "TextPositionSelector", "start": 5, "end": 99999}]
            )
        ),
        400,
        "",
    ),
    Case(
        "api offsets reversed",
        api_post(
            lambda d: with_target(
                d, selector=[{"type": "TextPositionSelector", "start": 20, "end": 6}]
            )
        ),
        400,
        "",
    ),
    Case(
        "api offsets of the wrong type",
        api_post(
            lambda d: with_target(
                d,
                selector=[
                    {"type": "TextPositionSelector", "start": "six", "end": None}
                ],
            )
        ),
        400,
        "",
    ),
    Case(
        "api exact text that does not match",
        api_post(
            lambda d: with_target(
                d,
                selector=[
                    {"type": "TextPositionSelector", "start": 6, "end": 15},
                    {"type": "TextQuoteSelector", "exact": "something else"},
                ],
            )
        ),
        400,
        "",
    ),
    Case(
        "api quote not in the text",
        api_post(
            lambda d: with_target(
                d,
                selector=[
                    {"type": "TextQuoteSelector", "exact": "not in this article"}
                ],
            )
        ),
        400,
        "",
    ),
    Case(
        "api unknown source",
        api_post(lambda d: with_target(d, source="/sources/999999/")),
        400,
        "",
    ),
    Case(
        "api wrong encoding",
        api_post('{"type": "Annotation", "x": "caf\xe9"}'.encode("latin-1")),
        400,
        "",
    ),
    Case("api binary body", api_post(bytes(range(256)) * 4), 400, ""),
    Case(
        "api oversized body",
        api_post(lambda d: b'{"x": "' + oversized() + b'"}'),
        400,
        "larger than",
    ),
    Case(
        "api wrong content type", api_post(b"hello", content_type="text/plain"), 415, ""
    ),
    Case(
        "api claim unknown status", claim_patch({"status": "probably"}), 400, "status"
    ),
    Case(
        "api claim version not a number",
        claim_patch({"version": "two"}),
        400,
        "version",
    ),
    Case("api claim without a reason", claim_patch({"reason": ""}), 400, "reason"),
    Case(
        "api claim stale version",
        claim_patch(lambda d: {"version": d["claim"].version + 1}),
        409,
        "someone else",
    ),
    Case(
        "api unknown claim",
        lambda d, c, t: c["editor"].generic(
            "PATCH",
            reverse("api:claim", args=[999999]),
            "{}",
            content_type="application/json",
        ),
        404,
        "Not found",
    ),
    # Pages ----------------------------------------------------------------------------
    Case(
        "form oversized body",
        form_post(
            "claims:status",
            lambda d: {"status": "in_review", "reason": oversized().decode()},
            kwargs=claim_pk,
        ),
        400,
        "larger than",
    ),
    Case(
        "status unknown",
        form_post(
            "claims:status",
            lambda d: {"status": "probably", "reason": "x", "version": version(d)},
            kwargs=claim_pk,
        ),
        400,
        "",
    ),
    Case(
        "status without reason",
        form_post(
            "claims:status",
            lambda d: {"status": "in_review", "reason": "", "version": version(d)},
            kwargs=claim_pk,
        ),
        400,
        "",
    ),
    Case(
        "status version not a number",
        form_post(
            "claims:status",
            {"status": "in_review", "reason": "x", "version": "two"},
            kwargs=claim_pk,
        ),
        400,
        "",
    ),
    Case(
        "status stale version",
        form_post(
            "claims:status",
            lambda d: {"status": "in_review", "reason": "x", "version": version(d) + 1},
            kwargs=claim_pk,
        ),
        409,
        "someone else",
    ),
    Case(
        "evidence javascript URL",
        form_post(
            "claims:evidence",
            {"supports": "true", "url": "javascript:alert(1)", "reason": "x"},
            kwargs=claim_pk,
        ),
        400,
        "",
    ),
    Case(
        "evidence without URL or citation",
        form_post(
            "claims:evidence", {"supports": "true", "reason": "x"}, kwargs=claim_pk
        ),
        400,
        "",
    ),
    Case(
        "evidence supports missing",
        form_post(
            "claims:evidence",
            {"url": "https://example.org/", "reason": "x"},
            kwargs=claim_pk,
        ),
        400,
        "",
    ),
    Case(
        "claim edit empty statement",
        form_post(
            "history:claim-edit",
            lambda d: {"statement": " ", "version": version(d), "reason": "x"},
            kwargs=claim_id,
        ),
        400,
        "",
    ),
    Case(
        "claim edit too long",
        form_post(
            "history:claim-edit",
            lambda d: {"statement": "x" * 5000, "version": version(d), "reason": "x"},
            kwargs=claim_id,
        ),
        400,
        "",
    ),
    Case(
        "revert unknown version",
        form_post(
            "history:claim-revert",
            lambda d: {"history_id": 999999, "version": version(d), "reason": "x"},
            kwargs=claim_id,
        ),
        400,
        "",
    ),
    Case(
        "restore unknown claim",
        form_post(
            "history:restore",
            {"reason": "x"},
            kwargs=lambda d: {"kind": "claim", "object_id": 999999},
        ),
        400,
        "",
    ),
    Case(
        "source edit javascript URL",
        form_post(
            "history:source-edit",
            lambda d: {
                "title": "T",
                "url": "javascript:alert(1)",
                "kind": "news_article",
                "language": "en",
                "version": d["source"].version,
                "reason": "x",
            },
            kwargs=lambda d: {"source_id": d["source"].pk},
        ),
        400,
        "",
    ),
    Case(
        "dispute with one claim",
        form_post(
            "disputes:open",
            lambda d: {"question": "Q?", "claims": [d["claim"].pk], "reason": "x"},
        ),
        400,
        "",
    ),
    Case(
        "dispute with an unknown claim",
        form_post(
            "disputes:open",
            lambda d: {
                "question": "Q?",
                "claims": [d["claim"].pk, 999999],
                "reason": "x",
            },
        ),
        400,
        "",
    ),
    Case(
        "resolve with an unknown position",
        form_post(
            "disputes:resolve",
            lambda d: {
                "chosen": 999999,
                "note": "n",
                "reason": "x",
                "version": d["dispute"].version,
            },
            role="reviewer",
            kwargs=lambda d: {"pk": d["dispute"].pk},
        ),
        400,
        "",
    ),
    Case("token without a name", form_post("api-token-create", {"name": ""}), 400, ""),
    Case(
        "import a binary file",
        form_post(
            "sources:import",
            {},
            files=upload("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ),
        400,
        "binary",
    ),
    Case(
        "import a non-UTF-8 file",
        form_post(
            "sources:import",
            {},
            files=upload("old.txt", "Café au lait\nTexte.".encode("cp1252")),
        ),
        400,
        "",
    ),
    Case(
        "import an empty file",
        form_post("sources:import", {}, files=upload("empty.txt", b"")),
        400,
        "",
    ),
    Case(
        "new revision that is empty",
        form_post(
            "sources:revision-new",
            {"body": "   ", "reason": "x", "expected_number": 1},
            kwargs=lambda d: {"pk": d["source"].pk},
        ),
        400,
        "",
    ),
    Case(
        "new revision from a stale text",
        form_post(
            "sources:revision-new",
            {"body": "Other text", "reason": "x", "expected_number": 7},
            kwargs=lambda d: {"pk": d["source"].pk},
        ),
        400,
        "",
    ),
    # Commands and fixture import ------------------------------------------------------
    Case(
        "command binary file",
        command("import_sources", a_file("photo.txt", b"\x89PNG\x00\x00"), user="ed"),
        "exit",
        "binary",
    ),
    Case(
        "command non-UTF-8 file",
        command(
            "import_sources", a_file("old.txt", "Café".encode("cp1252")), user="ed"
        ),
        "exit",
        "UTF-8",
    ),
    Case(
        "command missing file",
        command("import_sources", "/no/such/file.txt", user="ed"),
        "exit",
        "no such file",
    ),
    Case(
        "command unknown user",
        command("import_sources", a_file("a.txt", b"Title\nBody"), user="nobody"),
        "exit",
        "nobody",
    ),
    Case(
        "command bad sidecar JSON",
        command(
            "import_sources",
            a_file("b.json", b"{oops"),
            a_file("b.txt", b"Title\nBody"),
            user="ed",
        ),
        "exit",
        "JSON",
    ),
    Case(
        "fixture invalid JSON",
        command("import_fixtures", a_file("bad.json", b"[{"), user="ed", reason="x"),
        "exit",
        "",
    ),
    Case(
        "fixture binary file",
        command(
            "import_fixtures",
            a_file("bad.json", bytes(range(256))),
            user="ed",
            reason="x",
        ),
        "exit",
        "",
    ),
    Case(
        "fixture unknown model",
        command(
            "import_fixtures",
            a_file("bad.json", b'[{"model": "editorial.nothing", "fields": {}}]'),
            user="ed",
            reason="x",
        ),
        "exit",
        "",
    ),
    Case(
        "fixture wrong field type",
        command(
            "import_fixtures",
            a_file(
                "bad.json",
                b'[{"model": "editorial.claim", "fields": {"statement": "S", "status": "unverified", "version": "two"}}]',
            ),
            user="ed",
            reason="x",
        ),
        "exit",
        "",
    ),
    Case(
        "load_fixtures invalid JSON",
        command("load_fixtures", a_file("bad.json", b"[{")),
        "exit",
        "",
    ),
]


@pytest.fixture
def desk(people, source_factory):
    """A source with a highlighted claim, a second claim, and a dispute between them."""
    editor = people["users"]["editor"]
    source = source_factory("Envoy\nThe envoy Steve Witkoff met the coalition leaders.")
    highlight = highlight_services.highlight_create(
        source=source, start=6, end=35, user=editor, reason="States it"
    )
    claim = claim_services.claim_create(
        statement="Witkoff is the envoy", user=editor, reason="Seen in the text"
    )
    claim_services.claim_link_highlight(
        claim=claim, highlight=highlight, user=editor, reason="States it"
    )
    other = claim_services.claim_create(
        statement="Someone else is the envoy", user=editor, reason="Other article"
    )
    dispute = dispute_services.dispute_open(
        question="Who is the envoy?",
        claims=[claim, other],
        user=editor,
        reason="Differ",
    )
    claim.refresh_from_db()
    return {**people, "source": source, "claim": claim, "dispute": dispute}


@pytest.fixture
def clients(people):
    made = {}
    for role in ("editor", "reviewer"):
        made[role] = Client()
        made[role].force_login(people["users"][role])
    return made


def params():
    for case in CASES:
        marks = (
            [pytest.mark.xfail(strict=True, reason=case.known_gap)]
            if case.known_gap
            else []
        )
        yield pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", list(params()))
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    desk, clients, tmp_path, case
):
    before = full_dump()
    result = case.send(desk, clients, tmp_path)
    if case.status == "exit":
        outcome, message = result
        assert outcome == "exit", message
    else:
        assert result.status_code == case.status, result.content[:500]
        message = result.content.decode("utf-8", "replace")
    assert case.says.lower() in message.lower()
    changed = {
        label: counts
        for label, counts in dump_difference(before, full_dump()).items()
        if label not in LOGS
    }
    assert changed == {}

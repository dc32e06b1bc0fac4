"""Every list and detail page, every API endpoint and every form post makes a fixed
number of queries.

Each is measured twice in one test: on a small desk, then after the desk has grown
around the very objects the page shows (more sources, highlights, claims, links,
evidence, history, revisions, disputes). The count must not move. A page that loops
over rows and queries per row fails here, whatever the size of the desk in production.
"""

from __future__ import annotations

import json
import random
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.accounts import services as account_services
from editorial.claims import services as claim_services
from editorial.disputes import services as dispute_services
from editorial.intake.services import revision_create, source_import_text
from editorial.models import ApiToken, Claim, Highlight
from sources.models import Source
from tests.benchmarks import generate
from tests.hostile import checked_suggestions

#: No page should need more than this, whatever it shows.
BUDGET = 25


class Desk:
    """A small desk that grows around one source and one claim."""

    def __init__(self, editor, reviewer):
        self.editor = editor
        self.reviewer = reviewer
        self.rng = random.Random(8)
        self.source = source_import_text(
            text=(generate.SEEDS / "000_f0519c675d663d4c.txt").read_text("utf-8"),
            user=editor,
            reason="Query counts",
        ).source
        self.others = generate.synthetic_sources(2, user=editor, rng=self.rng)
        generate.annotate(
            [self.source], highlights=2, claims=1, user=editor, rng=self.rng
        )
        self.claim = Claim.objects.order_by("pk").first()
        self.highlight = self.claim.highlights.first()
        self.first_version = self.claim.history.order_by("history_id").first()
        self.reviewed = claim_services.claim_create(
            statement="The coalition met", user=editor, reason="Query counts"
        )
        claim_services.claim_link_highlight(
            claim=self.reviewed,
            highlight=self.highlight,
            user=editor,
            reason="Query counts",
        )
        claim_services.claim_set_status(
            claim=self.reviewed,
            status="verified",
            verdict_note="Test verdict note",
            user=reviewer,
            reason="Query counts",
        )
        self.grown = 0

    def panel_highlight_ids(self) -> list[int]:
        """The source's current highlights that state the claim (more as the desk grows)."""
        return list(
            Highlight.objects.filter(
                revision_id=Source.objects.get(pk=self.source.pk).current_revision_id,
                claims=self.claim,
            ).values_list("pk", flat=True)[:50]
        )

    def grow(self, n: int) -> None:
        """Add ``n`` of everything the pages list, around the same source and claim."""
        editor, reviewer = self.editor, self.reviewer
        self.grown += 1
        self.others += generate.synthetic_sources(
            n, user=editor, rng=self.rng, start=1000 * self.grown
        )
        highlights, claims = generate.annotate(
            [self.source, *self.others],
            highlights=3 * n,
            claims=n,
            user=editor,
            reviewer=reviewer,
            rng=self.rng,
        )
        for highlight in highlights[:n]:
            for claim in (self.claim, self.reviewed):
                claim_services.claim_link_highlight(
                    claim=claim,
                    highlight=highlight,
                    stance="support",
                    user=editor,
                    reason="Grow",
                )
        for number in range(n):
            claim_services.evidence_add(
                claim=self.reviewed,
                supports=True,
                url=f"https://example.org/review/{self.grown}/{number}",
                user=editor,
                reason="Grow",
            )
            claim_services.evidence_add(
                claim=self.claim,
                supports=number % 2 == 0,
                url=f"https://example.org/evidence/{self.grown}/{number}",
                user=editor,
                reason="Grow",
            )
            self.claim = claim_services.claim_set_status(
                claim=self.claim,
                status="in_review" if number % 2 == 0 else "unverified",
                user=reviewer,
                reason="Grow",
            )
            claim_services.claim_update(
                claim=self.claim,
                assigned_to=editor if number % 2 else reviewer,
                user=editor,
                reason="Grow",
            )
            self.claim.refresh_from_db()
        if self.grown == 1:
            self.dispute = dispute_services.dispute_open(
                question="Which is right?",
                claims=[self.claim, *claims[:n]],
                user=editor,
                reason="Grow",
            )
        else:
            for claim in claims[:n]:
                dispute_services.dispute_add_claim(
                    dispute=self.dispute, claim=claim, user=editor, reason="Grow"
                )
        body = self.source.current_revision.body
        revision_create(
            source=self.source,
            body=body + f"\nCorrection {self.grown}.",
            user=editor,
            reason="Grow",
        )
        self.source.refresh_from_db()
        for number in range(n):
            token, _ = account_services.api_token_create(
                user=reviewer, name=f"Script {self.grown}.{number}", reason="Grow"
            )
            if number % 2:
                account_services.api_token_revoke(
                    token=token, user=reviewer, reason="Grow"
                )
        deleted = claim_services.claim_create(
            statement="To delete", user=editor, reason="Grow"
        )
        claim_services.claim_delete(claim=deleted, user=editor, reason="Grow")


@pytest.fixture
def desk(editor, reviewer):
    return Desk(editor, reviewer)


def _pages(desk) -> list[tuple[str, str]]:
    s, c, h = desk.source.pk, desk.claim.pk, desk.highlight.pk
    return [
        ("sources list", reverse("sources:list")),
        ("sources list, searched", reverse("sources:list") + "?q=coalition+troops"),
        ("sources list, kind", reverse("sources:list") + "?kind=news_article"),
        ("reader", reverse("sources:detail", args=[s])),
        ("revisions", reverse("sources:revisions", args=[s])),
        ("revision", reverse("sources:revision", args=[s, 1])),
        ("source history", reverse("history:source", args=[s])),
        ("claims list", reverse("claims:list")),
        ("claims list, status", reverse("claims:list") + "?status=in_review"),
        ("claims list, searched", reverse("claims:list") + "?q=the+troops"),
        ("claims list, source", reverse("claims:list") + f"?source={s}"),
        (
            "claims list, source typed",
            reverse("claims:list")
            + "?"
            + urlencode({"source_q": " ".join(desk.source.title.split()[1:3])}),
        ),
        ("claim", reverse("claims:detail", args=[c])),
        ("claim history", reverse("history:claim", args=[c])),
        (
            "claim as of its first version",
            reverse("history:claim-as-of", args=[c])
            + f"?version={desk.first_version.history_id}",
        ),
        (
            "a change (the claim's latest version)",
            reverse(
                "history:change",
                kwargs={
                    "kind": "claim",
                    "history_id": desk.claim.history.latest().history_id,
                },
            ),
        ),
        ("claim's ClaimReview", reverse("export:claimreview", args=[desk.reviewed.pk])),
        ("import a source", reverse("sources:import")),
        ("recent changes", reverse("history:changes")),
        ("deleted", reverse("history:deleted")),
        ("account", reverse("account")),
        ("revision compare", reverse("sources:revision-compare", args=[s])),
        ("disputes list", reverse("disputes:list")),
        ("dispute", reverse("disputes:detail", args=[desk.dispute.pk])),
        ("suggestions", reverse("suggestions:list")),
        ("export", reverse("export:index")),
        ("api: source annotations", reverse("api:source-annotations", args=[s])),
        ("api: annotation", reverse("api:annotation", args=[h])),
        (
            "api: highlights for the reader's panel",
            reverse("api:source-highlights", args=[s])
            + "?ids="
            + ",".join(str(pk) for pk in desk.panel_highlight_ids()),
        ),
        ("api: claims", reverse("api:claims")),
        ("api: claims, searched", reverse("api:claims") + "?q=troops"),
        ("api: claim", reverse("api:claim", args=[c])),
    ]


def _counts(client, desk) -> dict[str, int]:
    counts = {}
    for name, url in _pages(desk):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


def test_every_page_makes_the_same_queries_on_a_small_and_a_grown_desk(
    desk, reviewer_client
):
    """The small desk already has one of everything, so no list is empty on it."""
    desk.grow(1)
    small = _counts(reviewer_client, desk)
    desk.grow(6)
    grown = _counts(reviewer_client, desk)
    moved = {
        name: f"{small[name]} then {grown[name]}"
        for name in small
        if small[name] != grown[name]
    }
    assert moved == {}
    over = {name: count for name, count in grown.items() if count > BUDGET}
    assert over == {}


def _annotation(source: Source, start: int, end: int) -> str:
    body = source.current_revision.body
    return json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": [{"type": "TextualBody", "purpose": "describing", "value": "X"}],
            "target": {
                "source": f"/sources/{source.pk}/",
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {"type": "TextQuoteSelector", "exact": body[start:end]},
                ],
            },
            "reason": "Query count",
        }
    )


def _write_queries(client, desk, round_number: int) -> dict[str, int]:
    counts = {}
    start = 10 + 20 * round_number
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("api:annotations"),
            _annotation(desk.source, start, start + 12),
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    counts["api: create annotation"] = len(captured.captured_queries)
    claim = claim_services.claim_set_status(
        claim=desk.claim, status="unverified", user=desk.editor, reason="Reset"
    )
    with CaptureQueriesContext(connection) as captured:
        response = client.patch(
            reverse("api:claim", args=[claim.pk]),
            json.dumps(
                {
                    "status": "in_review",
                    "reason": "Query count",
                    "version": claim.version,
                }
            ),
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    counts["api: change claim"] = len(captured.captured_queries)
    claim.refresh_from_db()
    with CaptureQueriesContext(connection) as captured:
        response = client.patch(
            reverse("api:claim", args=[claim.pk]),
            json.dumps({"status": "unverified", "reason": "x", "version": 1}),
            content_type="application/json",
        )
    assert response.status_code == 409
    counts["api: stale change refused"] = len(captured.captured_queries)
    return counts


def test_api_writes_make_the_same_queries_on_a_small_and_a_grown_desk(
    desk, reviewer_client
):
    desk.grow(1)
    desk.source = Source.objects.select_related("current_revision").get(
        pk=desk.source.pk
    )
    small = _write_queries(reviewer_client, desk, 0)
    desk.grow(6)
    desk.source = Source.objects.select_related("current_revision").get(
        pk=desk.source.pk
    )
    grown = _write_queries(reviewer_client, desk, 1)
    assert grown == small
    assert Highlight.objects.filter(created_by__username="rev").count() == 2


def _post(client, counts: dict, name: str, url: str, data: dict, expect: int = 302):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    assert response.status_code == expect, (name, response.status_code)
    counts[name] = len(captured.captured_queries)


def _form_writes(client, desk, round_number: int) -> dict[str, int]:
    """Each form the desk's pages post, sent as the browser sends it, once."""
    counts = {}
    claim = Claim.objects.get(pk=desk.claim.pk)
    claim_pk = claim.pk
    _post(
        client,
        counts,
        "claim status",
        reverse("claims:status", args=[claim_pk]),
        {
            "status": "disputed",
            "reason": "Query count",
            "version": claim.version,
        },
    )
    assert Claim.objects.get(pk=claim_pk).status == "disputed"
    _post(
        client,
        counts,
        "claim evidence",
        reverse("claims:evidence", args=[claim_pk]),
        {
            "supports": "true",
            "url": f"https://example.org/query-count/{round_number}",
            "reason": "Found it",
        },
    )
    claim = Claim.objects.get(pk=claim_pk)
    _post(
        client,
        counts,
        "claim revert",
        reverse("history:claim-revert", args=[claim_pk]),
        {
            "history_id": desk.first_version.history_id,
            "version": claim.version,
            "reason": "Back to the first wording",
        },
    )
    claim = Claim.objects.get(pk=claim_pk)
    assert claim.statement == desk.first_version.statement
    _post(
        client,
        counts,
        "claim edit",
        reverse("history:claim-edit", args=[claim_pk]),
        {
            "statement": f"Sharper wording {round_number}",
            "verdict_note": "",
            "assigned_to": "",
            "version": claim.version,
            "reason": "Sharper",
        },
    )
    assert Claim.objects.get(pk=claim_pk).statement == f"Sharper wording {round_number}"
    # A new dispute of two new positions each time: resolving one changes each
    # position's status (with its history), so its queries follow the dispute's own
    # size, a handful of positions, never the desk's. (desk.claim stays out of it, so
    # it has no reviewer yet in either round, as its forms above expect.)
    positions = [
        claim_services.claim_create(
            statement=f"Position {letter} {round_number}",
            user=desk.editor,
            reason="Query count",
        )
        for letter in "AB"
    ]
    dispute = dispute_services.dispute_open(
        question=f"Which is right, round {round_number}?",
        claims=positions,
        user=desk.editor,
        reason="Query count",
    )
    _post(
        client,
        counts,
        "dispute resolve",
        reverse("disputes:resolve", args=[dispute.pk]),
        {
            "chosen": positions[0].pk,
            "note": "The release settles it",
            "reason": "Evidence found",
            "version": dispute.version,
        },
    )
    dispute.refresh_from_db()
    assert dispute.status == "resolved"
    suggestion = (
        checked_suggestions(
            desk.editor, kyiv=f"Round {round_number}. ", paris=f"Round {round_number}. "
        )
        .filter(status="open", kind="anachronism")
        .latest("pk")
    )
    _post(
        client,
        counts,
        "suggestion accept",
        reverse("suggestions:accept", args=[suggestion.pk]),
        {"reason": "Right", "stance": "assert"},
    )
    _post(
        client,
        counts,
        "API token create",
        reverse("api-token-create"),
        {"name": f"Query count {round_number}"},
        expect=200,
    )
    token = ApiToken.objects.filter(user=desk.reviewer).latest("pk")
    _post(
        client,
        counts,
        "API token revoke",
        reverse("api-token-revoke", args=[token.pk]),
        {},
    )
    return counts


def test_form_posts_make_the_same_queries_on_a_small_and_a_grown_desk(
    desk, reviewer_client
):
    """Status, evidence, revert, edit, dispute resolution, suggestion, tokens."""
    desk.grow(1)
    small = _form_writes(reviewer_client, desk, 0)
    desk.grow(6)
    grown = _form_writes(reviewer_client, desk, 1)
    assert grown == small

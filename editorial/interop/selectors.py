"""Reads for imports from other tools: sources by address, claims a review may be about."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from django.db.models import Prefetch
from django.urls import Resolver404, resolve

from editorial.checks.restated import KnownClaim
from editorial.claims import search as claim_search
from editorial.interop import addresses
from editorial.models import Claim, ClaimHighlight, ClaimTag, FactCheck, Highlight
from sources.models import Source

#: Claims looked at per review, at most (found by the review's longest words).
CANDIDATES = 400


def sources_by_address() -> dict[str, list[int]]:
    """Every source with a URL, by its normalised address (one query)."""
    found = defaultdict(list)
    for pk, url in Source.objects.exclude(url="").values_list("pk", "url"):
        key = addresses.normalised(url)
        if key:
            found[key].append(pk)
    return found


def source_with_text(pk: int) -> Source:
    return Source.objects.select_related("current_revision").get(pk=pk)


def candidate_claims(text: str) -> list[KnownClaim]:
    """Claims sharing the review's longer words (each word looked up in the index)."""
    words = sorted({w for w in claim_search.search_words(text) if len(w) > 3}, key=len)
    ids = set()
    for word in words[-5:]:
        ids.update(
            claim_search.filter_claims(Claim.objects.all(), word).values_list(
                "pk", flat=True
            )[:CANDIDATES]
        )
    return [
        KnownClaim(id=pk, statement=statement)
        for pk, statement in Claim.objects.filter(pk__in=ids).values_list(
            "pk", "statement"
        )
    ]


def published_claim(url: str) -> int | None:
    """The claim whose fact check this desk published at ``url``, if it is one."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    if match.view_name != "publishing:detail":
        return None
    return (
        FactCheck.objects.filter(slug=match.kwargs.get("slug"))
        .values_list("claim_id", flat=True)
        .first()
    )


def highlights_for_hypothesis(*, source: Source):
    """The source's current highlights with their claims and the claims' tags."""
    return (
        Highlight.objects.filter(revision_id=source.current_revision_id)
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ClaimHighlight.objects.select_related(
                    "claim"
                ).prefetch_related(
                    Prefetch(
                        "claim__taggings",
                        queryset=ClaimTag.objects.select_related("tag"),
                    )
                ),
            )
        )
        .order_by("start", "end", "id")
    )

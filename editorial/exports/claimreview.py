"""Claims with a verdict as schema.org ClaimReview JSON-LD, the form fact-check readers index.

Pure: the claim must come with its links, their highlights and sources loaded.

Ratings are on a scale of 1 (worst) to 5 (best); ``alternateName`` carries the verdict
in words, which is what readers show. The mapping (also in the README):

========================  ===========  ===============
desk status               ratingValue  alternateName
========================  ===========  ===============
``false``                 1            False
``misleading``            2            Misleading
``unverifiable``          3            Unverifiable
``verified``              5            True
========================  ===========  ===============

``unverifiable`` sits in the middle: the desk could show it neither true nor false.
4 is not used: the desk has no "mostly true" verdict. Claims without a verdict
(``unverified``, ``in_review``, ``disputed``) are not reviews and are not published.
"""

from __future__ import annotations

from editorial.models import ClaimStatus, Stance

SCHEMA_CONTEXT = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1

#: Verdict -> (ratingValue, alternateName).
RATINGS = {
    ClaimStatus.FALSE: (1, "False"),
    ClaimStatus.MISLEADING: (2, "Misleading"),
    ClaimStatus.UNVERIFIABLE: (3, "Unverifiable"),
    ClaimStatus.VERIFIED: (5, "True"),
}

#: schema.org types for the desk's kinds of source.
WORK_TYPES = {
    "news_article": "NewsArticle",
    "encyclopedia_article": "Article",
    "press_release": "Article",
    "official_statement": "CreativeWork",
    "other": "CreativeWork",
}


def is_published(claim) -> bool:
    """Only claims with a verdict have a review to publish."""
    return claim.status in RATINGS


def appearance(highlight) -> dict:
    """Where the claim is stated: the source (its URL, or its title) with the quote."""
    source = highlight.source
    work = {"@type": WORK_TYPES.get(source.kind, "CreativeWork")}
    if source.url:
        work["url"] = source.url
    work["headline"] = source.title
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    work["text"] = highlight.exact
    return work


def claim_review(claim, *, url: str, organisation: str) -> dict:
    """The ClaimReview of a claim with a verdict; ``url`` is the claim page's absolute URL."""
    if not is_published(claim):
        raise ValueError(f"Claim {claim.pk} has no verdict ({claim.status}).")
    value, words = RATINGS[claim.status]
    stating = sorted(
        (link for link in claim.links.all() if link.stance == Stance.ASSERT),
        key=lambda link: (
            link.highlight.source.published_on is None,
            link.highlight.source.published_on,
            link.highlight.source.title,
            link.highlight.start,
            link.highlight.pk,
        ),
    )
    reviewed = claim.reviewed_at or claim.created_at
    review = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.statement,
        "datePublished": reviewed.date().isoformat(),
        "author": {"@type": "Organization", "name": organisation},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": words,
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [appearance(link.highlight) for link in stating],
        },
    }
    if stating:
        review["itemReviewed"]["firstAppearance"] = review["itemReviewed"][
            "appearance"
        ][0]
    as_of = getattr(claim, "verified_as_of", None)
    if as_of and claim.status == "verified":
        # Right at its date (a dispute settled "each right at its date"): the rating
        # says so in words, and the claim's temporal coverage carries the date.
        review["reviewRating"]["alternateName"] = (
            f"{words} as of {as_of.day} {as_of:%b %Y}"
        )
        review["itemReviewed"]["temporalCoverage"] = as_of.isoformat()
    if claim.verdict_note:
        review["reviewBody"] = claim.verdict_note
    return review


def claim_reviews_graph(reviews: list[dict]) -> dict:
    """Many reviews in one JSON-LD document (one ``@context``, the reviews in ``@graph``)."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@graph": [
            {key: value for key, value in review.items() if key != "@context"}
            for review in reviews
        ],
    }


def fact_check_review(
    fact_check, *, url: str, organisation: dict, date_modified
) -> dict | None:
    """The ClaimReview of a published fact check, complete for Google's Fact Check markup.

    ``organisation`` has the publisher's ``name``, ``url`` and ``logo`` (absolute URLs).
    The claim must come as for ``claim_review``; None while it has no verdict (a fact
    check whose claim is being reviewed again has no rating to publish).
    """
    claim = fact_check.claim
    if not is_published(claim):
        return None
    review = claim_review(claim, url=url, organisation=organisation["name"])
    review["headline"] = fact_check.headline
    review["description"] = fact_check.summary
    review["datePublished"] = fact_check.published_at.isoformat()
    review["dateModified"] = date_modified.isoformat()
    review["author"] = {
        "@type": "Organization",
        "name": organisation["name"],
        "url": organisation["url"],
        "logo": {"@type": "ImageObject", "url": organisation["logo"]},
    }
    review["publisher"] = review["author"]
    claimant_type = (
        "Organization" if fact_check.claimant_kind == "organisation" else "Person"
    )
    item = review["itemReviewed"]
    item["author"] = {"@type": claimant_type, "name": fact_check.claimant}
    item["datePublished"] = fact_check.claim_date.isoformat()
    return review

"""Other fact-checkers' ClaimReview markup read into plain values (pure, no Django).

Takes a JSON-LD document (one ClaimReview, a list, or an ``@graph``) or a web page
saved as HTML, whose JSON-LD and microdata extruct reads. Each review gives the words
reviewed, the rating (its name and, when given, where it sits between worst and best),
who published it and where.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

#: Ratings that say the claim holds, or does not (compared in lower case).
TRUE_WORDS = {"true", "correct", "accurate", "mostly true", "verified", "right"}
FALSE_WORDS = {
    "false",
    "incorrect",
    "inaccurate",
    "mostly false",
    "pants on fire",
    "fake",
    "wrong",
    "misleading",
    "fabricated",
    "baseless",
}


class NotClaimReview(ValueError):
    """Nothing here is ClaimReview markup; the message says what was expected."""


@dataclass(frozen=True)
class Review:
    claim: str
    rating: str
    supports: bool | None
    organisation: str
    url: str
    published: str


def _types(node: dict) -> set[str]:
    value = node.get("@type") or node.get("type") or []
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values}


def _nodes(value):
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _nodes(value["@graph"])


def _name(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("url") or "")
    return str(value or "")


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def verdict(rating: dict) -> tuple[str, bool | None]:
    """The rating's words and whether it says the claim holds (None: neither)."""
    if not isinstance(rating, dict):
        return "", None
    words = str(rating.get("alternateName") or rating.get("name") or "").strip()
    key = re.sub(r"\s+", " ", words.lower())
    if key in TRUE_WORDS:
        return words, True
    if key in FALSE_WORDS:
        return words, False
    value = _number(rating.get("ratingValue"))
    best, worst = _number(rating.get("bestRating")), _number(rating.get("worstRating"))
    if value is not None and best is not None and worst is not None and best != worst:
        middle = (best + worst) / 2
        label = words or f"{rating.get('ratingValue')} of {rating.get('bestRating')}"
        if value != middle:
            return label, (value > middle) == (best > worst)
    return words or str(rating.get("ratingValue") or ""), None


def _from_nodes(nodes) -> list[Review]:
    reviews = []
    for node in nodes:
        if "ClaimReview" not in _types(node):
            continue
        words, supports = verdict(node.get("reviewRating") or {})
        reviews.append(
            Review(
                claim=str(node.get("claimReviewed") or "").strip(),
                rating=words,
                supports=supports,
                organisation=_name(node.get("author") or node.get("publisher")),
                url=str(node.get("url") or ""),
                published=str(node.get("datePublished") or ""),
            )
        )
    return reviews


def read(text: str, *, base_url: str = "") -> list[Review]:
    """The ClaimReviews in ``text`` (JSON-LD, or HTML with markup embedded)."""
    stripped = (text or "").lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise NotClaimReview(f"The file is not valid JSON: {error.msg}.") from error
        reviews = _from_nodes(_nodes(data))
    elif stripped.startswith("<"):
        import extruct

        found = extruct.extract(
            text,
            base_url=base_url or None,
            syntaxes=["json-ld", "microdata"],
            uniform=True,
        )
        reviews = _from_nodes(
            _nodes(found.get("json-ld", []) + found.get("microdata", []))
        )
    else:
        raise NotClaimReview("Give ClaimReview JSON-LD or a web page saved as HTML.")
    if not reviews:
        raise NotClaimReview("No ClaimReview was found in it.")
    return reviews

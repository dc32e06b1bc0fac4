"""Content negotiation and preferences of the annotation protocol (pure, no Django).

The protocol's representation is JSON-LD with the annotation profile
(``application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"``). Plain JSON-LD and
plain JSON carry the same document. Anything else is 406 (Not Acceptable).
"""

from __future__ import annotations

from dataclasses import dataclass

ANNO_PROFILE = "http://www.w3.org/ns/anno.jsonld"
LDP = "http://www.w3.org/ns/ldp#"
PREFER_MINIMAL = LDP + "PreferMinimalContainer"
PREFER_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs"
PREFER_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions"

ANNO_TYPE = f'application/ld+json; profile="{ANNO_PROFILE}"'
JSONLD_TYPE = "application/ld+json"
JSON_TYPE = "application/json"

#: What the server can send, best first.
OFFERED = (ANNO_TYPE, JSONLD_TYPE, JSON_TYPE)


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    params: dict
    quality: float

    def matches(self, offered: str) -> int:
        """How specifically this range accepts ``offered`` (0: not at all)."""
        base, _, rest = offered.partition(";")
        kind, _, sub = base.strip().partition("/")
        offered_params = _params(rest)
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        if self.subtype != sub:
            return 0
        profile = self.params.get("profile")
        if profile is not None:
            wanted = set(profile.split())
            if offered_params.get("profile") not in wanted:
                return 0
            return 4
        return 3


def _params(text: str) -> dict:
    params = {}
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        if sep:
            params[name.strip().lower()] = value.strip().strip('"')
    return params


def parse_accept(header: str | None) -> list[MediaRange]:
    if not header or not header.strip():
        return [MediaRange("*", "*", {}, 1.0)]
    ranges = []
    for item in header.split(","):
        base, _, rest = item.partition(";")
        kind, _, sub = base.strip().lower().partition("/")
        if not kind:
            continue
        params = _params(rest)
        try:
            quality = float(params.pop("q", "1"))
        except ValueError:
            quality = 0.0
        ranges.append(MediaRange(kind, sub or "*", params, quality))
    return ranges


def choose(header: str | None) -> str | None:
    """The media type to answer with for this ``Accept``, or None for 406."""
    best, best_key = None, (0.0, 0, 0)
    for order, offered in enumerate(OFFERED):
        quality, specificity = 0.0, 0
        for media in parse_accept(header):
            found = media.matches(offered)
            if found > specificity:
                quality, specificity = media.quality, found
        key = (quality, specificity, -order)
        if quality > 0 and key > best_key:
            best, best_key = offered, key
    return best


@dataclass(frozen=True)
class Preference:
    """What a client asked of a container's representation (``Prefer`` header)."""

    minimal: bool = False
    iris_only: bool = False
    applied: bool = False


def parse_prefer(header: str | None) -> Preference:
    """``Prefer: return=representation;include="…PreferMinimalContainer"`` and friends.

    An ``omit`` of the descriptions means IRIs only; ``include`` of IRIs alone too.
    """
    if not header or "return=representation" not in header:
        return Preference()
    include, omit = set(), set()
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name.strip() in ("include", "omit"):
            (include if name.strip() == "include" else omit).update(
                value.strip().strip('"').split()
            )
    minimal = PREFER_MINIMAL in include
    iris_only = (PREFER_IRIS in include and PREFER_DESCRIPTIONS not in include) or (
        PREFER_DESCRIPTIONS in omit
    )
    return Preference(minimal=minimal, iris_only=iris_only, applied=True)

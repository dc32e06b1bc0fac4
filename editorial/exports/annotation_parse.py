"""Incoming W3C Web Annotations read into plain values, and their span checked.

``parse_annotation`` reads the shape :mod:`editorial.exports.annotations` writes
(also the plain ``bodyValue`` form and bodies that only reference a claim by URL)
into :class:`ParsedAnnotation`, or raises ``ValidationError`` with a message per
field. ``resolve_span`` then checks the span against the source's body.

A claim's status comes only from the desk's ``status`` key on its body (with
``verdictNote``, the public explanation a verdict needs). A ``tagging`` body is a
tag, free text anyone may write: it is skipped, never read as a status.

Pure functions: they read JSON values and never query.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

from editorial.exports.annotations import ANNO_CONTEXT
from editorial.highlights import spans
from editorial.models import ClaimStatus, Stance

SOURCE_PATH = re.compile(r"^/sources/(?P<pk>[0-9]+)/?$")
CLAIM_PATH = re.compile(r"^/claims/(?P<pk>[0-9]+)/?$")


@dataclass(frozen=True)
class ParsedClaim:
    """One claim an incoming annotation attaches to its words.

    ``claim_id`` is set when the body points at a claim on this desk; otherwise
    ``statement`` holds a new claim's words. ``status`` and ``verdict_note`` are what
    the sender asked for in the desk's ``status`` and ``verdictNote`` keys, if
    anything (never a tag): the caller decides whether they may be applied.
    """

    claim_id: int | None
    statement: str | None
    stance: str = Stance.ASSERT
    status: str | None = None
    claim_url: str | None = None
    verdict_note: str | None = None


@dataclass(frozen=True)
class ParsedAnnotation:
    """What an incoming annotation asks for, checked for shape but not against the body.

    The source is ``source_id`` (the desk's page for it) or ``source_url`` (the
    article's own URL, to look up). The span is ``start``/``end`` and/or the quote;
    :func:`resolve_span` checks it against the body.
    """

    source_id: int | None
    source_url: str | None
    start: int | None
    end: int | None
    exact: str | None
    prefix: str
    suffix: str
    claims: list[ParsedClaim] = field(default_factory=list)
    uid: uuid.UUID | None = None


class _Errors:
    def __init__(self):
        self.messages: dict[str, list[str]] = {}

    def add(self, key: str, message: str) -> None:
        self.messages.setdefault(key, []).append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def desk_path(url: str, base: str) -> str | None:
    """The path of ``url`` when it is on this desk (relative, or on the base's host)."""
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return parts.path
    desk = urlsplit(base)
    if (parts.scheme, parts.netloc) == (desk.scheme, desk.netloc):
        return parts.path
    return None


def _desk_id(url: str, base: str, pattern: re.Pattern) -> int | None:
    path = desk_path(url, base)
    match = pattern.match(path) if path is not None else None
    return int(match["pk"]) if match else None


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _has_type(node: dict, name: str) -> bool:
    return name in _as_list(node.get("type"))


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_target(data, base: str, errors: _Errors) -> dict:
    found = {
        "source_id": None,
        "source_url": None,
        "start": None,
        "end": None,
        "exact": None,
        "prefix": "",
        "suffix": "",
    }
    targets = _as_list(data.get("target"))
    if not targets:
        errors.add("target", "Say which words are annotated: the target is missing.")
        return found
    if len(targets) > 1:
        errors.add("target", "Annotate one source at a time: give a single target.")
        return found
    target = targets[0]
    if isinstance(target, str):
        errors.add(
            "target.selector",
            "Select words: the target needs a TextQuoteSelector or TextPositionSelector.",
        )
        target = {"source": target}
    if not isinstance(target, dict):
        errors.add("target", "The target must be an object with source and selector.")
        return found
    source = target.get("source")
    if not isinstance(source, str) or not source.strip():
        errors.add(
            "target.source",
            "Give the source: its page on this desk (/sources/<id>/) or its own URL.",
        )
    else:
        source_id = _desk_id(source, base, SOURCE_PATH)
        parts = urlsplit(source.strip())
        if source_id is not None:
            found["source_id"] = source_id
        elif parts.scheme in {"http", "https"} and parts.netloc:
            found["source_url"] = source.strip()
        else:
            errors.add(
                "target.source",
                f"“{source[:200]}” is neither a source page on this desk "
                "(/sources/<id>/) nor an http(s) URL of a source.",
            )
    selectors = _as_list(target.get("selector"))
    quote = position = None
    for selector in selectors:
        if not isinstance(selector, dict):
            continue
        if _has_type(selector, "TextQuoteSelector"):
            quote = selector
        elif _has_type(selector, "TextPositionSelector"):
            position = selector
    if quote is None and position is None and "target.selector" not in errors.messages:
        errors.add(
            "target.selector",
            "Select words: give a TextQuoteSelector (exact, prefix, suffix) "
            "and/or a TextPositionSelector (start, end).",
        )
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if not _whole(start) or start < 0:
            errors.add(
                "target.selector.start", "Start must be a whole number, 0 or more."
            )
        if not _whole(end) or end < 1:
            errors.add("target.selector.end", "End must be a whole number, 1 or more.")
        if _whole(start) and _whole(end) and start >= end:
            errors.add(
                "target.selector.end",
                f"The span is empty or reversed: start {start} must be before end {end}.",
            )
        found["start"], found["end"] = start, end
    if quote is not None:
        exact = quote.get("exact")
        if not isinstance(exact, str) or not exact.strip():
            errors.add("target.selector.exact", "The quoted words (exact) are missing.")
        else:
            found["exact"] = exact
        for key in ("prefix", "suffix"):
            value = quote.get(key, "")
            if not isinstance(value, str):
                errors.add(f"target.selector.{key}", f"The {key} must be text.")
            else:
                found[key] = value
    return found


def _body_claim_url(body: dict) -> str | None:
    """A claim a body points at: ``claim`` (ours), a SpecificResource's ``source``, or ``id``."""
    for key in ("claim", "source", "id"):
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _choice(value, choices, key: str, errors: _Errors) -> bool:
    """Whether ``value`` is one of ``choices``; says which are when it is not."""
    if value in choices.values:
        return True
    noun = "stance" if choices is Stance else "status"
    errors.add(
        key,
        f"“{value}” is not a {noun}. Choose one of: {', '.join(choices.values)}.",
    )
    return False


def _parse_bodies(data, base: str, errors: _Errors) -> list[ParsedClaim]:
    bodies = _as_list(data.get("body"))
    body_value = data.get("bodyValue")
    if body_value is not None:
        if bodies:
            errors.add("body", "Give body or bodyValue, not both.")
        elif not isinstance(body_value, str) or not body_value.strip():
            errors.add("bodyValue", "Write the claim's statement.")
        else:
            return [ParsedClaim(claim_id=None, statement=body_value.strip())]
        return []
    # Bodies group by the claim they name; bodies naming none form one new claim.
    groups: dict[str | None, dict] = {}
    for index, body in enumerate(bodies):
        where = f"body[{index}]"
        if isinstance(body, str):
            body = {"id": body}
        if not isinstance(body, dict):
            errors.add(where, "A body must be an object or a claim's URL.")
            continue
        textual = _has_type(body, "TextualBody")
        if textual:
            # A TextualBody's own id names the text, not a claim; only ``claim`` does.
            claim = body.get("claim")
            url = claim.strip() if isinstance(claim, str) and claim.strip() else None
        else:
            url = _body_claim_url(body)
        purposes = _as_list(body.get("purpose"))
        if textual and "tagging" in purposes:
            # A tag is free text anyone may write: never a status, nor a statement.
            continue
        group = groups.setdefault(
            url, {"statement": None, "stance": None, "status": None, "note": None}
        )
        stance = body.get("stance")
        if stance is not None and _choice(stance, Stance, f"{where}.stance", errors):
            group["stance"] = stance
        status = body.get("status")
        if status is not None and _choice(
            status, ClaimStatus, f"{where}.status", errors
        ):
            group["status"] = status
        note = body.get("verdictNote")
        if note is not None:
            if not isinstance(note, str):
                errors.add(f"{where}.verdictNote", "The verdict note must be text.")
            else:
                group["note"] = note.strip()
        if not textual:
            if url is None:
                errors.add(
                    where,
                    "This body is neither a TextualBody with a statement nor a claim's URL.",
                )
            continue
        value = body.get("value")
        if not isinstance(value, str) or not value.strip():
            errors.add(f"{where}.value", "A TextualBody needs a value.")
            continue
        if not purposes or {"describing", "commenting"} & set(purposes):
            if len(value) > 2000:
                errors.add(f"{where}.value", "A statement has at most 2000 characters.")
            group["statement"] = value.strip()
    claims = []
    for url, group in groups.items():
        claim_id = _desk_id(url, base, CLAIM_PATH) if url else None
        if claim_id is None and not group["statement"]:
            errors.add(
                "body",
                f"The claim {url} is not on this desk; include its statement in a "
                "describing TextualBody."
                if url
                else "Write the claim's statement in a TextualBody with purpose describing.",
            )
            continue
        claims.append(
            ParsedClaim(
                claim_id=claim_id,
                statement=None if claim_id is not None else group["statement"],
                stance=group["stance"] or Stance.ASSERT,
                status=group["status"],
                claim_url=url,
                verdict_note=group["note"],
            )
        )
    return claims


def parse_annotation(data, *, base: str) -> ParsedAnnotation:
    """Read one incoming W3C Annotation into plain values.

    ``base`` is the desk's absolute root URL, to recognise its own pages given
    absolutely. Raises ``ValidationError`` with a list of messages per field
    (``target.source``, ``target.selector.start``, ``body[1].stance``, ...).
    """
    errors = _Errors()
    if not isinstance(data, dict):
        raise ValidationError({"annotation": "Send one annotation as a JSON object."})
    context = data.get("@context")
    if context is not None and ANNO_CONTEXT not in _as_list(context):
        errors.add("@context", f"The @context must include {ANNO_CONTEXT}.")
    if "type" in data and not _has_type(data, "Annotation"):
        errors.add("type", "The type must be Annotation.")
    target = _parse_target(data, base, errors)
    claims = _parse_bodies(data, base, errors)
    uid = None
    canonical = data.get("canonical")
    if isinstance(canonical, str) and canonical.startswith("urn:uuid:"):
        try:
            uid = uuid.UUID(canonical.removeprefix("urn:uuid:"))
        except ValueError:
            errors.add("canonical", "The canonical urn:uuid is not a valid UUID.")
    errors.raise_if_any()
    return ParsedAnnotation(**target, claims=claims, uid=uid)


def resolve_span(body: str, parsed: ParsedAnnotation) -> tuple[int, int, str]:
    """Where the annotation's words are in ``body``: ``(start, end, exact)``.

    With a position, the span is checked against the body (and against the quote when
    both are given). With only a quote, it must occur exactly once, or once with the
    given prefix and suffix. Raises ``ValidationError`` naming the selector field.
    """
    if parsed.start is not None and parsed.end is not None:
        try:
            exact = spans.validate_span(body, parsed.start, parsed.end, parsed.exact)
        except spans.SpanError as error:
            raise ValidationError(
                {f"target.selector.{error.field}": str(error)}
            ) from error
        return parsed.start, parsed.end, exact
    exact = parsed.exact or ""
    found = [m.start() for m in re.finditer(re.escape(exact), body)] if exact else []
    if len(found) > 1:
        found = [
            at
            for at in found
            if body[:at].endswith(parsed.prefix)
            and body[at + len(exact) :].startswith(parsed.suffix)
        ]
    if not found:
        raise ValidationError(
            {"target.selector.exact": "These words are not in the source's text."}
        )
    if len(found) > 1:
        raise ValidationError(
            {
                "target.selector.exact": f"These words occur {len(found)} times in the "
                "source; give a TextPositionSelector or a longer prefix/suffix."
            }
        )
    start = found[0]
    try:
        spans.validate_span(body, start, start + len(exact), exact)
    except spans.SpanError as error:
        raise ValidationError({f"target.selector.{error.field}": str(error)}) from error
    return start, start + len(exact), exact

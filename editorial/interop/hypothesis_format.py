"""Hypothesis annotations read and written (pure, no Django).

Reads what Hypothesis gives: its export file (``{"annotations": [...]}``), a search API
answer (``{"rows": [...]}``) or a plain list. Each annotation's words come from its
``TextQuoteSelector`` (with ``prefix``/``suffix``); a ``TextPositionSelector`` counts
from the start of the web page, not of the article, so it is only a hint.

Writes the shape Hypothesis's API takes to create an annotation (``uri``, ``text``,
``tags``, ``target`` as a list with the selectors, ``document``), which its importers
read.
"""

from __future__ import annotations

from dataclasses import dataclass


class NotHypothesis(ValueError):
    """The data is not Hypothesis annotations; the message says what was expected."""


@dataclass(frozen=True)
class HypothesisAnnotation:
    id: str
    uri: str
    text: str
    tags: tuple[str, ...]
    parent: str | None
    exact: str | None
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    user: str = ""
    created: str = ""
    link: str = ""
    title: str = ""


def _rows(data) -> list:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("annotations", "rows"):
            if isinstance(data.get(key), list):
                return data[key]
        if "uri" in data or "target" in data:
            return [data]
    raise NotHypothesis(
        "Expected Hypothesis annotations: its export file, an API search answer "
        "(with “rows”) or a list of annotations."
    )


def _selectors(row: dict) -> list[dict]:
    targets = row.get("target")
    if isinstance(targets, dict):
        targets = [targets]
    if not isinstance(targets, list) or not targets or not isinstance(targets[0], dict):
        return []
    selectors = targets[0].get("selector") or []
    if isinstance(selectors, dict):
        selectors = [selectors]
    return [s for s in selectors if isinstance(s, dict)]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _target_source(row: dict) -> str:
    targets = row.get("target")
    if isinstance(targets, list) and targets and isinstance(targets[0], dict):
        return _text(targets[0].get("source"))
    return ""


def read(data) -> list[HypothesisAnnotation]:
    """Every annotation in ``data``, parents before their replies."""
    found = []
    for row in _rows(data):
        if not isinstance(row, dict):
            raise NotHypothesis("Each annotation must be a JSON object.")
        quote = position = None
        for selector in _selectors(row):
            if selector.get("type") == "TextQuoteSelector" and isinstance(
                selector.get("exact"), str
            ):
                quote = selector
            elif selector.get("type") == "TextPositionSelector":
                position = selector
        references = [r for r in row.get("references") or [] if isinstance(r, str)]
        tags = tuple(t for t in row.get("tags") or [] if isinstance(t, str))
        start = position.get("start") if position else None
        end = position.get("end") if position else None
        document = row.get("document") if isinstance(row.get("document"), dict) else {}
        titles = document.get("title") or []
        found.append(
            HypothesisAnnotation(
                id=_text(row.get("id")),
                uri=_text(row.get("uri")) or _target_source(row),
                text=_text(row.get("text")).strip(),
                tags=tags,
                parent=references[-1] if references else None,
                exact=quote.get("exact") if quote else None,
                prefix=_text(quote.get("prefix")) if quote else "",
                suffix=_text(quote.get("suffix")) if quote else "",
                start=start if isinstance(start, int) else None,
                end=end if isinstance(end, int) else None,
                user=_text(row.get("user")),
                created=_text(row.get("created")),
                link=_text((row.get("links") or {}).get("html"))
                if isinstance(row.get("links"), dict)
                else "",
                title=titles[0] if titles and isinstance(titles[0], str) else "",
            )
        )
    return sorted(found, key=lambda item: item.parent is not None)


def locate(body: str, item: HypothesisAnnotation) -> tuple[int, int] | None:
    """Where ``item``'s quoted words are in ``body``: the quote decides (disambiguated
    by prefix and suffix); the position is used only when it points at those words."""
    exact = item.exact
    if not exact:
        return None
    if (
        item.start is not None
        and item.end is not None
        and 0 <= item.start < item.end <= len(body)
        and body[item.start : item.end] == exact
    ):
        return item.start, item.end
    at, found = body.find(exact), []
    while at != -1 and len(found) < 1000:
        found.append(at)
        at = body.find(exact, at + 1)
    if len(found) > 1:
        around = [
            at
            for at in found
            if body[:at].endswith(item.prefix[-32:])
            and body[at + len(exact) :].startswith(item.suffix[:32])
        ]
        found = around or found
    if len(found) != 1:
        return None
    return found[0], found[0] + len(exact)


def write(
    *,
    uri: str,
    title: str,
    exact: str,
    prefix: str,
    suffix: str,
    start: int,
    end: int,
    text: str,
    tags: list[str],
) -> dict:
    """One annotation as Hypothesis's API creates it (and its importers read)."""
    return {
        "uri": uri,
        "text": text,
        "tags": tags,
        "group": "__world__",
        "permissions": {"read": ["group:__world__"]},
        "document": {"title": [title]} if title else {},
        "target": [
            {
                "source": uri,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": exact,
                        "prefix": prefix,
                        "suffix": suffix,
                    },
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            }
        ],
    }

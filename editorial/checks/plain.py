"""Readings as plain data: JSON text another process can read back, and nothing more.

A reading (``checks.reading.Reading``) is frozen dataclasses, tuples, dates, numbers
and strings. ``dumps`` writes it as JSON, each value tagged with its kind (a tuple is
``{"t": [...]}``, a date ``{"d": "2025-09-04"}``, a dataclass ``{"c": name, "f":
{...}}``), and ``loads`` builds it again. Only the dataclasses of the checks' own
modules can be named, each built through its own ``__init__`` from exactly its
fields; anything else (unknown names, missing or extra fields, wrong shapes, bad
JSON) makes ``loads`` return None, so what comes from a shared cache is data to be
checked, never code or objects to trust. ``dumps`` returns None for a reading that
would not come back equal, so only what round-trips is ever stored.

Pure: no Django, no database.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from functools import cache

#: The modules whose dataclasses a reading may hold (looked up by class name).
MODULES = (
    "editorial.checks.reading",
    "editorial.checks.offices",
    "editorial.checks.text",
    "editorial.checks.figures",
    "editorial.checks.quantities",
    "editorial.checks.event_dates",
    "editorial.checks.events",
    "editorial.checks.dates",
    "editorial.checks.deadlines",
    "editorial.checks.numbers",
    "editorial.checks.nouns",
    "editorial.checks.identities",
    "editorial.checks.titles",
)


class Unreadable(ValueError):
    """Stored data that is not a reading this code writes."""


@cache
def _classes() -> dict[str, type]:
    """The dataclasses of ``MODULES`` by name (read once, after the checks are
    imported: ``reading`` imports them all)."""
    found = {}
    for name in MODULES:
        module = sys.modules.get(name)
        for value in vars(module).values() if module else ():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ in MODULES
            ):
                found.setdefault(value.__name__, value)
    return found


def _encode(value, classes):
    # Exact types only: a str enum or a named tuple would come back as a plain str
    # or tuple, equal but not the same.
    kind = type(value)
    if value is None or kind in (bool, str, int, float):
        return value
    if kind is tuple:
        return {"t": [_encode(item, classes) for item in value]}
    if kind is list:
        return [_encode(item, classes) for item in value]
    if kind is frozenset:
        return {"s": [_encode(item, classes) for item in value]}
    if kind is date:
        return {"d": value.isoformat()}
    if dataclasses.is_dataclass(value) and classes.get(kind.__name__) is kind:
        return {
            "c": kind.__name__,
            "f": {
                field.name: _encode(getattr(value, field.name), classes)
                for field in dataclasses.fields(value)
            },
        }
    raise Unreadable(f"cannot store a {kind.__name__}")


def _decode(data, classes):
    if data is None or isinstance(data, (bool, str, int, float)):
        return data
    if isinstance(data, list):
        return [_decode(item, classes) for item in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise Unreadable("not a stored value")
    if len(data) == 1:
        ((tag, body),) = data.items()
        if tag == "t" and isinstance(body, list):
            return tuple(_decode(item, classes) for item in body)
        if tag == "s" and isinstance(body, list):
            return frozenset(_decode(item, classes) for item in body)
        if tag == "d" and isinstance(body, str):
            return date.fromisoformat(body)
        raise Unreadable(f"unknown tag {tag!r}")
    kind = classes.get(data.get("c")) if isinstance(data.get("c"), str) else None
    fields = data.get("f")
    if kind is None or not isinstance(fields, dict):
        raise Unreadable("unknown class")
    names = {field.name for field in dataclasses.fields(kind) if field.init}
    if set(fields) != names:
        raise Unreadable(f"fields of {kind.__name__} do not match")
    return kind(**{name: _decode(value, classes) for name, value in fields.items()})


def dumps(reading) -> str | None:
    """``reading`` as JSON text, or None when it would not be read back equal."""
    classes = _classes()
    try:
        text = json.dumps(_encode(reading, classes), separators=(",", ":"))
    except (Unreadable, ValueError, TypeError, RecursionError):
        return None
    return text if loads(text, type(reading)) == reading else None


def loads(text, kind: type):
    """The ``kind`` instance written in ``text`` by ``dumps``, or None for anything
    else (not text, not JSON, not this code's shapes)."""
    if not isinstance(text, str):
        return None
    try:
        value = _decode(json.loads(text), _classes())
    except Exception:  # noqa: BLE001 - whatever the data, it is only not a reading
        return None
    return value if type(value) is kind else None

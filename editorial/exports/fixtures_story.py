"""A desk's history in natural keys, so fixtures without primary keys can carry it.

The shipped demo is written without primary keys (``fixtures_export``), so its history
tables, which name objects by primary key, cannot travel as they are. This file
names each history row's object by its natural key (a uid, a SHA-256, a username) and
its people by username, with the row's own date, type and reason:

    {"model": "editorial.claim", "object": ["…uid…"], "type": "~",
     "date": "2026-01-12T14:05:00Z", "user": "reviewer", "reason": "…",
     "fields": {"status": "false", "reviewed_by_id": ["reviewer"], …}}

``write_story`` writes it (rows of objects that no longer exist are left out: there is
nothing to attach them to); ``Story.replay`` gives the objects a load creates these
rows instead of a "Loaded from fixture" one, so the demo's pages show who did what,
when and why. Objects the story does not know get the loader's usual row.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.dateparse import parse_datetime

from editorial.exports.fixtures_checks import has_history
from editorial.exports.fixtures_export import EDITORIAL, SOURCES, FixtureEncoder

STORY_FILE = "demo-history.json"


def _natural(obj) -> list | None:
    key = getattr(obj, "natural_key", None)
    return list(key()) if key else None


def _story_models() -> list:
    """The desk's work: sources and editorial records (the reference data's history is
    its own load, and accounts keep none)."""
    return [
        model
        for kind in (SOURCES, EDITORIAL)
        for model in kind.models()
        if has_history(model) and hasattr(model, "natural_key")
    ]


def _fields(model) -> list:
    """The model's fields its history keeps (a history may leave some out)."""
    kept = {f.attname for f in model.history.model._meta.concrete_fields}
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.attname in kept
    ]


def write_story(path: Path) -> int:
    """Write every history row of objects that exist, oldest first; returns how many."""
    users = {u.pk: u.get_username() for u in get_user_model().objects.all()}
    rows = []
    for model in _story_models():
        live = {obj.pk: obj for obj in model._default_manager.all()}
        keys: dict = {}
        for row in model.history.order_by("history_date", "history_id"):
            obj = live.get(row.id)
            if obj is None:
                continue
            values = {}
            for f in _fields(model):
                value = getattr(row, f.attname)
                if f.is_relation and value is not None:
                    value = _related_key(f, value, keys)
                values[f.attname] = value
            rows.append(
                {
                    "model": model._meta.label_lower,
                    "object": _natural(obj),
                    "type": row.history_type,
                    "date": row.history_date,
                    "user": users.get(row.history_user_id),
                    "reason": row.history_change_reason or "",
                    "fields": values,
                }
            )
    rows.sort(key=lambda r: (r["date"], r["model"]))
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        json.dump(rows, stream, cls=FixtureEncoder, ensure_ascii=False, indent=1)
        stream.write("\n")
    return len(rows)


def _related_key(f, value, cache: dict):
    """A foreign key's target by natural key (None when it is gone or has none)."""
    if (f.attname, value) not in cache:
        target = f.related_model._default_manager.filter(pk=value).first()
        cache[(f.attname, value)] = _natural(target) if target else None
    return cache[(f.attname, value)]


@dataclass
class Story:
    """History rows read from a story file, by (model label, natural key)."""

    rows: dict = field(default_factory=dict)
    _keys: dict = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path | None) -> Story:
        story = cls()
        if path is None:
            return story
        for row in json.loads(Path(path).read_text(encoding="utf-8")):
            key = (row["model"], tuple(row["object"] or ()))
            story.rows.setdefault(key, []).append(row)
        return story

    def replay(self, model, objects: list) -> tuple[list, int]:
        """Write the story's rows for ``objects`` just created; returns the objects
        it knows nothing of (they get the loader's row) and how many rows it wrote."""
        if not self.rows or not hasattr(model, "natural_key"):
            return objects, 0
        label = model._meta.label_lower
        history = model.history.model
        left, made = [], []
        for obj in objects:
            rows = self.rows.get((label, tuple(obj.natural_key())))
            versions = [self._values(model, row) for row in rows or ()]
            if not versions or not _is_now(obj, versions[-1]):
                # Unknown, or the files hold a later state than the story tells:
                # the loader's own row says where it came from.
                left.append(obj)
                continue
            made += [history(id=obj.pk, **values) for values in versions]
        history.objects.bulk_create(made)
        return left, len(made)

    def _values(self, model, row) -> dict:
        values = {
            "history_type": row["type"],
            "history_date": _moment(row["date"]),
            "history_user_id": self._pk(get_user_model(), [row["user"]])
            if row["user"]
            else None,
            "history_change_reason": row["reason"],
        }
        stored = row["fields"]
        for f in _fields(model):
            if f.attname not in stored:
                continue
            value = stored[f.attname]
            if f.is_relation and value is not None:
                value = self._pk(f.related_model, value)
            elif value is not None:
                value = f.to_python(value)
            values[f.attname] = value
        return values

    def _pk(self, model, key):
        cache_key = (model._meta.label_lower, tuple(key))
        if cache_key not in self._keys:
            try:
                found = model._default_manager.get_by_natural_key(*key)
            except model.DoesNotExist:
                found = None
            self._keys[cache_key] = found.pk if found else None
        return self._keys[cache_key]


def _is_now(obj, values: dict) -> bool:
    """Whether the story's last version is the object as the files hold it."""
    return all(
        getattr(obj, name) == value
        for name, value in values.items()
        if not name.startswith("history_")
    )


def record_history(
    model, objects: list, *, created: bool, user, reason: str, story: Story
) -> int:
    """History rows for objects a load created (``created``) or changed: the story's
    rows for new objects it knows, else one row naming ``user`` and ``reason``."""
    told = 0
    if created:
        objects, told = story.replay(model, objects)
    made = model.history.bulk_history_create(
        objects, update=not created, default_user=user, default_change_reason=reason
    )
    return told + len(made)


def _moment(text) -> datetime.datetime:
    return text if isinstance(text, datetime.datetime) else parse_datetime(text)

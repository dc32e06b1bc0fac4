"""Find writes that skipped history: the desk's guard that every change is on the record.

A write that bypasses the services (a queryset ``update()``, a raw ``bulk_create``, a
save without a reason) leaves the live rows out of step with their history. This module
finds such gaps; ``manage.py audit_history`` reports them, and the test suite runs it
after every test, so a write path that skips history fails its test.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

TRACKED_APPS = ("sources", "editorial")


def tracked_models() -> list:
    return [
        model
        for label in TRACKED_APPS
        for model in apps.get_app_config(label).get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]


def _compared_fields(model) -> list[str]:
    history = model.history.model
    live = {field.attname for field in model._meta.concrete_fields}
    return [
        field.attname
        for field in history._meta.concrete_fields
        if not field.name.startswith("history_") and field.attname in live
    ]


def history_problems(limit: int = 20) -> list[str]:
    """Every live row must equal its latest history row; every history row names a user and a reason."""
    problems: list[str] = []
    for model in tracked_models():
        label = model._meta.label
        history = model.history.model
        unattributed = history.objects.filter(
            Q(history_user__isnull=True)
            | Q(history_change_reason__isnull=True)
            | Q(history_change_reason="")
        )
        for row in unattributed.values("id", "history_id", "history_type")[:limit]:
            problems.append(
                f"{label} {row['id']}: history row {row['history_id']} ({row['history_type']}) has no user or no reason"
            )
        fields = _compared_fields(model)
        latest = {}
        for row in history.objects.order_by("id", "history_id").values(
            *fields, "history_type", "history_id"
        ):
            latest[row["id"]] = row
        for obj in model._default_manager.values(*fields):
            row = latest.pop(obj["id"], None)
            if row is None:
                problems.append(f"{label} {obj['id']}: exists but has no history")
                continue
            if row["history_type"] == "-":
                problems.append(
                    f"{label} {obj['id']}: exists but its history says it was deleted"
                )
            differing = sorted(name for name in fields if obj[name] != row[name])
            if differing:
                problems.append(
                    f"{label} {obj['id']}: changed without history ({', '.join(differing)})"
                )
        for object_id, row in latest.items():
            if row["history_type"] != "-":
                problems.append(f"{label} {object_id}: deleted without a history row")
        if len(problems) >= limit:
            break
    return problems[:limit]

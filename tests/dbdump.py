"""A full dump of the database, to prove that refused input and failed writes change nothing."""

from __future__ import annotations

from django.apps import apps

#: Tables that change on any request and are not the desk's data.
NOT_DATA = {"sessions.session"}


def full_dump() -> dict[str, list[dict]]:
    """Every row of every model (history, users, tokens, log-in attempts included)."""
    dump = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in NOT_DATA or model._meta.proxy:
            continue
        dump[label] = list(model._base_manager.order_by("pk").values_list())
    return dump


def dump_difference(before: dict, after: dict) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ, with their row counts before and after."""
    return {
        label: (len(before.get(label, [])), len(after.get(label, [])))
        for label in sorted(set(before) | set(after))
        if before.get(label) != after.get(label)
    }

"""The history rows of what a fixture load wrote (``fixtures_load``), and its report.

A ``+`` row for each new object, a ``~`` row for each changed one, naming the load's
user and reason (or the story's rows, ``fixtures_story``, for new objects it tells of);
models whose history came in the files already have theirs.
"""

from __future__ import annotations

from editorial.exports import fixtures_reader
from editorial.exports.fixtures_checks import has_history, is_history
from editorial.exports.fixtures_report import CREATED, KEPT, UPDATED
from editorial.exports.fixtures_story import record_history

#: The history's reason when the caller gives none.
LOADED = "Loaded from fixture {file}"


def record_load_history(state, user, reason: str | None) -> None:
    """A ``+`` row for each new object, a ``~`` row for each changed one.

    Models whose history came in the files already have their rows.
    """
    report = state.report
    for model, rows in state.written.items():
        if is_history(model):
            continue
        label = model._meta.verbose_name_plural
        for outcome, counter in (
            (CREATED, report.inserted),
            (UPDATED, report.updated),
            (KEPT, report.kept),
        ):
            if count := rows.states.count(outcome):
                counter[label] += count
        if not has_history(model) or model in state.with_history:
            continue
        # In load order, a batch at a time for each (new or changed, file).
        waiting: dict[tuple[int, int], list[int]] = {}
        for pk, number, outcome in zip(rows.pks, rows.files, rows.states, strict=True):
            if outcome == KEPT:
                continue
            pks = waiting.setdefault((outcome, number), [])
            pks.append(pk)
            if len(pks) >= fixtures_reader.BATCH:
                _history_rows(state, model, outcome, number, pks, user, reason)
                pks.clear()
        for (outcome, number), pks in waiting.items():
            if pks:
                _history_rows(state, model, outcome, number, pks, user, reason)


def _history_rows(state, model, outcome, number, pks, user, reason) -> None:
    name = state.paths[number].name
    state.report.history_rows += record_history(
        model,
        list(model._default_manager.filter(pk__in=pks).order_by("pk")),
        created=outcome == CREATED,
        user=user,
        reason=LOADED.format(file=name) if reason is None else f"{reason} ({name})",
        story=state.story,
    )

"""When the fixture loader checks what it wrote: as each batch goes in, or at the end.

Every object written is checked as the services would check it
(:mod:`editorial.exports.fixtures_checks`: its relations, ``clean()``, the quote's
context, a verdict's reviewer). Reading 280,000 rows back into model instances to do
so was a third of an import's time, so an object turned straight into a row
(``fixtures_rows``) is checked from the values it was written with, right after its
batch went in: the same checks on the same values, and the targets the checks read are
already in the database (earlier batches, earlier files).

What cannot be settled then waits for the end, when every object is in, and is read
back as before: objects that were deserialized (updates, natural keys), and objects
pointing at a row not (yet) there, which a later file may bring. If, after a batch was
checked, the load changes rows that were already there (an update, a forward reference
filled in), what an earlier check read may have changed: everything is then checked
again at the end, read back.
"""

from __future__ import annotations

from array import array

from django.core.exceptions import ValidationError

from editorial.exports.fixtures_checks import (
    FixtureError,
    check,
    check_relations,
    check_verdict,
    error_text,
    is_history,
    missing_targets,
    relations,
)
from editorial.exports.fixtures_report import CREATED
from editorial.models import Claim


class Verifier:
    """What one load has checked, and what it must still check at the end."""

    def __init__(self):
        self.reviewers: dict = {}  # who is a reviewer, by primary key
        self.kept: dict = {}  # model -> relation targets kept across chunks
        self.checked_early = False
        #: Rows already there were changed after a batch was checked.
        self.stale = False

    def changed_existing(self) -> None:
        """The load changes rows that were there before (an update, a deferred field)."""
        self.kept.clear()  # targets read before may be among them
        if self.checked_early:
            self.stale = True

    def check_new(self, state, model, layout, new: list) -> None:
        """Check ``new`` (``(position, values)`` of converted objects just written).

        Those with a relation to a row not in the database are left for the end.
        """
        if not new or is_history(model):
            return
        prepared = self.prepare(model, layout, [values for _, values in new])
        self.check_prepared(state, prepared, [position for position, _ in new])

    def prepare(self, model, layout, values: list) -> tuple:
        """What checking objects of ``model`` (their ``values``) reads: their instances
        and which of their relations name no row (the queries, done here)."""
        fields = relations(model)
        instances = [layout.instance(one) for one in values]
        if model not in self.kept:
            # The targets kept for the model before (a source's revisions, their
            # text) serve no other: a file's models come one after another.
            self.kept.clear()
        missing = missing_targets(fields, instances, self.kept.setdefault(model, {}))
        return model, fields, instances, missing

    def check_prepared(self, state, prepared: tuple, positions) -> None:
        """Check the objects ``prepare`` read, written at ``positions``."""
        model, fields, instances, missing = prepared
        unsettled = {relation: values for relation, values in missing.items() if values}
        rows = state.written[model]
        for position, instance in zip(positions, instances, strict=True):
            if unsettled and any(
                getattr(instance, relation.attname) in values
                for relation, values in unsettled.items()
            ):
                continue  # a later file may bring it: checked at the end
            self._check(state, model, fields, missing, instance, position)
            rows.checked[position] = 1
        self.checked_early = True

    def check_written(self, state, batch: int) -> None:
        """Every object not checked yet (or all, if stale), read back ``batch`` at a time."""
        for model, rows in state.written.items():
            if is_history(model):
                continue
            kept: dict = {}
            fields = relations(model)
            positions = array(
                "q",
                (
                    position
                    for position, done in enumerate(rows.checked)
                    if self.stale or not done
                ),
            )
            for start in range(0, len(positions), batch):
                chunk = positions[start : start + batch]
                by_pk = model._default_manager.in_bulk([rows.pks[p] for p in chunk])
                missing = missing_targets(fields, list(by_pk.values()), kept)
                for position in chunk:
                    instance = by_pk[rows.pks[position]]
                    self._check(state, model, fields, missing, instance, position)

    def _check(self, state, model, fields, missing, instance, position) -> None:
        try:
            check_relations(instance, fields, missing)
            check(instance, fields)
            if model is Claim and (
                state.written[model].states[position] == CREATED
                or position in state.verdict_changes
            ):
                check_verdict(instance, self.reviewers)
        except ValidationError as error:
            key = (
                instance.natural_key()[0]
                if hasattr(instance, "natural_key")
                else instance.pk
            )
            raise FixtureError(
                f"{state.where(model, position)} "
                f"({model._meta.label_lower} {key}): {error_text(error)}"
            ) from None

"""Importing fixtures all or nothing, checked as the services would check them.

``loaddata`` trusts its input: it saves rows raw, skips model validation, writes no
history and can leave a highlight pointing at words its source does not have.
``fixtures_import`` loads the files in one transaction, then checks every object it
loaded (``full_clean()``: statuses, stances, URLs, each highlight against its
revision's body; plus what ``clean()`` cannot see: quote context, revision hashes,
current revisions) and records history for them with a user and a reason. On the
first problem it raises :class:`FixtureImportError` naming the file, the object and
the problem, and the transaction leaves the database exactly as it was.

Existing people are kept as they are (an import never resets anyone's account);
other existing objects, matched by natural key, take the file's values, and the
change is recorded in their history.

Memory does not grow with the files' contents: each file is read one object at a time
(:mod:`editorial.json_stream`), objects are written in batches of one model, and what
the later steps need of each object (its primary key, where it came from, whether it
was new) is kept as machine integers in arrays. The checks and the history read the
rows back in chunks.
"""

from __future__ import annotations

import functools
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction

from core.history import clean_reason
from core.roles import system_user
from editorial.exports.fixtures_loading import has_history
from editorial.exports.json_stream import JSONListError, NotAJSONList, iter_json_list
from editorial.highlights import spans
from editorial.models import Highlight
from sources.models import Revision, Source
from sources.services import sha256_text

#: Objects written, checked or given history per database round trip.
BATCH = 1000


class FixtureImportError(Exception):
    """A fixture that cannot be imported; the message names file, object and problem."""


@dataclass
class ImportReport:
    inserted: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    history_rows: int = 0

    def lines(self) -> list[str]:
        def describe(counter):
            return ", ".join(f"{n} {label}" for label, n in sorted(counter.items()))

        return [
            f"Inserted: {describe(self.inserted) or 'nothing'}.",
            f"Updated: {describe(self.updated) or 'nothing'}.",
            f"Kept as they were: {describe(self.kept) or 'nothing'}.",
        ]


CREATED, UPDATED, KEPT = 1, 2, 3


class _Written:
    """One model's objects written by the import, in load order, a few bytes each."""

    def __init__(self):
        self.pks = array("q")
        self.files = array("H")
        self.indexes = array("q")
        self.states = array("b")

    def add(self, pk: int, file: int, index: int, state: int) -> int:
        self.pks.append(pk)
        self.files.append(file)
        self.indexes.append(index)
        self.states.append(state)
        return len(self.pks) - 1


@dataclass
class _Import:
    paths: list[Path]
    report: ImportReport = field(default_factory=ImportReport)
    written: dict = field(default_factory=dict)  # model -> _Written, in load order
    #: Objects with a forward reference, saved again at the end (few: a source's
    #: current revision when the files name it by natural key).
    deferred: list = field(default_factory=list)
    #: Models whose history rows came in the files.
    with_history: set = field(default_factory=set)

    def where(self, model, position: int) -> str:
        rows = self.written[model]
        path = self.paths[rows.files[position]]
        return f"{path.name}, object {rows.indexes[position] + 1}"


def _describe(path: Path, index: int, entry) -> str:
    """``file, object N (model key)`` for messages."""
    where = f"{path.name}, object {index + 1}"
    if not isinstance(entry, dict):
        return where
    fields = entry.get("fields") if isinstance(entry.get("fields"), dict) else {}
    key = next(
        (
            fields[name]
            for name in ("uid", "sha256", "username", "key")
            if fields.get(name)
        ),
        entry.get("pk"),
    )
    model = entry.get("model", "?")
    return f"{where} ({model} {key})" if key is not None else f"{where} ({model})"


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _entries(path: Path) -> Iterator[tuple[int, object]]:
    """The file's objects with their positions, read one at a time."""
    try:
        with open(path, encoding="utf-8") as stream:
            yield from enumerate(iter_json_list(stream))
    except FileNotFoundError:
        raise FixtureImportError(f"{path}: no such file.") from None
    except UnicodeDecodeError as error:
        raise FixtureImportError(f"{path.name}: not UTF-8 text ({error}).") from None
    except NotAJSONList as error:
        raise FixtureImportError(
            f"{path.name}: a fixture is a JSON list of objects; this is a {error.kind}."
        ) from None
    except JSONListError as error:
        raise FixtureImportError(f"{path.name}: not valid JSON: {error}.") from None


def _is_history(model) -> bool:
    """Whether ``model`` is a django-simple-history table."""
    return hasattr(model, "instance_type") and hasattr(model, "history_object")


def _relations(model) -> list:
    """The model's foreign keys (and one-to-ones) held in its own table."""
    return [f for f in model._meta.concrete_fields if f.is_relation]


@functools.cache
def _one_at_a_time(model) -> bool:
    """Whether ``model``'s objects must be written one by one, not in batches.

    So they are when an object may name another of its own model by natural key (it
    must be in the database before the next is read), or when saving computes values
    (``auto_now``), which ``bulk_create`` would overwrite and a raw save keeps.
    """
    return any(f.related_model is model for f in _relations(model)) or any(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        for f in model._meta.concrete_fields
    )


def _load_file(state: _Import, number: int) -> None:
    path = state.paths[number]
    batch: list = []
    for index, entry in _entries(path):
        label = entry.get("model") if isinstance(entry, dict) else None
        # A batch is written before the next object is read, which may name its
        # objects by natural key.
        if batch and (
            label != batch[-1][1].get("model") or len(batch) >= _limit(batch)
        ):
            _save_batch(state, number, batch)
            batch = []
        try:
            (item,) = serializers.deserialize(
                "python", [entry], handle_forward_references=True
            )
        except (DeserializationError, ValidationError, ValueError, TypeError) as error:
            cause = error.__cause__ or error
            raise FixtureImportError(
                f"{_describe(path, index, entry)}: {cause}"
            ) from None
        batch.append((index, entry, item))
    if batch:
        _save_batch(state, number, batch)


def _limit(batch: list) -> int:
    return 1 if _one_at_a_time(type(batch[0][2].object)) else BATCH


def _save_batch(state: _Import, number: int, batch: list) -> None:
    """Write one model's objects: new ones together, existing ones one by one."""
    path = state.paths[number]
    model = type(batch[0][2].object)
    manager = model._default_manager
    pk_name = model._meta.pk.attname
    history = _is_history(model)
    if history:
        state.with_history.add(model.instance_type)
    pks = [item.object.pk for _, _, item in batch if item.object.pk is not None]
    existing = {obj.pk: obj for obj in manager.filter(pk__in=pks)} if pks else {}
    before = {}
    if existing:
        before = {row[pk_name]: row for row in manager.filter(pk__in=pks).values()}
    accepted = []
    for index, entry, item in batch:
        where = _describe(path, index, entry)
        instance = item.object
        found = existing.get(instance.pk)
        if (
            found is not None
            and hasattr(found, "natural_key")
            and found.natural_key() != instance.natural_key()
        ):
            raise FixtureImportError(
                f"{where}: primary key {instance.pk} already belongs to another "
                f"{model._meta.verbose_name} ({found.natural_key()[0]}); files "
                "exported with history load into an empty database."
            )
        if found is not None and model is get_user_model():
            state.report.kept[model._meta.verbose_name_plural] += 1
            continue
        for name in item.deferred_fields:
            if not name.null:
                raise FixtureImportError(
                    f"{where}: its {name.name} {item.deferred_fields[name]!r} is neither "
                    "in the database nor earlier in these files."
                )
        try:
            # Field by field first, so a bad value is named before a database
            # constraint refuses it in words the editor cannot act on.
            # Relations are checked once everything is loaded (they may point forward).
            if not history:
                instance.clean_fields(exclude=[f.name for f in _relations(model)])
        except ValidationError as error:
            raise FixtureImportError(f"{where}: {_messages(error)}") from None
        accepted.append((where, index, item, found is not None))
    new = [item for _, _, item, exists in accepted if not exists and not item.m2m_data]
    one_by_one = [a for a in accepted if a[3] or a[2].m2m_data]
    try:
        with transaction.atomic():
            manager.bulk_create([item.object for item in new])
    except DatabaseError:
        # Again one at a time, to name the object the database refuses.
        one_by_one = accepted
    for where, _, item, _ in one_by_one:
        try:
            with transaction.atomic():
                item.save()
        except DatabaseError as error:
            raise FixtureImportError(
                f"{where}: the database refused it: {error}"
            ) from None
    after = {}
    if before:
        after = {row[pk_name]: row for row in manager.filter(pk__in=pks).values()}
    written = state.written.setdefault(model, _Written())
    for where, index, item, exists in accepted:
        pk = item.object.pk
        if not exists:
            outcome = CREATED
        else:
            outcome = KEPT if after[pk] == before[pk] else UPDATED
        position = written.add(pk, number, index, outcome)
        if item.deferred_fields:
            state.deferred.append((where, item, position, before.get(pk)))


def _save_deferred(state: _Import) -> None:
    """Fill in what pointed forward, now that every file is in."""
    for where, item, position, before in state.deferred:
        try:
            item.save_deferred_fields()
        except ObjectDoesNotExist as error:
            raise FixtureImportError(
                f"{where}: it points to an object that is neither in the database "
                f"nor in these files ({error})."
            ) from None
        if before is not None:
            model = type(item.object)
            after = model._default_manager.filter(pk=item.object.pk).values().first()
            rows = state.written[model]
            rows.states[position] = KEPT if after == before else UPDATED


def _check_written(state: _Import) -> None:
    """Every object written, read back in chunks and checked as the services would."""
    for model, rows in state.written.items():
        if _is_history(model):
            continue
        relations = _relations(model)
        for start in range(0, len(rows.pks), BATCH):
            pks = rows.pks[start : start + BATCH]
            by_pk = model._default_manager.in_bulk(list(pks))
            missing = _missing_targets(relations, list(by_pk.values()))
            for position, pk in enumerate(pks, start):
                instance = by_pk[pk]
                try:
                    _check_relations(instance, relations, missing)
                    _check(instance, relations)
                except ValidationError as error:
                    key = (
                        instance.natural_key()[0]
                        if hasattr(instance, "natural_key")
                        else instance.pk
                    )
                    raise FixtureImportError(
                        f"{state.where(model, position)} "
                        f"({model._meta.label_lower} {key}): {_messages(error)}"
                    ) from None


def _missing_targets(relations: list, objects: list) -> dict:
    """For each relation, the values among ``objects`` that name no row.

    The rows that exist are fetched once per chunk and put in each object's relation
    cache, so ``clean()`` reads a highlight's revision without a query of its own.
    """
    missing = {}
    for relation in relations:
        values = {getattr(o, relation.attname) for o in objects} - {None}
        targets = relation.related_model._base_manager.in_bulk(
            values, field_name=relation.target_field.attname
        )
        for instance in objects:
            target = targets.get(getattr(instance, relation.attname))
            if target is not None:
                relation.set_cached_value(instance, target)
        missing[relation] = values - targets.keys()
    return missing


def _check_relations(instance, relations: list, missing: dict) -> None:
    """What ``ForeignKey.validate`` checks, with the existence queries done per chunk."""
    for relation in relations:
        value = getattr(instance, relation.attname)
        try:
            # Null, blank and choices, as any field; the target's existence below.
            models.Field.validate(relation, value, instance)
        except ValidationError as error:
            raise ValidationError({relation.name: error.messages}) from None
        if value in missing[relation]:
            raise ValidationError(
                {
                    relation.name: ValidationError(
                        relation.error_messages["invalid"],
                        code="invalid",
                        params={
                            "model": relation.related_model._meta.verbose_name,
                            "pk": value,
                            "field": relation.remote_field.field_name,
                            "value": value,
                        },
                    )
                }
            )


def _check(instance, relations: list) -> None:
    """What the services would have refused, beyond the schema.

    ``full_clean()`` without what is already settled: relations (checked per chunk
    above) and uniqueness and constraints, which the database enforced when it
    accepted the rows.
    """
    instance.full_clean(
        exclude=[f.name for f in relations],
        validate_unique=False,
        validate_constraints=False,
    )
    if isinstance(instance, Highlight):
        body = instance.revision.body
        if (instance.prefix, instance.suffix) != spans.quote_context(
            body, instance.start, instance.end
        ):
            raise ValidationError(
                {
                    "prefix": "The prefix or suffix does not match the text around the quote."
                }
            )
    elif isinstance(instance, Revision):
        if sha256_text(instance.body) != instance.sha256:
            raise ValidationError({"sha256": "The SHA-256 does not match the body."})
    elif isinstance(instance, Source):
        current = instance.current_revision
        if current is not None and current.source_id != instance.pk:
            raise ValidationError(
                {"current_revision": "The current revision belongs to another source."}
            )


def fixtures_import(*, paths: list[Path], user=None, reason: str) -> ImportReport:
    """Load ``paths`` in order, check everything, record history; all or nothing.

    History names ``user``, or the desk's ``system`` account when none is given.
    """
    reason = clean_reason(reason)
    state = _Import(paths=[Path(path) for path in paths])
    with transaction.atomic():
        for number in range(len(state.paths)):
            _load_file(state, number)
        _save_deferred(state)
        _reset_sequences(list(state.written))
        _check_written(state)
        # The system account is looked up only now: the files may bring it.
        _record_history(state, user or system_user(), reason)
    return state.report


def _reset_sequences(written: list) -> None:
    """Point PostgreSQL's id sequences past the ids the files brought (as ``loaddata``)."""
    statements = connection.ops.sequence_reset_sql(no_style(), written)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _record_history(state: _Import, user, reason: str) -> None:
    """A ``+`` row for each new object, a ``~`` row for each changed one.

    Models whose history came in the files already have their rows.
    """
    report = state.report
    for model, rows in state.written.items():
        if _is_history(model):
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
            if len(pks) >= BATCH:
                _history_rows(state, model, outcome, number, pks, user, reason)
                pks.clear()
        for (outcome, number), pks in waiting.items():
            if pks:
                _history_rows(state, model, outcome, number, pks, user, reason)


def _history_rows(state: _Import, model, outcome, number, pks, user, reason) -> None:
    made = model.history.bulk_history_create(
        list(model._default_manager.filter(pk__in=pks).order_by("pk")),
        update=outcome == UPDATED,
        default_user=user,
        default_change_reason=f"{reason} ({state.paths[number].name})",
    )
    state.report.history_rows += len(made)

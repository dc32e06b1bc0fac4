"""The desk's one fixture loader: all or nothing, checked as the services check, with history.

``loaddata`` trusts its input: it saves rows raw, skips model validation, writes no
history, overwrites what exists and can leave a highlight pointing at words its source
does not have. ``fixtures_load`` loads the files in order in one transaction, then
checks every object it wrote (:mod:`editorial.exports.fixtures_checks`) and records
history for each, naming a user and a reason. On the first problem it raises
:class:`FixtureError` naming the file, the object and the problem, and the transaction
leaves the database exactly as it was.

Objects are matched by natural key. What happens to one that already exists is the
only thing the two modes change; the reading, the checks and the messages are the same:

- ``update=False`` (``load_fixtures``, the tests' shipped desk): it is kept as it is,
  so loading again neither duplicates nor clobbers an editor's later changes.
- ``update=True`` (``import_fixtures``): it takes the file's values, and the change is
  recorded in its history. People are kept as they are in both modes (an import never
  resets anyone's account).

Memory does not grow with the files' contents: each file is read one object at a time
(:mod:`editorial.exports.json_stream`), in batches of one model
(:mod:`editorial.exports.fixtures_reader`), and what the later steps need of each object
(its primary key, where it came from, whether it was new) is kept as integers in arrays.
New objects that bring their keys go in as rows made straight from the JSON
(:mod:`editorial.exports.fixtures_rows`), a batch at a time, written beside the loader
on SQLite, with ``COPY`` on PostgreSQL (:mod:`editorial.exports.fixtures_insert`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DatabaseError, connection, transaction

from core.history import clean_reason
from core.roles import ensure_groups, system_user
from editorial.exports import fixtures_reader
from editorial.exports.fixtures_checks import (
    Feed,
    FixtureError,
    check_verdict_changer,
    describe,
    error_text,
    is_history,
    one_at_a_time,
    relations,
    verdict_change,
)
from editorial.exports.fixtures_history import record_load_history
from editorial.exports.fixtures_insert import (
    Keys,
    Writer,
    insert,
    insert_rows,
    insertable,
    larger_cache,
    quick_turns,
    reset_sequences,
    taken,
)
from editorial.exports.fixtures_reader import ROWS, Reader, group_entries, never_loaded
from editorial.exports.fixtures_report import (
    CREATED,
    KEPT,
    UPDATED,
    LoadReport,
    Written,
)
from editorial.exports.fixtures_rows import Entry, Rows
from editorial.exports.fixtures_story import Story
from editorial.exports.fixtures_verify import Verifier
from editorial.models import Claim

__all__ = ["FixtureError", "LoadReport", "fixtures_load"]


@dataclass
class _Load:
    paths: list[Path]
    update: bool
    report: LoadReport = field(default_factory=LoadReport)
    written: dict = field(default_factory=dict)  # model -> Written, in load order
    #: Objects with a forward reference, saved again at the end (few: a source's
    #: current revision when the files name it by natural key).
    deferred: list = field(default_factory=list)
    #: Models whose history rows came in the files.
    with_history: set = field(default_factory=set)
    #: Claims whose verdict an update changes: position among the written claims ->
    #: the first field it changes (see ``fixtures_checks.verdict_change``).
    verdict_changes: dict = field(default_factory=dict)
    #: History told in natural keys (``fixtures_story``), replayed for new objects.
    story: Story = field(default_factory=Story)
    #: Objects turned straight into rows (``fixtures_rows``) when they can be.
    rows: Rows = field(default_factory=Rows)
    #: What is checked as it goes in, and what at the end (``fixtures_verify``).
    verifier: Verifier = field(default_factory=Verifier)
    #: The files' objects, converted ahead (``fixtures_reader``).
    reader: Reader | None = None
    #: Batches of rows written beside the loader (``fixtures_insert``).
    writer: Writer = field(default_factory=Writer)
    #: Which keys no row has yet (``fixtures_insert.Keys``).
    keys: Keys = field(default_factory=Keys)

    def where(self, model, position: int) -> str:
        rows = self.written[model]
        path = self.paths[rows.files[position]]
        return f"{path.name}, object {rows.indexes[position] + 1}"


def fixtures_load(
    *,
    paths: list[Path],
    update: bool = False,
    user=None,
    reason: str | None = None,
    story: Path | None = None,
    read_ahead: bool = False,
) -> LoadReport:
    """Load ``paths`` in order, check everything, record history; all or nothing.

    ``update`` says whether objects that already exist take the files' values (see the
    module's docstring). History names ``user``, or the desk's ``system`` account when
    none is given, and gives ``reason`` with the file's name, or "Loaded from fixture
    <file>" when there is none, except for new objects ``story`` tells the history of.
    ``read_ahead``: a child process reads and converts the files (``fixtures_reader``).
    """
    if reason is not None:
        reason = clean_reason(reason)
    state = _Load([Path(path) for path in paths], update, story=Story.read(story))
    state.reader = Reader(state.paths, state.rows, ahead=read_ahead)
    try:
        with larger_cache(), quick_turns(), transaction.atomic():
            ensure_groups()
            try:
                with connection.execute_wrapper(state.writer.guard):
                    for number in range(len(state.paths)):
                        _load_file(state, number)
            finally:  # nothing written beside the load after it ends or fails
                state.writer.finish_quietly()
            _save_deferred(state)
            reset_sequences(list(state.written))
            # The system account is looked up only now: the files may bring it.
            user = user or system_user()
            _check_written(state)
            _check_verdict_changes(state, user)
            record_load_history(state, user, reason)
    finally:
        state.reader.close()
    return state.report


def _load_file(state: _Load, number: int) -> None:
    path = state.paths[number]
    batch: list = []
    feed = Feed()

    def deserialize(index, entry):
        return feed.read(path, index, entry)

    model_of = state.rows.model
    for group in state.reader.file(number):
        if group[0] == ROWS:
            # A whole batch converted (``fixtures_reader.groups`` cuts the file into
            # the batches this loop would make).
            if batch:
                _save_batch(state, number, batch, deserialize)
                batch = []
            _save_rows(state, number, group, deserialize)
            continue
        for index, label, entry, converted in group[1]:
            # A batch is written before the next object is read, which may name its
            # objects by natural key.
            if batch and (label != batch[-1].label or len(batch) >= _limit(batch)):
                _save_batch(state, number, batch, deserialize)
                batch = []
            if converted is not None:
                pk, values, kept = converted
                model = model_of(label)
                batch.append(Entry(label, index, entry, model, pk, None, values, kept))
                continue
            if never_loaded(label):
                raise FixtureError(
                    f"{describe(path, index, entry)}: API tokens are never loaded from "
                    "files; their owners make new ones on their account pages."
                )
            item = deserialize(index, entry)
            model, pk = type(item.object), item.object.pk
            batch.append(Entry(label, index, entry, model, pk, item, None))
    if batch:
        _save_batch(state, number, batch, deserialize)
    _written_in(state)


def _limit(batch: list) -> int:
    return 1 if one_at_a_time(batch[0].model) else fixtures_reader.BATCH


def _save_rows(state: _Load, number: int, group: tuple, deserialize) -> None:
    """Write a batch of converted objects none of which exists yet: the rows go in
    beside the loader (``fixtures_insert.Writer``) while they are checked and the next
    batch is read. Any other batch (some exist; the database refuses one) goes the usual
    way."""
    _, label, indexes, pks, values, kept = group
    model = state.rows.model(label)
    if not state.keys.beyond(model, pks) and taken(model, list(pks)):
        _save_batch(state, number, group_entries(group, model), deserialize)
        return
    _written_in(state)
    written = state.written.setdefault(model, Written())
    batch = _Batch(number, group, model, deserialize, len(written.pks))
    layout = state.rows.layout(model)
    # The checks' queries before the rows are written, the checks themselves after.
    prepared = state.verifier.prepare(model, layout, kept) if layout.checked else None
    try:
        state.writer.start(
            model._meta.db_table, state.rows.columns(model), values, batch
        )
    except DatabaseError:
        _save_batch(state, number, group_entries(group, model), deserialize)
        return
    written.extend(pks, number, indexes)
    state.keys.wrote(model, pks)
    if is_history(model):
        state.with_history.add(model.instance_type)
    if prepared is not None:
        positions = range(batch.first, batch.first + len(pks))
        state.verifier.check_prepared(state, prepared, positions)


@dataclass
class _Batch:
    """A batch of rows being written, and what writing it again takes."""

    number: int
    group: tuple
    model: type
    deserialize: object
    first: int  # its first position among the model's written objects


def _written_in(state: _Load) -> None:
    """The batch being written is in; a refused one is written again the usual way."""
    refused = state.writer.finish()
    if refused is not None:
        state.written[refused.model].truncate(refused.first)
        batch = group_entries(refused.group, refused.model)
        _save_batch(state, refused.number, batch, refused.deserialize)


def _save_batch(state: _Load, number: int, batch: list, deserialize) -> None:
    """Write one model's objects: new ones together, existing ones one by one.

    A converted object (``row``) that turns out to exist already is deserialized
    here, so only new objects are written from their rows.
    """
    _written_in(state)  # what this batch reads, and its savepoints, come after it
    path = state.paths[number]
    model = batch[0].model
    state.keys.forget(model)
    manager = model._default_manager
    pk_name = model._meta.pk.attname
    history = is_history(model)
    if history:
        state.with_history.add(model.instance_type)
    pks = [one.pk for one in batch if one.pk is not None]
    existing = {obj.pk: obj for obj in manager.filter(pk__in=taken(model, pks))}
    for one in batch:
        if one.item is None and one.pk in existing:
            one.entry = state.reader.entry(number, one.index, one.entry)
            one.item, one.row = deserialize(one.index, one.entry), None
    keep_existing = not state.update or model is get_user_model()
    before = {}
    if existing and not keep_existing:
        before = {row[pk_name]: row for row in manager.filter(pk__in=pks).values()}
        state.verifier.changed_existing()
    accepted = []
    for one in batch:
        if one.item is None:  # new, and its fields checked as it was converted
            accepted.append((None, one, False))
            continue
        where = describe(path, one.index, one.entry)
        instance, item = one.item.object, one.item
        found = existing.get(instance.pk)
        if (
            found is not None
            and hasattr(found, "natural_key")
            and found.natural_key() != instance.natural_key()
        ):
            raise FixtureError(
                f"{where}: primary key {instance.pk} already belongs to another "
                f"{model._meta.verbose_name} ({found.natural_key()[0]}); files "
                "exported with history load into an empty database."
            )
        if found is not None and keep_existing:
            state.report.kept[model._meta.verbose_name_plural] += 1
            continue
        for name in item.deferred_fields:
            if not name.null:
                raise FixtureError(
                    f"{where}: its {name.name} {item.deferred_fields[name]!r} is neither "
                    "in the database nor earlier in these files."
                )
        try:
            # Field by field first, so a bad value is named before a database
            # constraint refuses it in words the editor cannot act on.
            # Relations are checked once everything is loaded (they may point forward).
            if not history:
                instance.clean_fields(exclude=[f.name for f in relations(model)])
        except ValidationError as error:
            raise FixtureError(f"{where}: {error_text(error)}") from None
        accepted.append((where, one, found is not None))
    new = [a[1].item for a in accepted if a[1].item and not a[2]]
    new = [item for item in new if not item.m2m_data]
    rows = [a[1].row for a in accepted if a[1].item is None]
    one_by_one = [a for a in accepted if a[2] or (a[1].item and a[1].item.m2m_data)]
    objects = [item.object for item in new]
    try:
        with transaction.atomic():
            if rows:
                insert_rows(model._meta.db_table, state.rows.columns(model), rows)
            if insertable(objects):
                insert(model, objects)
            else:
                manager.bulk_create(objects)
    except DatabaseError:
        # Again one at a time, to name the object the database refuses.
        one_by_one = accepted
    for where, one, _ in one_by_one:
        if one.item is None:
            one.entry = state.reader.entry(number, one.index, one.entry)
            one.item = deserialize(one.index, one.entry)
            where = describe(path, one.index, one.entry)
        try:
            with transaction.atomic():
                one.item.save()
        except DatabaseError as error:
            raise FixtureError(f"{where}: the database refused it: {error}") from None
    after = {}
    if before:
        after = {row[pk_name]: row for row in manager.filter(pk__in=pks).values()}
    written = state.written.setdefault(model, Written())
    new_rows = []
    for where, one, exists in accepted:
        pk = one.pk if one.item is None else one.item.object.pk
        if not exists:
            outcome = CREATED
        else:
            outcome = KEPT if after[pk] == before[pk] else UPDATED
        position = written.add(pk, number, one.index, outcome)
        if model is Claim and outcome == UPDATED:
            if changed := verdict_change(before[pk], after[pk]):
                state.verdict_changes[position] = changed
        if one.item is not None and one.item.deferred_fields:
            state.deferred.append((where, one.item, position, before.get(pk)))
        if one.item is None and one.values is not None:
            new_rows.append((position, one.values))
    if new_rows:
        state.verifier.check_new(state, model, state.rows.layout(model), new_rows)


def _save_deferred(state: _Load) -> None:
    """Fill in what pointed forward, now that every file is in."""
    if state.deferred:
        state.verifier.changed_existing()
    for where, item, position, before in state.deferred:
        try:
            item.save_deferred_fields()
        except ObjectDoesNotExist as error:
            raise FixtureError(
                f"{where}: it points to an object that is neither in the database "
                f"nor in these files ({error})."
            ) from None
        if before is not None:
            model = type(item.object)
            after = model._default_manager.filter(pk=item.object.pk).values().first()
            rows = state.written[model]
            rows.states[position] = KEPT if after == before else UPDATED


def _check_written(state: _Load) -> None:
    """Every object written and not checked yet, read back and checked."""
    state.verifier.check_written(state, fixtures_reader.BATCH)


def _check_verdict_changes(state: _Load, user) -> None:
    """An update that changes a claim's verdict is a reviewer's (``--user``)."""
    rows = state.written.get(Claim)
    for position, field_name in state.verdict_changes.items():
        try:
            check_verdict_changer(field_name, user)
        except ValidationError as error:
            uid = Claim._default_manager.get(pk=rows.pks[position]).uid
            raise FixtureError(
                f"{state.where(Claim, position)} (editorial.claim {uid}): "
                f"{error_text(error)}"
            ) from None

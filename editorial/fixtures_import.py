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
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from sources.models import Revision, Source
from sources.services import sha256_text

from . import spans
from .fixtures_loading import has_history
from .history import clean_reason
from .models import Highlight
from .roles import system_user


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


@dataclass
class _Loaded:
    path: Path
    index: int
    label: str
    instance: object
    created: bool
    before: dict | None


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


def _read(path: Path) -> list:
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except FileNotFoundError:
        raise FixtureImportError(f"{path}: no such file.") from None
    except UnicodeDecodeError as error:
        raise FixtureImportError(f"{path.name}: not UTF-8 text ({error}).") from None
    except json.JSONDecodeError as error:
        raise FixtureImportError(f"{path.name}: not valid JSON: {error}.") from None
    if not isinstance(data, list):
        raise FixtureImportError(
            f"{path.name}: a fixture is a JSON list of objects; this is a {type(data).__name__}."
        )
    return data


def _load_file(path: Path, report: ImportReport, loaded: list, deferred: list):
    User = get_user_model()
    for index, entry in enumerate(_read(path)):
        where = _describe(path, index, entry)
        try:
            (item,) = serializers.deserialize(
                "python", [entry], handle_forward_references=True
            )
        except (DeserializationError, ValidationError, ValueError, TypeError) as error:
            cause = error.__cause__ or error
            raise FixtureImportError(f"{where}: {cause}") from None
        instance = item.object
        model = type(instance)
        label = model._meta.verbose_name_plural
        existing = (
            model._default_manager.filter(pk=instance.pk).first()
            if instance.pk is not None
            else None
        )
        if (
            existing is not None
            and hasattr(existing, "natural_key")
            and existing.natural_key() != instance.natural_key()
        ):
            raise FixtureImportError(
                f"{where}: primary key {instance.pk} already belongs to another "
                f"{model._meta.verbose_name} ({existing.natural_key()[0]}); files "
                "exported with history load into an empty database."
            )
        if existing is not None and model is User:
            report.kept[label] += 1
            continue
        for name in item.deferred_fields:
            if not name.null:
                raise FixtureImportError(
                    f"{where}: its {name.name} {item.deferred_fields[name]!r} is neither "
                    "in the database nor earlier in these files."
                )
        before = (
            model._default_manager.filter(pk=instance.pk).values().first()
            if existing is not None
            else None
        )
        try:
            # Field by field first, so a bad value is named before a database
            # constraint refuses it in words the editor cannot act on.
            # Relations are checked once everything is loaded (they may point forward).
            if not _is_history(model):
                instance.clean_fields(
                    exclude=[f.name for f in model._meta.fields if f.is_relation]
                )
        except ValidationError as error:
            raise FixtureImportError(f"{where}: {_messages(error)}") from None
        try:
            with transaction.atomic():
                item.save()
        except DatabaseError as error:
            raise FixtureImportError(
                f"{where}: the database refused it: {error}"
            ) from None
        loaded.append(_Loaded(path, index, label, instance, existing is None, before))
        if item.deferred_fields:
            deferred.append((where, item))


def _check(record: _Loaded) -> None:
    """What the services would have refused, beyond the schema."""
    instance = record.instance
    instance.full_clean()
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


def _is_history(model) -> bool:
    """Whether ``model`` is a django-simple-history table."""
    return hasattr(model, "instance_type") and hasattr(model, "history_object")


def fixtures_import(*, paths: list[Path], user=None, reason: str) -> ImportReport:
    """Load ``paths`` in order, check everything, record history; all or nothing.

    History names ``user``, or the desk's ``system`` account when none is given.
    """
    reason = clean_reason(reason)
    report = ImportReport()
    loaded: list[_Loaded] = []
    deferred: list = []
    with transaction.atomic():
        for path in paths:
            _load_file(Path(path), report, loaded, deferred)
        for where, item in deferred:
            try:
                item.save_deferred_fields()
            except ObjectDoesNotExist as error:
                raise FixtureImportError(
                    f"{where}: it points to an object that is neither in the database "
                    f"nor in these files ({error})."
                ) from None
        live = [r for r in loaded if not _is_history(type(r.instance))]
        for record in live:
            try:
                _check(record)
            except ValidationError as error:
                where = _describe(record.path, record.index, None)
                model = type(record.instance)
                key = (
                    record.instance.natural_key()[0]
                    if hasattr(record.instance, "natural_key")
                    else record.instance.pk
                )
                raise FixtureImportError(
                    f"{where} ({model._meta.label_lower} {key}): {_messages(error)}"
                ) from None
        with_history = {
            r.instance.instance_type for r in loaded if _is_history(type(r.instance))
        }
        # The system account is looked up only now: the files may bring it.
        _record_history(live, with_history, user or system_user(), reason, report)
    return report


def _record_history(live, with_history, user, reason, report) -> None:
    """A ``+`` row for each new object, a ``~`` row for each changed one.

    Models whose history came in the files already have their rows.
    """
    groups = defaultdict(list)
    for record in live:
        model = type(record.instance)
        label = record.label
        if record.created:
            report.inserted[label] += 1
        after = model._default_manager.filter(pk=record.instance.pk).values().first()
        if not record.created and after == record.before:
            report.kept[label] += 1
            continue
        if not record.created:
            report.updated[label] += 1
        if has_history(model) and model not in with_history:
            groups[(model, record.created, record.path.name)].append(record.instance.pk)
    for (model, created, file_name), pks in groups.items():
        rows = model.history.bulk_history_create(
            list(model._default_manager.filter(pk__in=pks).order_by("pk")),
            update=not created,
            default_user=user,
            default_change_reason=f"{reason} ({file_name})",
        )
        report.history_rows += len(rows)

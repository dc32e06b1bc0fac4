"""Reading fixture files and checking their objects as the services would.

The half of the fixture loader (:mod:`editorial.exports.fixtures_load`) that writes
nothing: the files' objects, read one at a time; the messages that name a file, an
object and its problem; and the checks of an object once it is in the database
(``full_clean()`` without what the database already enforced, plus what ``clean()``
cannot see: quote context, revision hashes, current revisions).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.db import models

from core.roles import REVIEWERS, is_reviewer
from editorial.exports.json_stream import JSONListError, NotAJSONList, iter_json_list
from editorial.highlights import spans
from editorial.models import Claim, Highlight
from sources.models import Revision, Source
from sources.services import sha256_text


class FixtureError(ValidationError):
    """A fixture that cannot be loaded; the message names file, object and problem."""

    def __str__(self):
        return " ".join(self.messages)


def describe(path: Path, index: int, entry) -> str:
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


def error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def entries(path: Path) -> Iterator[tuple[int, object]]:
    """The file's objects with their positions, read one at a time."""
    try:
        with open(path, encoding="utf-8") as stream:
            yield from enumerate(iter_json_list(stream))
    except FileNotFoundError:
        raise FixtureError(f"{path}: no such file.") from None
    except UnicodeDecodeError as error:
        raise FixtureError(f"{path.name}: not UTF-8 text ({error}).") from None
    except NotAJSONList as error:
        raise FixtureError(
            f"{path.name}: a fixture is a JSON list of objects; this is a {error.kind}."
        ) from None
    except JSONListError as error:
        raise FixtureError(f"{path.name}: not valid JSON: {error}.") from None


class Feed:
    """A file's objects handed to one deserializer, one at a time (``next()``).

    One deserializer for the whole file, not one per object: it keeps what it learns
    of each model (its fields) instead of working it out again for every object.
    """

    def __init__(self):
        self.entry = None
        self._objects = serializers.deserialize(
            "python", self, handle_forward_references=True
        )

    def __iter__(self):
        while True:
            yield self.entry

    def next(self):
        """The current ``entry`` deserialized (Django's errors as they come)."""
        return next(self._objects)

    def read(self, path: Path, index: int, entry):
        """``entry`` (object ``index`` of ``path``) deserialized, or a FixtureError."""
        self.entry = entry
        try:
            return self.next()
        except (DeserializationError, ValidationError, ValueError, TypeError) as error:
            cause = error.__cause__ or error
            raise FixtureError(f"{describe(path, index, entry)}: {cause}") from None


def is_history(model) -> bool:
    """Whether ``model`` is a django-simple-history table."""
    return hasattr(model, "instance_type") and hasattr(model, "history_object")


def has_history(model) -> bool:
    """Whether ``model`` keeps a django-simple-history table."""
    return hasattr(model, "history") and hasattr(
        model._meta, "simple_history_manager_attribute"
    )


def relations(model) -> list:
    """The model's foreign keys (and one-to-ones) held in its own table."""
    return [f for f in model._meta.concrete_fields if f.is_relation]


@functools.cache
def one_at_a_time(model) -> bool:
    """Whether ``model``'s objects must be written one by one, not in batches.

    So they are when an object may name another of its own model by natural key (it
    must be in the database before the next is read), or when saving computes values
    (``auto_now``), which ``bulk_create`` would overwrite and a raw save keeps.
    """
    return any(f.related_model is model for f in relations(model)) or any(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        for f in model._meta.concrete_fields
    )


@functools.cache
def _field_names(model) -> frozenset:
    return frozenset(f.name for f in model._meta.fields)


#: The relations whose targets the checks read (``clean()``, ``check``,
#: ``check_verdict``): these are fetched whole and put in each object's relation
#: cache. Of any other only the keys are fetched, to see that the target exists; a
#: ``clean()`` that reads one still can, at a query of its own.
READ_TARGETS = {
    (Highlight, "revision"),
    (Source, "current_revision"),
    (Claim, "reviewed_by"),
}
#: Whole targets kept from one chunk to the next, for each relation (a source's
#: revision serves all its highlights).
TARGETS_KEPT = 5000


def missing_targets(fields: list, objects: list, kept: dict | None = None) -> dict:
    """For each relation in ``fields``, the values among ``objects`` that name no row.

    The targets the checks read (``READ_TARGETS``) are put in each object's relation
    cache, so ``clean()`` reads a highlight's revision without a query of its own;
    ``kept`` (a dict the caller keeps across chunks) saves fetching them again.
    """
    missing = {}
    kept = {} if kept is None else kept
    for relation in fields:
        values = {getattr(o, relation.attname) for o in objects} - {None}
        key = relation.target_field.attname
        manager = relation.related_model._base_manager
        if (relation.model, relation.name) not in READ_TARGETS:
            found = manager.filter(**{f"{key}__in": values}).values_list(key, flat=True)
            missing[relation] = values - set(found)
            continue
        targets = kept.setdefault(relation, {})
        if len(targets) + len(values) > TARGETS_KEPT:
            targets.clear()
        targets.update(manager.in_bulk(values - targets.keys(), field_name=key))
        for instance in objects:
            target = targets.get(getattr(instance, relation.attname))
            if target is not None:
                relation.set_cached_value(instance, target)
        missing[relation] = values - targets.keys()
    return missing


def check_relations(instance, fields: list, missing: dict) -> None:
    """What ``ForeignKey.validate`` checks, with the existence queries done per chunk."""
    for relation in fields:
        value = getattr(instance, relation.attname)
        try:
            # Null, blank and choices, as any field (a key, an integer, is neither
            # null nor blank); the target's existence below.
            if type(value) is not int or relation.choices is not None:
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


def check(instance, fields: list) -> None:
    """What the services would have refused, beyond the schema and the fields.

    ``full_clean()`` without what is already settled: each field's own value
    (``clean_fields()``, run on the object before it was written), relations
    (``fields``, checked per chunk by ``check_relations``) and uniqueness and
    constraints, which the database enforced when it accepted the rows. What is left is
    ``clean()``, with ``full_clean()``'s messages.
    """
    instance.full_clean(
        exclude=_field_names(type(instance)),
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


# Verdicts ---------------------------------------------------------------------------
#
# A verdict comes into the desk from a file under the rules of every other path: it has
# its note (the public explanation) and names the reviewer who gave it, and a file that
# changes a verdict (the statement, the note or the status of a claim that has or gets
# one) is imported by a reviewer (``import_fixtures --user``), whom history names.

#: What a claim's verdict is made of (as ``claim_services.VERDICT_FIELDS``).
VERDICT_FIELDS = ("statement", "verdict_note", "status")


def verdict_change(before: dict, after: dict) -> str | None:
    """The first verdict field an update changes, when the claim has or gets a verdict.

    ``before`` and ``after`` are the claim's row as ``values()`` gives it.
    """
    if not {before["status"], after["status"]} & Claim.VERDICTS:
        return None
    return next((name for name in VERDICT_FIELDS if before[name] != after[name]), None)


def check_verdict(claim: Claim, reviewers: dict | None = None) -> None:
    """A claim with a verdict has its note and names a reviewer as who gave it.

    ``reviewed_by`` must be loaded (``missing_targets`` caches it). ``reviewers``, if
    given, remembers who is one (by primary key) across the claims of one load.
    """
    if claim.status not in Claim.VERDICTS:
        return
    if not claim.verdict_note.strip():
        raise ValidationError(
            {
                "verdict_note": f"The claim is {claim.status}, a verdict, with no verdict "
                "note; a verdict is always given with its public explanation."
            }
        )
    reviewer = claim.reviewed_by
    # A member of Reviewers, even one who has since left (an inactive account): the
    # verdict stays theirs.
    if reviewers is None:
        reviewers = {}
    if reviewer is not None and reviewer.pk not in reviewers:
        reviewers[reviewer.pk] = (
            reviewer.is_superuser or reviewer.groups.filter(name=REVIEWERS).exists()
        )
    if reviewer is None or not reviewers[reviewer.pk]:
        raise ValidationError(
            {
                "reviewed_by": f"The claim is {claim.status}, a verdict: reviewed_by must "
                "name the reviewer (a member of Reviewers) who gave it."
            }
        )


def check_verdict_changer(field_name: str, user) -> None:
    """Only a reviewer imports a change to a verdict (``import_fixtures --user``)."""
    if not is_reviewer(user):
        raise ValidationError(
            {
                field_name: "This claim has or gets a verdict; only a reviewer can "
                "change its statement, note or status: import the file with --user "
                f"naming a reviewer (this import acts as {user.get_username()})."
            }
        )

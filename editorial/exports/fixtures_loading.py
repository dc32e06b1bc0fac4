"""Loading fixtures without losing anything, and with a history row for each new object.

``loaddata`` saves raw, so simple-history writes nothing, and it overwrites rows that
already exist. The desk's loader inserts only what is missing (matched by natural key),
so running it again neither duplicates nor clobbers an editor's later changes, and it
gives every object it inserts an initial history row naming the fixture.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import transaction

from core.roles import ensure_groups, system_user


@dataclass
class LoadReport:
    path: Path
    inserted: dict = field(default_factory=dict)
    kept: int = 0

    def __str__(self):
        added = (
            ", ".join(
                f"{count} {label}" for label, count in sorted(self.inserted.items())
            )
            or "nothing new"
        )
        return f"{self.path}: inserted {added}; {self.kept} already present, left as they are."


def has_history(model) -> bool:
    return hasattr(model, "history") and hasattr(
        model._meta, "simple_history_manager_attribute"
    )


def _check_fields(instance, path: Path) -> None:
    """A fixture is input like any other: its values pass the fields' validators.

    ``loaddata`` saves raw, so without this a fixture could carry what no form
    accepts (a ``javascript:`` URL, an unknown status). Relations are left to the
    database, since they may point forward to objects later in the file.
    """
    relations = [field.name for field in instance._meta.fields if field.is_relation]
    try:
        instance.clean_fields(exclude=relations)
    except ValidationError as error:
        label = f"{instance._meta.label_lower} {instance.pk}"
        raise ValidationError(
            f"{path.name}: {label}: {'; '.join(error.messages)} Nothing was loaded."
        ) from error


@transaction.atomic
def load_fixture_file(path: Path) -> LoadReport:
    report = LoadReport(path)
    ensure_groups()
    inserted = defaultdict(list)
    deferred = []
    with open(path, encoding="utf-8") as stream:
        for item in serializers.deserialize(
            "json", stream, handle_forward_references=True
        ):
            instance = item.object
            model = type(instance)
            if (
                instance.pk is not None
                and model._default_manager.filter(pk=instance.pk).exists()
            ):
                report.kept += 1
                continue
            _check_fields(instance, path)
            item.save()
            inserted[model].append(instance)
            if item.deferred_fields:
                deferred.append(item)
    for item in deferred:
        item.save_deferred_fields()
    actor = system_user()
    for model, instances in inserted.items():
        report.inserted[model._meta.verbose_name_plural] = len(instances)
        if has_history(model):
            fresh = list(
                model._default_manager.filter(pk__in=[obj.pk for obj in instances])
            )
            model.history.bulk_history_create(
                fresh,
                default_user=actor,
                default_change_reason=f"Loaded from fixture {path.name}",
            )
    return report


def write_fixture(path: Path, models: list) -> None:
    """Write ``models``' rows to ``path`` as a Django JSON fixture, in the order given.

    Natural keys stand in for primary keys, so the file loads into a database with other
    keys. Models are written in the order given, each by primary key: a model must come
    after those its non-null foreign keys point to (nullable ones may point forward).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("[\n")
        first = True
        for model in models:
            for instance in model._default_manager.order_by("pk").iterator(
                chunk_size=500
            ):
                text = serializers.serialize(
                    "json",
                    [instance],
                    indent=1,
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=True,
                )
                # serialize() wraps each object in [ ]; keep just the object.
                body = text.strip()[1:-1].strip()
                stream.write(("" if first else ",\n") + body)
                first = False
        stream.write("\n]\n")

"""The desk's data as Django JSON fixtures, split by kind, byte for byte reproducible.

``export_desk`` writes one file per kind (accounts, sources, reference data, editorial
data and, when asked, the history tables). It reads each table in chunks and writes
each object as it goes, so a large desk is never held in memory.

Two shapes:

* without history, objects are written by natural key (users by username, sources and
  revisions by SHA-256, editorial records by uid) and without primary keys, ordered by
  that key, so the files load into a database whose primary keys differ;
* with history, history rows name the objects they record by primary key, so every
  file keeps primary keys and the set loads into an empty database.

Either way, exporting, loading the files into a fresh database with ``loaddata`` and
exporting again gives the same bytes: every value is written losslessly (datetimes to
the microsecond) and the order never depends on the database.

API tokens are never exported (they are credentials), nor are passwords: users are
written with the unusable password ``"!"``, so a loaded account must be given a new one.
"""

from __future__ import annotations

import datetime
import decimal
import json
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers

#: A password no hasher accepts (Django treats any value starting with "!" as unusable).
UNUSABLE_PASSWORD = "!"
#: Fields of a user that travel; never the password hash, permissions or last login.
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
    "groups",
)
CHUNK = 500


@dataclass(frozen=True)
class Kind:
    """One fixture file: its name and its models, each after the ones it points to."""

    file_name: str
    labels: tuple[str, ...]
    description: str

    def models(self) -> list:
        """The kind's models whose app is installed."""
        found = []
        for label in self.labels:
            try:
                found.append(apps.get_model(label))
            except LookupError:
                continue
        return found


ACCOUNTS = Kind("accounts.json", ("auth.User",), "people, by username")
SOURCES = Kind(
    "sources.json",
    (
        "sources.Story",
        "reference.StoryFigure",
        "reference.StoryEvent",
        "sources.Source",
        "sources.Revision",
    ),
    "stories with the figures and events editors described for them, source "
    "articles and their text revisions",
)
REFERENCE = Kind(
    "reference.json",
    ("reference.Office", "reference.Person", "reference.Term"),
    "people, offices and terms the consistency checks compare against",
)
EDITORIAL = Kind(
    "editorial.json",
    (
        "editorial.Highlight",
        "editorial.Claim",
        "editorial.ClaimHighlight",
        "editorial.Evidence",
        "editorial.Tag",
        "editorial.ClaimTag",
        "editorial.SourceTag",
        "editorial.Dispute",
        "editorial.DisputeClaim",
        "editorial.Suggestion",
        "editorial.FactCheck",
        "editorial.FactCheckUpdate",
    ),
    "highlights, claims, their links, evidence, tags, disputes, check suggestions "
    "and published fact checks",
)
KINDS = [ACCOUNTS, SOURCES, REFERENCE, EDITORIAL]
HISTORY_FILE = "history.json"


def history_models() -> list:
    """The history tables of every exported model, in the order of ``KINDS``."""
    return [
        model.history.model
        for kind in KINDS
        for model in kind.models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]


def file_names(*, with_history: bool) -> list[str]:
    """The files an export writes, in the order they load."""
    names = [kind.file_name for kind in KINDS if kind.models()]
    return names + [HISTORY_FILE] if with_history else names


class FixtureEncoder(json.JSONEncoder):
    """JSON for fixture values, lossless: datetimes keep their microseconds."""

    def default(self, value):
        if isinstance(value, datetime.datetime):
            text = value.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(value, datetime.date | datetime.time):
            return value.isoformat()
        if isinstance(value, decimal.Decimal | uuid.UUID):
            return str(value)
        return super().default(value)


#: Orders for models whose natural key spans several fields.
NATURAL_ORDERS = {"reference.term": ["office__key", "person__key", "start"]}


def _natural_order(model) -> list[str]:
    """An order that does not depend on primary keys: the natural key's fields."""
    if model is get_user_model():
        return [model.USERNAME_FIELD]
    if model._meta.label_lower in NATURAL_ORDERS:
        return NATURAL_ORDERS[model._meta.label_lower]
    for name in ("uid", "sha256", "key"):
        if any(field.name == name for field in model._meta.fields):
            return [name]
    return ["pk"]


def _rows(model, *, keep_pks: bool) -> Iterator:
    """The model's rows in export order, read in chunks with their foreign keys joined."""
    queryset = model._default_manager.all()
    if not keep_pks:
        related = [
            field.name
            for field in model._meta.fields
            if field.is_relation and field.many_to_one
        ]
        queryset = queryset.select_related(*related)
    if model is get_user_model():
        queryset = queryset.prefetch_related("groups")
    order = ["pk"] if keep_pks else _natural_order(model)
    return queryset.order_by(*order).iterator(chunk_size=CHUNK)


def _dump_objects(model, rows: list, *, keep_pks: bool) -> list[dict]:
    is_user = model is get_user_model()
    objects = serializers.serialize(
        "python",
        rows,
        use_natural_foreign_keys=not keep_pks,
        use_natural_primary_keys=not keep_pks,
        fields=USER_FIELDS if is_user else None,
    )
    if is_user:
        # Groups by name even when primary keys are kept: the desk's groups come from
        # a migration, and their keys need not match between databases.
        for obj, user in zip(objects, rows, strict=True):
            obj["fields"]["password"] = UNUSABLE_PASSWORD
            obj["fields"]["groups"] = sorted(
                group.natural_key() for group in user.groups.all()
            )
    # A JSON column's keys in one order on every database (PostgreSQL's jsonb keeps
    # its own), so an export is the same file wherever it is made.
    json_fields = [
        f.name for f in model._meta.fields if f.get_internal_type() == "JSONField"
    ]
    for obj in objects:
        for name in json_fields:
            if name in obj["fields"]:
                obj["fields"][name] = _sorted_keys(obj["fields"][name])
    return objects


def _sorted_keys(value):
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


Progress = Callable[[str, str, int, int], None]


def write_models(stream, models: list, *, keep_pks: bool, progress=None) -> int:
    """Write ``models``' rows to ``stream`` as one JSON fixture; returns how many."""
    stream.write("[")
    written = 0
    for model in models:
        total = model._default_manager.count() if progress else 0
        done = 0
        for chunk in _chunks(_rows(model, keep_pks=keep_pks)):
            for obj in _dump_objects(model, chunk, keep_pks=keep_pks):
                text = json.dumps(obj, cls=FixtureEncoder, ensure_ascii=False, indent=1)
                stream.write(("\n" if written == 0 else ",\n") + text)
                written += 1
            done += len(chunk)
            if progress:
                progress(model._meta.label, done, total)
        if progress and not total:
            progress(model._meta.label, 0, 0)
    stream.write("\n]\n")
    return written


def _chunks(rows: Iterator) -> Iterator[list]:
    size, chunk = CHUNK, []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class Written:
    path: Path
    objects: int


def export_desk(
    output: Path, *, with_history: bool = False, progress: Progress | None = None
) -> list[Written]:
    """Write the desk's fixtures into ``output``; see the module's docstring."""
    output.mkdir(parents=True, exist_ok=True)
    plan = [(kind.file_name, kind.models()) for kind in KINDS if kind.models()]
    if with_history:
        plan.append((HISTORY_FILE, history_models()))
    written = []
    for name, models in plan:
        path = output / name
        report = None
        if progress:

            def report(label, done, total, name=name):
                progress(name, label, done, total)

        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            count = write_models(stream, models, keep_pks=with_history, progress=report)
        written.append(Written(path, count))
    return written


def export_archive(*, with_history: bool = False):
    """The export zipped into an anonymous temporary file, rewound, for a download.

    The fixture files are written to a temporary folder first (streamed, as for the
    command), then zipped; neither step holds the desk in memory.
    """
    archive = tempfile.TemporaryFile()
    with tempfile.TemporaryDirectory() as folder:
        written = export_desk(Path(folder), with_history=with_history)
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for item in written:
                zipped.write(item.path, arcname=item.path.name)
    archive.seek(0)
    return archive

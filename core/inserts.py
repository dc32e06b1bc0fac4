"""Inserting many new rows with their history rows, without per-object ORM work.

``insert_with_history`` writes what django-simple-history's
``bulk_create_with_history(objs, model, default_user=user,
default_change_reason=reason)`` writes: each row, then one history row per row
(history_type ``+``, the user, the reason, the moment), but with plain statements.
``bulk_create`` and ``bulk_history_create`` build a second model instance per object
and prepare every field of every row through the SQL compiler; storing 18,000
suggestions spent most of a check run there. Here each value is prepared for the
database once and reused for the history row, rows go in as multi-row ``INSERT …
RETURNING`` statements (the new ids, as ``bulk_create`` takes them on SQLite and
PostgreSQL), then the history rows as multi-row ``INSERT`` statements.

The objects must be new (no primary key), of a model whose fields need nothing
saved for them but their values (no ``auto_now``, no files); anything else is
refused rather than written differently.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections, models, router, transaction
from django.utils import timezone

from core.history import clean_reason

#: Fields whose value, when a ``str`` (a text choice too), an ``int`` or None, is
#: what the database stores (``get_db_prep_save`` returns it unchanged on SQLite and
#: PostgreSQL).
_PLAIN = (models.CharField, models.TextField, models.IntegerField)


def _plain(field) -> bool:
    if isinstance(field, models.ForeignKey):
        return _plain(field.target_field)
    return isinstance(field, _PLAIN) and not isinstance(field, models.BooleanField)


def _refuse_unsupported(fields) -> None:
    for field in fields:
        if (
            getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
            or isinstance(field, models.FileField)
        ):
            raise ValueError(
                f"insert_with_history does not save {field.name!r}: its value is made "
                "on save; use bulk_create_with_history."
            )


def _prepared(objs, fields, connection) -> list[list]:
    """Each object's values as the database takes them, in ``fields``' order."""
    plain = [_plain(field) for field in fields]
    rows = []
    for obj in objs:
        row = []
        for field, is_plain in zip(fields, plain, strict=True):
            value = getattr(obj, field.attname)
            if not is_plain or not (
                value is None or type(value) is int or isinstance(value, str)
            ):
                value = field.get_db_prep_save(value, connection)
            row.append(value)
        rows.append(row)
    return rows


def insert_with_history(objs, *, user, reason: str, batch_size: int = 500) -> list:
    """Insert the new model instances ``objs`` and one history row each, naming
    ``user`` and ``reason``; the objects get their ids. Statements of at most
    ``batch_size`` rows (fewer where the database caps a statement's parameters,
    as SQLite does), each row's and each history row's."""
    objs = list(objs)
    if not objs:
        return objs
    reason = clean_reason(reason)
    model = type(objs[0])
    meta = model._meta
    if any(type(obj) is not model or obj.pk is not None for obj in objs):
        raise ValueError("insert_with_history inserts new rows of one model only.")
    using = router.db_for_write(model)
    connection = connections[using]
    qn = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    _refuse_unsupported(fields)
    rows = _prepared(objs, fields, connection)
    per_statement = max(
        1, min(batch_size, connection.ops.bulk_batch_size(fields, objs))
    )
    columns = ", ".join(qn(field.column) for field in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with transaction.atomic(using=using, savepoint=False):
        with connection.cursor() as cursor:
            for first in range(0, len(rows), per_statement):
                chunk = rows[first : first + per_statement]
                cursor.execute(
                    f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES "
                    f"{', '.join([one_row] * len(chunk))} RETURNING {qn(meta.pk.column)}",
                    [value for row in chunk for value in row],
                )
                ids = [found[0] for found in cursor.fetchall()]
                for obj, pk in zip(
                    objs[first : first + per_statement], ids, strict=True
                ):
                    obj.pk = pk
                    obj._state.adding = False
                    obj._state.db = using
            if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
                _insert_history(
                    cursor,
                    connection,
                    model,
                    objs,
                    fields,
                    rows,
                    user,
                    reason,
                    batch_size,
                )
    return objs


def _insert_history(cursor, connection, model, objs, fields, rows, user, reason, batch):
    """One history row per object: its values as inserted, its id, and the user,
    reason, moment and type (``+``) simple_history's ``bulk_history_create`` sets."""
    history = model.history.model
    meta = history._meta
    qn = connection.ops.quote_name
    position = {field.attname: number for number, field in enumerate(fields)}
    moment = timezone.now()
    extra = {
        "history_date": meta.get_field("history_date").get_db_prep_save(
            moment, connection
        ),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": getattr(user, "pk", None),
    }
    pk_name = model._meta.pk.attname
    columns, takes = [], []
    for field in meta.concrete_fields:
        if field.primary_key:  # history_id, made by the database
            continue
        if field.attname == pk_name:
            takes.append(("pk", None))
        elif field.attname in position:
            takes.append(("row", position[field.attname]))
        elif field.attname in extra:
            takes.append(("extra", extra[field.attname]))
        else:
            raise ValueError(
                f"insert_with_history does not know {meta.label}.{field.attname}."
            )
        columns.append(qn(field.column))
    values = []
    for obj, row in zip(objs, rows, strict=True):
        values.append(
            [
                obj.pk if where == "pk" else row[what] if where == "row" else what
                for where, what in takes
            ]
        )
    per_statement = max(1, min(batch, connection.ops.bulk_batch_size(columns, objs)))
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    for first in range(0, len(values), per_statement):
        chunk = values[first : first + per_statement]
        cursor.execute(
            f"INSERT INTO {qn(meta.db_table)} ({', '.join(columns)}) VALUES "
            + ", ".join([one_row] * len(chunk)),
            [value for row in chunk for value in row],
        )

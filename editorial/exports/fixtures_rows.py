"""A fixture object turned straight into the row the loader would write, when it can be.

Django's deserializer builds a model instance for every object (``Model.__init__``,
signals and all), and the insert then asks each field again for its database value;
on an export of 100,000 highlights with history that was half an import's time. For
the objects an export holds (a primary key, plain values, relations by primary key)
:class:`Rows` goes from the JSON value to the database value field by field, with
what each field's type needs and nothing more, and checks each value as the
deserializer and ``clean_fields()`` would (``to_python``, ``validate``, the
validators). What comes out is the tuple :func:`~editorial.exports.fixtures_insert.
insert` would have prepared from the deserialized instance.

Anything else is not guessed at: an object this module does not convert whole (a
natural key, a many-to-many value, a field it does not know, a value a field refuses)
is handed back (``None``) to the deserializer, so its message, and what is loaded,
stay exactly as before. No writes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import signals
from django.db.models.base import ModelState

from editorial.exports.fixtures_checks import is_history, one_at_a_time
from editorial.exports.fixtures_values import quick

#: Field types whose JSON value of the right Python type is already the value both for
#: the model and for the database (``to_python`` and ``get_db_prep_save`` return it).
_SAME = {
    models.CharField: str,
    models.TextField: str,
    models.SlugField: str,
    models.URLField: str,
    models.EmailField: str,
    models.IntegerField: int,
    models.SmallIntegerField: int,
    models.BigIntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.PositiveBigIntegerField: int,
    models.AutoField: int,
    models.BigAutoField: int,
    models.SmallAutoField: int,
    models.BooleanField: bool,
}


ZERO = timedelta(0)


class _Unconverted(Exception):
    """This object goes through the deserializer."""


@dataclass
class Layout:
    """One model's fields in ``insert``'s column order, each with its converter."""

    model: type
    columns: list
    #: Field name -> (its column's position, its converter), the primary key aside.
    converters: dict
    pk_position: int
    names: frozenset
    #: Whether the model's values are kept beside the row, for the checks
    #: (``fixtures_verify``); history rows are not checked.
    checked: bool
    attnames: tuple
    #: ``(fields, pk) -> (row, values or None)``, made for the model (``_row_converter``).
    convert: object = None

    def instance(self, values: tuple):
        """The model instance a query of the row would give (``Model.from_db``)."""
        model = self.model
        if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(
            model
        ):
            return model.from_db(DEFAULT_DB_ALIAS, self.attnames, values)
        # What ``from_db`` sets, without ``__init__``'s work on each keyword.
        instance = model.__new__(model)
        instance.__dict__.update(zip(self.attnames, values, strict=True))
        instance._state = ModelState()
        instance._state.adding = False
        instance._state.db = DEFAULT_DB_ALIAS
        return instance


@dataclass(slots=True)
class Entry:
    """One object of a loader's batch: deserialized (``item``) or converted (``row``)."""

    label: str
    index: int
    entry: object
    model: type
    pk: object
    item: object
    row: tuple | None
    #: The model's values of a converted object that is checked (``Layout.checked``).
    values: tuple | None = None


def _row_converter(converters: dict, width: int, pk_position: int, checked: bool):
    """One function that converts an object's fields, each with its converter, into its
    row (and, when ``checked``, the model's values too), written out field by field for
    the model: no loop, no lookups, no list to build and copy for each object."""
    lines = ["def convert(fields, pk):"]
    row = ["pk"] * width
    kept = ["pk"] * width
    namespace = {}
    for number, (name, (position, converter)) in enumerate(converters.items()):
        namespace[f"c{number}"] = converter
        call = (
            f"k{number}, r{number} = c{number}(x)"
            if checked
            else (f"r{number} = c{number}(x)[1]")
        )
        as_is = getattr(converter, "taken_as_is", None)
        lines.append(f"    x = fields[{name!r}]")
        if as_is is None:
            lines.append(f"    {call}")
        else:  # the common values taken as they are, without a call
            condition, constants = as_is
            prefix = f"f{number}_"
            namespace.update({prefix + key: value for key, value in constants.items()})
            same = f"k{number} = r{number} = x" if checked else f"r{number} = x"
            lines.append(f"    if {condition.format(p=prefix)}:")
            lines.append(f"        {same}")
            lines.append("    else:")
            lines.append(f"        {call}")
        kept[position] = f"k{number}"
        row[position] = f"r{number}"
    row[pk_position] = kept[pk_position] = "pk"
    values = f"({', '.join(kept)},)" if checked else "None"
    lines.append(f"    return ({', '.join(row)},), {values}")
    exec("\n".join(lines), namespace)  # noqa: S102 - source made here, from field names
    return namespace["convert"]


class Rows:
    """Converts entries (``{"model", "pk", "fields"}``) to rows, model by model."""

    def __init__(self):
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.layouts: dict = {}  # the files' model label -> Layout, or None
        self.by_model: dict = {}

    def columns(self, model) -> list[str]:
        """The columns of the rows converted for ``model``, in their order."""
        return self.by_model[model].columns

    def layout(self, model) -> Layout:
        """How ``model``'s objects were converted (after one was)."""
        return self.by_model[model]

    def model(self, label: str):
        """The model of the objects of ``label`` that were converted."""
        layout = self.layouts.get(label, False)
        if layout is False:
            layout = self.layouts[label] = self._layout(label)
        return layout.model

    def row(self, entry) -> tuple | None:
        """``(model, pk, row, values)`` for ``entry``, or None: deserialize it instead.

        ``row`` is what the database takes; ``values`` the model's values in the same
        order, for a model whose objects are checked (else None).
        """
        if not isinstance(entry, dict):
            return None
        label, pk, values = entry.get("model"), entry.get("pk"), entry.get("fields")
        if type(pk) is not int or not isinstance(values, dict):
            return None
        layout = self.layouts.get(label, False)
        if layout is False:
            layout = self.layouts[label] = self._layout(label)
        # Every field named, no other: a default or a stray name is the deserializer's.
        if layout is None or values.keys() != layout.names:
            return None
        try:
            row, kept = layout.convert(values, pk)
        except Exception:  # noqa: BLE001 - the deserializer then says what is wrong
            return None
        return layout.model, pk, row, kept

    def _layout(self, label) -> Layout | None:
        try:
            model = apps.get_model(label)
        except (LookupError, TypeError, ValueError):
            return None
        meta = model._meta
        if (
            one_at_a_time(model)
            or meta.pk.is_relation
            or type(meta.pk) not in _SAME
            or any(isinstance(f, models.FileField) for f in meta.concrete_fields)
        ):
            return None
        fields = [f for f in meta.concrete_fields if not f.generated]
        validated = not is_history(model)
        converters = {
            f.name: (position, self._converter(f, validated))
            for position, f in enumerate(fields)
            if not f.primary_key
        }
        pk_position = fields.index(meta.pk)
        layout = self.by_model[model] = Layout(
            model=model,
            columns=[f.column for f in fields],
            converters=converters,
            pk_position=pk_position,
            names=frozenset(converters),
            checked=validated,
            attnames=tuple(f.attname for f in fields),
            convert=_row_converter(converters, len(fields), pk_position, validated),
        )
        return layout

    def _converter(self, field, validated: bool):
        """The field's converter: JSON value -> (model value, database value).

        It raises if the field refuses the value. ``validated``: also what
        ``clean_fields()`` checks (relations are checked once they can be, as for every
        object). The common values (a string within its length and choices, an integer
        within its range, a canonical UUID, a UTC timestamp) are taken by a quick test
        that accepts only what the full path below would accept, with the same values;
        anything else goes the full way.
        """
        general = self._general(field, validated)
        adapt = self._datetime_adapter()
        return quick(field, validated, self.connection, adapt, general) or general

    def _general(self, field, validated: bool):
        """Any value, the way the deserializer and ``clean_fields()`` take it."""
        connection = self.connection
        check = validated and not field.is_relation
        if field.is_relation:
            target = field.target_field
            same = _SAME.get(type(target))
            to_python = target.to_python
        else:
            same = _SAME.get(type(field))
            to_python = field.to_python
        is_datetime = type(field) is models.DateTimeField
        adapt_datetime = self._datetime_adapter()
        blank, empty = field.blank, field.empty_values

        def convert(raw):
            if field.is_relation and raw is not None and type(raw) not in (int, str):
                raise _Unconverted  # a natural key: the deserializer looks it up
            if same is not None and (raw is None or type(raw) is same):
                value = raw
            elif is_datetime and type(raw) is str:
                try:  # what parse_datetime() tries first
                    value = datetime.fromisoformat(raw)
                except ValueError:
                    value = to_python(raw)
            else:
                value = to_python(raw)
            if check and not (blank and value in empty):
                field.validate(value, None)
                field.run_validators(value)
            if same is not None and (value is None or type(value) is same):
                return value, value
            if is_datetime and value is not None and value.utcoffset() is not None:
                return value, adapt_datetime(value)
            return value, field.get_db_prep_save(value, connection)

        return convert

    def _datetime_adapter(self):
        """An aware datetime as the database takes it (``adapt_datetimefield_value``)."""
        connection = self.connection
        adapt = connection.ops.adapt_datetimefield_value
        if connection.vendor != "sqlite" or connection.timezone != UTC:
            return adapt

        def adapt_utc(value):
            # SQLite's: made naive in the connection's time zone (UTC), then str().
            if value.utcoffset() == ZERO:
                return str(value.replace(tzinfo=None))
            return adapt(value)

        return adapt_utc

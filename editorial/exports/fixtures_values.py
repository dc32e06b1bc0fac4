"""Quick converters for the common values of an export (``fixtures_rows``' fast lane).

An export is mostly strings within their length and choices, integers within their
range, canonical UUIDs and UTC timestamps. For a field whose checks are only those
(no validator but a length or a range), :func:`quick` makes a converter that takes
such a value with one or two tests and hands back what the full path
(``Rows._general``: ``to_python``, ``validate``, the validators, ``get_db_prep_save``)
would, the model's value and the database's; any other value, it passes to the full
path (``general``), so what is refused, and in what words, does not change.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.core import validators
from django.db import models

#: Field types whose model value is the JSON value, checked only by these validators.
_TEXT = (models.CharField, models.TextField)
_INTEGER = (
    models.IntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
)
#: UUIDs as ``str(uuid.UUID(...))`` writes them.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: Timestamps as the export writes them: UTC, whole microseconds or none.
_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z")


def quick(field, validated: bool, connection, adapt_datetime, general):
    """A converter for ``field``'s common values, or None when it has none.

    ``validated``: the full path checks the value (``validate``, the validators) and
    the model's value is kept; else only the database's value is wanted.
    """
    kind = type(field)
    if field.is_relation:
        if type(field.target_field) not in _INTEGER:
            return None
        return _relation(general)
    keep = validated
    if validated and not field.editable:
        # ``validate()`` passes any value of a field that is not editable.
        if field.validators:
            return None
        validated = False
    if kind in _TEXT:
        maximum = _length(field)
        if maximum is False:
            return None
        return _text(field, validated, maximum, _choices(field), general)
    if kind in _INTEGER:
        bounds = _range(field)
        if bounds is None:
            return None
        return _integer(field, validated, bounds, _choices(field), general)
    if field.validators or field.choices is not None:
        return None
    if kind is models.BooleanField:
        return _boolean(general)
    if kind is models.UUIDField:
        return _uuid(field, validated, keep, connection, general)
    if kind is models.DateTimeField:
        return _moment(field, validated, connection, adapt_datetime, general)
    return None


def _relation(general):
    def convert(raw):
        if raw is None or type(raw) is int:
            return raw, raw
        return general(raw)

    return _taking(convert, "x is None or type(x) is int")


def _taking(convert, condition: str, **constants):
    """``convert``, told of the values it takes as they are: ``condition``, an expression
    of the value ``x`` and of ``constants`` (named ``{p}name`` in it), true only of
    values ``convert(x)`` returns as ``(x, x)``. ``fixtures_rows`` writes it out in the
    function it makes for a model, and calls ``convert`` only for other values."""
    convert.taken_as_is = (condition, constants)
    return convert


def _none_taken(field, validated: bool) -> bool:
    # The full path skips every check of an empty value when the field may be blank.
    return not validated or field.blank


def _text(field, validated, maximum, choices, general):
    none = _none_taken(field, validated)
    blank = field.blank

    def convert(raw):
        if type(raw) is str:
            if not validated:
                return raw, raw
            if not raw:
                return (raw, raw) if blank else general(raw)
            if (maximum is None or len(raw) <= maximum) and (
                choices is None or raw in choices
            ):
                return raw, raw
        elif raw is None and none:
            return None, None
        return general(raw)

    condition = "type(x) is str"
    if validated:
        if maximum is not None:
            condition += " and len(x) <= {p}maximum"
        if choices is not None:
            condition += " and x in {p}choices"
        if not blank:
            condition += " and x != ''"
    if none:
        condition = f"x is None or ({condition})"
    return _taking(convert, condition, maximum=maximum, choices=choices)


def _integer(field, validated, bounds, choices, general):
    none = _none_taken(field, validated)
    low, high = bounds

    def convert(raw):
        if type(raw) is int:
            if not validated or (
                low <= raw <= high and (choices is None or raw in choices)
            ):
                return raw, raw
        elif raw is None and none:
            return None, None
        return general(raw)

    condition = "type(x) is int"
    if validated:
        condition += " and {p}low <= x <= {p}high"
        if choices is not None:
            condition += " and x in {p}choices"
    if none:
        condition = f"x is None or ({condition})"
    return _taking(convert, condition, low=low, high=high, choices=choices)


def _boolean(general):
    def convert(raw):
        if type(raw) is bool:
            return raw, raw
        return general(raw)

    return _taking(convert, "type(x) is bool")


def _uuid(field, validated, keep, connection, general):
    none = _none_taken(field, validated)
    native = connection.features.has_native_uuid_field
    match = _UUID.fullmatch

    def convert(raw):
        if type(raw) is str and match(raw):
            # The model's value only where it is checked; the database's as text
            # (PostgreSQL reads the same UUID from it) or as 32 hex digits (SQLite's).
            value = uuid.UUID(raw) if keep else None
            return value, raw if native else raw.replace("-", "")
        if raw is None and none:
            return None, None
        return general(raw)

    return convert


def _moment(field, validated, connection, adapt_datetime, general):
    none = _none_taken(field, validated)
    match = _UTC.fullmatch
    # SQLite in UTC takes ``str()`` of the naive datetime: the same digits, a space
    # for the T, no zone, no fraction when it is zero.
    as_text = (
        connection.vendor == "sqlite" and settings.USE_TZ and connection.timezone == UTC
    )

    def convert(raw):
        if type(raw) is str and (found := match(raw)):
            try:
                value = datetime.fromisoformat(raw)
            except ValueError:
                return general(raw)
            if not as_text:
                return value, adapt_datetime(value)
            fraction = found.group(1)
            if fraction is None or fraction == ".000000":
                return value, f"{raw[:10]} {raw[11:19]}"
            return value, f"{raw[:10]} {raw[11:-1]}"
        if raw is None and none:
            return None, None
        return general(raw)

    return convert


def _length(field):
    """The longest value the validators take (None: any), or False: not only a length."""
    maximum = None
    for validator in field.validators:
        if type(validator) is not validators.MaxLengthValidator:
            return False
        if callable(validator.limit_value):
            return False
        maximum = (
            validator.limit_value
            if maximum is None
            else min(maximum, validator.limit_value)
        )
    return maximum


def _range(field):
    """(lowest, highest) the validators take, or None: not only a range."""
    low, high = float("-inf"), float("inf")
    for validator in field.validators:
        limit = validator.limit_value
        if callable(limit) or type(limit) is not int:
            return None
        if type(validator) is validators.MinValueValidator:
            low = max(low, limit)
        elif type(validator) is validators.MaxValueValidator:
            high = min(high, limit)
        else:
            return None
    return low, high


def _choices(field):
    """The values ``validate()`` takes as choices (groups opened), or None: any."""
    if field.choices is None:
        return None
    keys = set()
    for key, label in field.choices:
        if isinstance(label, (list, tuple)):
            keys.update(inner for inner, _ in label)
        else:
            keys.add(key)
    return frozenset(keys)

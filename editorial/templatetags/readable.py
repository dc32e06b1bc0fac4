"""Filters that show the desk's records as an editor reads them.

* ``{{ moment|desk_date }}``: the one date format of the desk, "6 Dec 2026, 17:05"
  (a date alone: "6 Dec 2026"), in the desk's time zone;
* ``{{ user|person }}``: a person by full name, else username ("unknown" for none);
* ``{{ value|shown }}``: a field's value in a history entry: people by name, dates
  in the desk's format, yes or no for a flag.
"""

import datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()

DATE = "j M Y"
DATE_TIME = "j M Y, H:i"


@register.filter
def desk_date(value) -> str:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return dateformat.format(value, DATE_TIME)
    if isinstance(value, datetime.date):
        return dateformat.format(value, DATE)
    return "" if value is None else str(value)


@register.filter
def person(user) -> str:
    if user is None or not hasattr(user, "get_username"):
        return "unknown"
    return user.get_full_name().strip() or user.get_username()


@register.filter
def shown(value) -> str:
    if hasattr(value, "get_username"):
        return person(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return desk_date(value)
    return "" if value is None else str(value)

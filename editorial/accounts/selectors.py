"""Reads for the account page."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from editorial.models import ApiToken


def api_tokens_for(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


#: The apps whose records name people: who made, changed, reviewed or decided what.
DESK_APPS = ("sources", "reference", "editorial")


def desk_records_naming(*, person) -> list[str]:
    """The kinds of the desk's records that name ``person``, history rows included.

    Empty when ``person`` has never acted on the desk. Deleting someone who has would
    blank their name on history rows (``history_user`` is SET_NULL), delete their
    tokens without history, or be refused by a PROTECT; such people are deactivated.
    One query per model that points at people (a few dozen, for the admin's delete).
    """
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in DESK_APPS:
            continue
        names = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is user_model
        ]
        if not names:
            continue
        condition = Q()
        for name in names:
            condition |= Q(**{name: person})
        if model._default_manager.filter(condition).exists():
            label = str(model._meta.verbose_name_plural)
            found.append(label.replace("historical ", "history of "))
    return sorted(set(found))

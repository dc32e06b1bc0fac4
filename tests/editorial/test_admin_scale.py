"""The admin stays as fast on a desk of 5,000 sources and 100,000 claims as on the seed
desk: no list filter and no form menu offers one choice per source, revision, story,
highlight or claim (each would draw the whole desk into one page)."""

import re

import pytest
from django.contrib import admin
from django.db.models import ForeignKey, ManyToManyField
from django.urls import reverse

from editorial.models import Claim, Highlight
from sources.models import Revision, Source, Story

#: Tables that grow with the desk's work.
DESK_SIZED = {Source, Revision, Story, Highlight, Claim}


def _target(model, path: str):
    """The model a ``list_filter`` path ends on, or None for a plain field."""
    field = None
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.is_relation:
            model = field.related_model
    return model if field is not None and field.is_relation else None


def test_no_list_filter_offers_a_choice_per_desk_row():
    offending = [
        f"{model.__name__}.{path}"
        for model, model_admin in admin.site._registry.items()
        for path in model_admin.list_filter
        if isinstance(path, str) and _target(model, path) in DESK_SIZED
    ]
    assert offending == []


def test_no_editable_form_field_is_a_menu_of_desk_rows(rf, django_user_model):
    request = rf.get("/")
    request.user = django_user_model(is_superuser=True, is_staff=True)
    offending = []
    for model, model_admin in admin.site._registry.items():
        if not (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
        ):
            continue  # shown, never edited
        shown = set(model_admin.get_fields(request)) - set(
            model_admin.get_readonly_fields(request)
        )
        by_id = set(model_admin.raw_id_fields) | set(model_admin.autocomplete_fields)
        for field in model._meta.get_fields():
            if not isinstance(field, ForeignKey | ManyToManyField):
                continue
            if field.name in shown and field.related_model in DESK_SIZED:
                if field.name not in by_id:
                    offending.append(f"{model.__name__}.{field.name}")
    assert offending == []


@pytest.mark.django_db
def test_the_highlight_add_form_takes_its_source_by_number(admin_client):
    page = admin_client.get(reverse("admin:editorial_highlight_add")).content.decode()
    assert 'name="source"' in page and "vForeignKeyRawIdAdminField" in page


def test_a_source_with_many_highlights_shows_the_first_fifty_in_the_admin(
    admin_client, source_factory, editor
):
    from editorial.highlights.services import highlight_create

    source = source_factory("Title\n" + "word " * 70)
    for at in range(60):
        start = 6 + 5 * at
        highlight_create(
            source=source, start=start, end=start + 4, user=editor, reason="mark"
        )
    page = admin_client.get(
        reverse("admin:sources_source_change", args=[source.pk])
    ).content.decode()
    rows = re.findall(r'href="/admin/editorial/highlight/\d+/change/', page)
    assert len(rows) == 50
    assert "the first 50" in page

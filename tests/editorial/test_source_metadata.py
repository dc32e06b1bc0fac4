"""A source's details: one list of fields, editable on the desk, read from sidecars, restorable."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from editorial.history import services as history_services
from editorial.history.forms import SourceEditForm
from sources.metadata import METADATA_FIELDS
from sources.models import Source
from sources.services import source_update_metadata
from sources.sidecar import read_sidecar

#: A value for every metadata field, each different from what an import leaves.
OTHER_VALUES = {
    "title": "Another title",
    "publisher": "Le Monde",
    "author": "Jeanne Dupont",
    "url": "https://example.org/article",
    "kind": Source.Kind.PRESS_RELEASE,
    "language": "fr",
    "published_on": datetime.date(2026, 1, 6),
    "published_on_note": "Dateline",
}


def form_data(source, **changes):
    data = {
        name: getattr(source, name) if getattr(source, name) is not None else ""
        for name in METADATA_FIELDS
    }
    return {**data, **changes, "version": source.version, "reason": "Byline"}


def test_the_other_values_cover_every_metadata_field():
    assert set(OTHER_VALUES) == set(METADATA_FIELDS)


def test_an_editor_changes_the_author_on_the_edit_page_with_the_reason_in_history(
    editor_client, source_factory, editor
):
    source = source_factory("Title\ntext")
    url = reverse("history:source-edit", args=[source.pk])
    assert 'name="author"' in editor_client.get(url).content.decode()
    response = editor_client.post(url, form_data(source, author="Jeanne Dupont"))
    assert response.status_code == 302
    source = Source.objects.get(pk=source.pk)
    assert (source.author, source.version) == ("Jeanne Dupont", 2)
    latest = source.history.order_by("-history_id").first()
    assert (latest.author, latest.history_change_reason, latest.history_user) == (
        "Jeanne Dupont",
        "Byline",
        editor,
    )


def test_a_revert_restores_the_author(source_factory, editor):
    source = source_factory("Title\ntext", author="Jeanne Dupont")
    first = source.history.order_by("history_id").first()
    source_update_metadata(source=source, user=editor, reason="typo", author="J. D.")
    source = history_services.source_revert_metadata(
        source=source, history_id=first.history_id, user=editor, reason="it was right"
    )
    assert (source.author, source.version) == ("Jeanne Dupont", 3)
    latest = source.history.order_by("-history_id").first()
    assert latest.author == "Jeanne Dupont"
    assert latest.history_change_reason.startswith("Restored version 1 of ")
    assert latest.history_change_reason.endswith(": it was right")


def test_every_metadata_field_is_on_the_edit_form_and_nothing_else_is():
    assert set(SourceEditForm.base_fields) - {"version", "reason"} == set(
        METADATA_FIELDS
    )


def test_a_sidecar_may_carry_every_metadata_field(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Title\ntext", encoding="utf-8")
    values = {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in OTHER_VALUES.items()
    }
    (tmp_path / "article.json").write_text(json.dumps(values), encoding="utf-8")
    assert read_sidecar(article) == OTHER_VALUES


def test_a_revert_restores_every_metadata_field(source_factory, editor):
    source = source_factory("Title\ntext")
    before = {name: getattr(source, name) for name in METADATA_FIELDS}
    first = source.history.order_by("history_id").first()
    source_update_metadata(source=source, user=editor, reason="all", **OTHER_VALUES)
    source = history_services.source_revert_metadata(
        source=source, history_id=first.history_id, user=editor, reason="undo"
    )
    assert {name: getattr(source, name) for name in METADATA_FIELDS} == before


def test_a_revert_is_checked_as_any_edit_and_changes_nothing_when_refused(
    source_factory, editor
):
    """The revert saves through ``source_update_metadata``: a value the fields refuse now stays out."""
    source = source_factory("Title\ntext")
    first = source.history.order_by("history_id").first()
    Source.history.filter(history_id=first.history_id).update(url="javascript:x")
    source_update_metadata(source=source, user=editor, reason="outlet", publisher="AFP")
    with pytest.raises(ValidationError) as refused:
        history_services.source_revert_metadata(
            source=source, history_id=first.history_id, user=editor, reason="undo"
        )
    assert "url" in refused.value.message_dict
    assert Source.objects.get(pk=source.pk).publisher == "AFP"


def test_a_revert_needs_an_editor(source_factory, editor, user_factory):
    source = source_factory("Title\ntext")
    first = source.history.order_by("history_id").first()
    source_update_metadata(source=source, user=editor, reason="outlet", publisher="AFP")
    with pytest.raises(PermissionDenied):
        history_services.source_revert_metadata(
            source=source,
            history_id=first.history_id,
            user=user_factory("reader"),
            reason="undo",
        )
    assert Source.objects.get(pk=source.pk).publisher == "AFP"

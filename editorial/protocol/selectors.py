"""Reads for the annotation protocol: a container's source, its pages, one annotation."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.db.models import Count, Max, Prefetch

from editorial.models import ClaimHighlight, Highlight
from sources.models import Source

#: The largest id a database stores (a larger number in a URL names nothing).
MAX_ID = 2**63 - 1


def source_for_container(*, pk: int) -> Source | None:
    if pk > MAX_ID:
        return None
    return Source.objects.select_related("current_revision").filter(pk=pk).first()


def _current(source: Source):
    return Highlight.objects.filter(revision_id=source.current_revision_id)


def container_stats(*, source: Source):
    """How many annotations the container holds, and when one last changed (one query)."""
    found = _current(source).aggregate(total=Count("id"), modified=Max("created_at"))
    return found["total"], found["modified"]


def _loaded(queryset):
    return queryset.select_related("source", "created_by").prefetch_related(
        Prefetch("links", queryset=ClaimHighlight.objects.select_related("claim"))
    )


def container_page(*, source: Source, number: int, size: int):
    start = (number - 1) * size
    return list(
        _loaded(_current(source)).order_by("start", "end", "id")[start : start + size]
    )


def annotation(*, pk: int) -> Highlight:
    return _loaded(Highlight.objects.all()).get(pk=pk)


def _named(source_id: int, name: str):
    if source_id > MAX_ID or (name.isdigit() and int(name) > MAX_ID):
        return Highlight.objects.none()
    queryset = Highlight.objects.filter(source_id=source_id)
    if name.isdigit():
        return queryset.filter(pk=int(name), slug__isnull=True) | queryset.filter(
            pk=int(name), slug=""
        )
    return queryset.filter(slug=name)


def annotation_named(*, source_id: int, name: str) -> Highlight | None:
    return _loaded(_named(source_id, name)).first()


@contextmanager
def locked_annotation(*, source_id: int, name: str):
    """The annotation's row locked for a transaction (PUT, DELETE), or None."""
    with transaction.atomic():
        found = _named(source_id, name).select_for_update().first()
        yield annotation(pk=found.pk) if found is not None else None
